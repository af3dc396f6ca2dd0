"""Typed errors of the partners domain."""

from omotenashi.errors import ConflictError, ForbiddenError, NotFoundError, ValidationFailedError


class NotAnAgencyError(ForbiddenError):
    code = "not_a_travel_agency"
    title = "Only an approved travel agency may invite travellers"


class InvitationNotFoundError(NotFoundError):
    code = "invitation_not_found"
    title = "No such invitation, or it has expired or been withdrawn"


class InvitationClosedError(ConflictError):
    code = "invitation_closed"
    title = "The invitation was already answered, has expired or was withdrawn"


class InvalidAnswerError(ValidationFailedError):
    code = "invalid_answer"
