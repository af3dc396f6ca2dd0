"""Typed errors of the content domain."""

from omotenashi.errors import ConflictError, NotFoundError, ValidationFailedError


class ItemNotFoundError(NotFoundError):
    code = "content_not_found"
    title = "No such content item"


class InvalidContentError(ValidationFailedError):
    code = "invalid_content"
    title = "The content item is not valid"


class SuggestionNotFoundError(NotFoundError):
    code = "suggestion_not_found"
    title = "No such suggestion"


class SuggestionDecidedError(ConflictError):
    code = "suggestion_decided"
    title = "This suggestion has already been accepted or rejected"


class TooManySuggestionsError(ConflictError):
    code = "too_many_suggestions"
    title = "You have many suggestions waiting; wait until some are decided"
