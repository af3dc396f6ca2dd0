"""Typed errors of the staff domain."""

from omotenashi.errors import (
    ConflictError,
    ForbiddenError,
    UnauthorizedError,
    ValidationFailedError,
)


class SignInFailedError(UnauthorizedError):
    code = "sign_in_failed"
    title = "The e-mail, password or one-time code is not right"


class InvalidStaffError(ValidationFailedError):
    code = "invalid_staff_user"


class StaffExistsError(ConflictError):
    code = "staff_user_exists"
    title = "Someone already uses this e-mail address"


class RoleRequiredError(ForbiddenError):
    code = "role_required"
    title = "Your role does not allow this"
