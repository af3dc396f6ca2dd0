"""Typed errors of the sandbox."""

from omotenashi.errors import ConflictError, ForbiddenError, NotFoundError, ValidationFailedError


class SandboxVisitorNotFoundError(NotFoundError):
    code = "sandbox_visitor_not_found"
    title = "No such sandbox visitor"


class SandboxRequestNotFoundError(NotFoundError):
    code = "consent_request_not_found"
    title = "No such consent request in this sandbox"


class SandboxFullError(ConflictError):
    code = "sandbox_full"
    title = "This sandbox has as many test visitors as it may"


class InvalidSandboxVisitorError(ValidationFailedError):
    code = "invalid_sandbox_visitor"


class SandboxClientRequiredError(ForbiddenError):
    """A live client called the sandbox's API: it never reaches test visitors."""

    code = "sandbox_client_required"
    title = "Only a sandbox client (secret prefixed oms_test_) may use the sandbox API"
