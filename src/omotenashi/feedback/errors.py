"""Typed errors of feedback."""

from omotenashi.errors import ConflictError, NotFoundError, ValidationFailedError


class FeedbackNotFoundError(NotFoundError):
    code = "feedback_not_found"
    title = "There is no such feedback"


class InteractionNotFoundError(NotFoundError):
    """Not the visitor's interaction, too old to rate, or none at all: one answer."""

    code = "interaction_not_found"
    title = "There is no such interaction to rate"


class AlreadyRatedError(ConflictError):
    code = "already_rated"
    title = "This interaction already has your feedback; change it instead"


class EditWindowClosedError(ConflictError):
    code = "edit_window_closed"
    title = "Feedback can be changed for 24 hours only"


class InvalidFeedbackError(ValidationFailedError):
    code = "invalid_feedback"
    title = "Some feedback fields are not valid"
