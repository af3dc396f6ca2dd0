"""Typed errors of the API clients domain."""

from omotenashi.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    UnauthorizedError,
    ValidationFailedError,
)


class ApiClientNotFoundError(NotFoundError):
    code = "api_client_not_found"
    title = "No such API client"


class InvalidApiClientError(ValidationFailedError):
    code = "invalid_api_client"


class ServicerNotApprovedError(ForbiddenError):
    code = "servicer_not_approved"
    title = "Only an approved servicer can have API clients"


class ApiClientRevokedError(ConflictError):
    code = "api_client_revoked"
    title = "The API client is revoked"


class InvalidClientError(UnauthorizedError):
    """Client authentication failed; the same answer whatever the reason (RFC 6749 §5.2)."""

    code = "invalid_client"
    title = "Client authentication failed"


class InvalidTokenError(UnauthorizedError):
    """A bearer token is missing, malformed, expired, not ours, or its client is gone."""

    code = "invalid_token"
    title = "The access token is not valid"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


class InsufficientScopeError(ForbiddenError):
    code = "insufficient_scope"
    title = "The access token does not carry the scope this request needs"

    def __init__(self, scope: str) -> None:
        super().__init__(
            f"This request needs the scope {scope}.",
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{scope}"'},
        )


class TerminalSuspendedError(ForbiddenError):
    """The platform stopped this terminal for abnormal use; an operator must review it."""

    code = "terminal_suspended"
    title = "This terminal was suspended"


class SandboxOnlyError(ForbiddenError):
    """A sandbox client asked to make or reach something live."""

    code = "sandbox_only"
    title = "A sandbox client reaches only the sandbox"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or "Use a live client for live data; a sandbox client makes sandbox clients."
        )
