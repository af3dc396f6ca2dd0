"""Typed errors of the carriers domain."""

from omotenashi.errors import ConflictError, NotFoundError, ValidationFailedError


class CarrierNotFoundError(NotFoundError):
    """Unknown, revoked, erased, expired, tampered or garbled: deliberately one error for all,
    so that a terminal learns nothing about which."""

    code = "carrier_not_found"
    title = "No such carrier"


class QrReplayedError(ConflictError):
    code = "qr_replayed"
    title = "This code has already been used"


class InvalidCarrierError(ValidationFailedError):
    code = "invalid_carrier"
    title = "The carrier is not valid"
