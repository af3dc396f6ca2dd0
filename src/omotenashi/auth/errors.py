"""Typed errors of sign-in sessions."""

from omotenashi.errors import ForbiddenError, UnauthorizedError


class NotSignedInError(UnauthorizedError):
    """No session, or one that ended, expired or belongs to someone erased or disabled: the
    same answer whatever the reason."""

    code = "not_signed_in"
    title = "Sign in first"


class WrongPrincipalError(ForbiddenError):
    code = "wrong_principal"
    title = "This is not available to the kind of account you signed in with"
