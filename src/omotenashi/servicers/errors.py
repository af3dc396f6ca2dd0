"""Typed errors of the servicers domain."""

from omotenashi.errors import ConflictError, ForbiddenError, NotFoundError, ValidationFailedError


class ServicerNotFoundError(NotFoundError):
    code = "servicer_not_found"
    title = "No such servicer"


class ServicerExistsError(ConflictError):
    code = "servicer_exists"
    title = "A servicer with this name is already registered in this municipality"


class InvalidServicerError(ValidationFailedError):
    code = "invalid_servicer"


class PurposeNotApprovedError(ForbiddenError):
    code = "purpose_not_approved"
    title = "The servicer is not approved for this purpose"


class InvalidTransitionError(ConflictError):
    code = "invalid_state_transition"
    title = "The servicer cannot move to that state from its current one"
