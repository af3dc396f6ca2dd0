"""Typed errors of the conversation at the counter."""

from omotenashi.errors import ForbiddenError, NotFoundError, ValidationFailedError


class ConversationNotFoundError(NotFoundError):
    """Ended (and so deleted), expired, or never this caller's."""

    code = "conversation_not_found"
    title = "This conversation has ended"


class JoinCodeInvalidError(NotFoundError):
    code = "join_code_invalid"
    title = "This code has expired or was already used; ask for a new one"


class NotInConversationError(ForbiddenError):
    code = "not_in_conversation"
    title = "This device has not joined this conversation"


class PhraseInvalidError(ValidationFailedError):
    code = "phrase_invalid"
    title = "This phrase or one of its values cannot be said"
