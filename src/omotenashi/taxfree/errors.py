"""Tax-free errors, each with its status and stable code."""

from __future__ import annotations

from omotenashi.errors import ConflictError, NotFoundError, UnavailableError, ValidationFailedError


class TaxFreeNotConfiguredError(ConflictError):
    code = "tax_free_not_configured"
    title = "This shop has not set up tax-free sales"


class RecordNotFoundError(NotFoundError):
    code = "tax_free_record_not_found"
    title = "No such tax-free record"


class InvalidItemsError(ValidationFailedError):
    code = "invalid_items"
    title = "The items cannot make a tax-free record"


class PassportMissingError(ValidationFailedError):
    code = "passport_missing"
    title = "The visitor's passport details are missing"


class WrongStateError(ConflictError):
    code = "tax_free_wrong_state"
    title = "The record is not in a state that allows this"


class NtaNotConfiguredError(ConflictError):
    code = "nta_not_configured"
    title = "This shop sends its records through an approved sender"


class NtaUnavailableError(UnavailableError):
    code = "nta_unavailable"
    title = "The tax office's system could not be reached"
