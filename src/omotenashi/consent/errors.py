"""Typed errors of the consent domain."""

from omotenashi.errors import NotFoundError, ValidationFailedError


class GrantNotFoundError(NotFoundError):
    code = "consent_not_found"
    title = "No such consent"


class InvalidGrantError(ValidationFailedError):
    code = "invalid_consent"
    title = "This consent cannot be given as asked"
