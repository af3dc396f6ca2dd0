"""Typed errors of the payments domain: each a 4xx problem with a stable code, raised before
anything is written (a refused operation leaves no transfer)."""

from http import HTTPStatus

from omotenashi.errors import (
    AppError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    UnavailableError,
    ValidationFailedError,
)


class InvalidAmountError(ValidationFailedError):
    code = "invalid_amount"
    title = "The amount must be a whole, positive number of yen"


class AmountOverLimitError(ValidationFailedError):
    code = "amount_over_limit"
    title = "The amount is over the limit"


class UnsupportedCurrencyError(ValidationFailedError):
    code = "unsupported_currency"
    title = "Only Japanese yen (JPY) is supported"


class InsufficientFundsError(ConflictError):
    code = "insufficient_funds"
    title = "The wallet's balance is not enough"


class WalletLimitError(ConflictError):
    code = "wallet_limit_exceeded"
    title = "The wallet would hold more than its limit"


class WalletClosedError(ConflictError):
    code = "wallet_closed"
    title = "This wallet's visitor has erased their account"


class OperationNotFoundError(NotFoundError):
    code = "payment_not_found"
    title = "No such payment"


class RefundExceedsChargeError(ConflictError):
    code = "refund_exceeds_charge"
    title = "The refund is more than what is left of the charge"


class HoldNotOpenError(ConflictError):
    code = "hold_not_open"
    title = "This hold was already captured, released or has expired"


class CaptureExceedsHoldError(ConflictError):
    code = "capture_exceeds_hold"
    title = "The capture is more than the hold"


class PaymentConsentRequiredError(ForbiddenError):
    code = "consent_required"
    title = "The visitor has not consented to pay here"


class ConfirmationRequiredError(ForbiddenError):
    code = "confirmation_required"
    title = "The visitor must confirm this charge on their phone"


class ConfirmationNotFoundError(NotFoundError):
    code = "confirmation_not_found"
    title = "No such payment confirmation"


class RefundNotAllowedError(ConflictError):
    code = "refund_not_allowed"
    title = "The Payment Services Act allows no refund of this balance"


class IdempotencyKeyRequiredError(AppError):
    status = HTTPStatus.BAD_REQUEST
    code = "idempotency_key_required"
    title = "Send an Idempotency-Key header with every request that moves money"


class IdempotencyKeyReusedError(ValidationFailedError):
    code = "idempotency_key_reused"
    title = "This Idempotency-Key was used with a different request"


class CardPaymentsUnavailableError(NotFoundError):
    """This platform has no payment provider: a lasting setting, not an outage, so a 4xx."""

    code = "card_top_up_unavailable"
    title = "Card top-up is not available"


class ProviderSignatureError(AppError):
    status = HTTPStatus.BAD_REQUEST
    code = "invalid_signature"
    title = "The webhook's signature does not verify"


class CardRefundFailedError(UnavailableError):
    """The provider did not refund a card payment the wallet could not take: the webhook is
    answered with an error, so the provider delivers it again and the refund is retried (under
    the same idempotency key, so it is made once)."""

    code = "card_refund_failed"
    title = "The card payment could not be refunded yet"


class SandboxPaymentsError(ForbiddenError):
    """Money does not move in a servicer's sandbox: there is no sandbox ledger, and a test
    charge must never touch a live wallet."""

    code = "payments_not_in_sandbox"
    title = "Payments cannot be made with a sandbox client"
