"""Typed errors of the staff domain."""

from omotenashi.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
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


class StaffNotFoundError(NotFoundError):
    code = "staff_user_not_found"
    title = "No such staff member"


class CannotDisableSelfError(ConflictError):
    code = "cannot_disable_self"
    title = "No one can disable their own account; ask another administrator"


class EnrolmentLinkNotValidError(NotFoundError):
    code = "enrolment_link_not_valid"
    title = "This link has expired or has already been used"
