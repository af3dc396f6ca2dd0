"""Typed errors of sign-in sessions."""

from omotenashi.errors import ConflictError, ForbiddenError, UnauthorizedError


class NotSignedInError(UnauthorizedError):
    """No session, or one that ended, expired or belongs to someone erased or disabled: the
    same answer whatever the reason."""

    code = "not_signed_in"
    title = "Sign in first"


class WrongPrincipalError(ForbiddenError):
    code = "wrong_principal"
    title = "This is not available to the kind of account you signed in with"


class CodeNotAcceptedError(UnauthorizedError):
    """Wrong, expired, used up or never sent: one answer, so a guesser learns nothing."""

    code = "code_not_accepted"
    title = "That code is not right or has expired; ask for a new one"


class PasskeyNotAcceptedError(UnauthorizedError):
    code = "passkey_not_accepted"
    title = "The passkey could not be verified"


class EmailTakenError(ConflictError):
    code = "email_taken"
    title = "Another account signs in with this e-mail address"
