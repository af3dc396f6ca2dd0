"""Typed errors of resolve."""

from omotenashi.errors import ForbiddenError


class ConsentRequiredError(ForbiddenError):
    """The servicer needs attributes the visitor has not granted; ``missing`` names them."""

    code = "consent_required"
    title = "The visitor has not consented to share what this purpose needs"
