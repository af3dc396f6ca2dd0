"""Typed errors of the visitors domain."""

from omotenashi.errors import NotFoundError, ValidationFailedError


class VisitorNotFoundError(NotFoundError):
    code = "visitor_not_found"
    title = "No such visitor"


class InvalidProfileError(ValidationFailedError):
    code = "invalid_profile"
    title = "Some profile fields are not valid"
