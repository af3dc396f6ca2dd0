"""Typed errors of the consent domain."""

from omotenashi.errors import ConflictError, NotFoundError, ValidationFailedError


class GrantNotFoundError(NotFoundError):
    code = "consent_not_found"
    title = "No such consent"


class InvalidGrantError(ValidationFailedError):
    code = "invalid_consent"
    title = "This consent cannot be given as asked"


class ConsentRequestNotFoundError(NotFoundError):
    code = "consent_request_not_found"
    title = "No such consent request, or it has expired"


class ConsentRequestAnsweredError(ConflictError):
    code = "consent_request_answered"
    title = "This consent request has already been answered"
