"""Payments: paying in, charging at a touchpoint, refunds and holds, over the ledger.

A touchpoint identifies the visitor as resolve does, for the ``payment`` purpose
(:func:`identify`): the carrier, the servicer's approval and the visitor's consent are decided
by resolve's one statement. Every operation then checks what it can before writing, and writes
by one call of :func:`omotenashi.payments.ledger.post`, which moves the money or refuses with
nothing written; so a refused operation (a 4xx) never leaves a transfer behind.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.config import Settings, WalletRegime
from omotenashi.consent import requests as consent_requests
from omotenashi.consent.models import ConsentRequest
from omotenashi.db import Executor
from omotenashi.payments import ledger
from omotenashi.payments.errors import (
    AmountOverLimitError,
    CaptureExceedsHoldError,
    ConfirmationNotFoundError,
    ConfirmationRequiredError,
    HoldNotOpenError,
    InsufficientFundsError,
    InvalidAmountError,
    OperationNotFoundError,
    PaymentConsentRequiredError,
    RefundExceedsChargeError,
    UnsupportedCurrencyError,
    WalletClosedError,
    WalletLimitError,
)
from omotenashi.payments.ledger import Operation, Transfer
from omotenashi.payments.models import (
    AccountKind,
    ConfirmationState,
    OperationKind,
    PaymentConfirmation,
    PaymentEvent,
    PaymentOperation,
    TransferKind,
)
from omotenashi.resolve import service as resolve
from omotenashi.resolve.touchpoint import PurposeNotForTerminalError
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey

log = structlog.get_logger(__name__)

CURRENCY = "JPY"
TAX_RATES = ("10", "8")  # consumption tax, standard and reduced (food, newspapers)
DEFAULT_HOLD = timedelta(days=7)
LONGEST_HOLD = timedelta(days=30)


@dataclass(frozen=True)
class Rules:
    """The deployment's wallet rules (``Settings``)."""

    regime: WalletRegime = WalletRegime.short_validity
    validity_days: int = 180
    wallet_limit: int = 50_000
    tap_limit: int = 10_000
    fee_basis_points: int = 300

    @classmethod
    def from_settings(cls, settings: Settings) -> Rules:
        return cls(
            regime=settings.wallet_regime,
            validity_days=settings.wallet_validity_days,
            wallet_limit=settings.wallet_limit,
            tap_limit=settings.tap_limit,
            fee_basis_points=settings.charge_fee_basis_points,
        )

    def fee(self, amount: int) -> int:
        return amount * self.fee_basis_points // 10_000

    def top_up_expiry(self, at: datetime) -> datetime | None:
        if self.regime is WalletRegime.short_validity:
            return at + timedelta(days=self.validity_days)
        return None


@dataclass(frozen=True)
class Presented:
    """What the visitor showed at the touchpoint: a card or tag id, or a QR payload."""

    kind: CarrierKind
    value: str


@dataclass(frozen=True)
class Payer:
    visitor_id: uuid.UUID
    subject: str  # pairwise, at the servicer
    language: str


@dataclass(frozen=True)
class Payment:
    """An operation as its API and pages show it."""

    id: uuid.UUID
    kind: OperationKind
    amount: int
    fee: int
    currency: str
    servicer_id: uuid.UUID | None
    subject: str | None
    original_id: uuid.UUID | None
    description: str | None
    tax_lines: dict[str, int] | None
    created_at: datetime
    expires_at: datetime | None

    @classmethod
    def of(cls, operation: Operation, created_at: datetime) -> Payment:
        return cls(
            id=operation.id,
            kind=operation.kind,
            amount=operation.amount,
            fee=operation.fee,
            currency=CURRENCY,
            servicer_id=operation.servicer_id,
            subject=operation.subject,
            original_id=operation.original_id,
            description=operation.description,
            tax_lines=operation.tax_lines,
            created_at=created_at,
            expires_at=operation.expires_at,
        )

    @classmethod
    def from_row(cls, row: PaymentOperation) -> Payment:
        return cls(
            id=row.id,
            kind=row.kind,
            amount=row.amount,
            fee=row.fee,
            currency=row.currency,
            servicer_id=row.servicer_id,
            subject=row.subject,
            original_id=row.original_id,
            description=row.description,
            tax_lines=row.tax_lines,
            created_at=row.created_at,
            expires_at=row.expires_at,
        )


def check_amount(amount: Any, currency: str = CURRENCY, *, limit: int | None = None) -> int:
    """A whole, positive number of yen, at most ``limit``; else a 422 naming what is wrong."""
    if currency != CURRENCY:
        raise UnsupportedCurrencyError(f"{currency!r} is not accepted; amounts are in JPY.")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidAmountError("Give the amount as a whole, positive number of yen.")
    if limit is not None and amount > limit:
        raise AmountOverLimitError(f"The most one operation may move is ¥{limit:,}.")
    return amount


def check_tax_lines(lines: dict[str, int] | None, amount: int) -> dict[str, int] | None:
    """Amounts (tax included) per consumption-tax rate, adding up to the charge."""
    if lines is None:
        return None
    if set(lines) - set(TAX_RATES) or any(v < 0 for v in lines.values()):
        raise InvalidAmountError("Tax lines are amounts in yen at the rates 10 and 8 (percent).")
    if sum(lines.values()) != amount:
        raise InvalidAmountError("The tax lines must add up to the amount.")
    return {rate: lines[rate] for rate in TAX_RATES if lines.get(rate)}


def card_of(keys: PlatformKeys, presented: Presented) -> resolve.Card:
    """A card or tag as resolve looks it up (not a QR code)."""
    card_id = carriers.parse_card_id(presented.kind, presented.value)
    lookup_hash = CarrierKeys.from_platform(keys).lookup_hash(presented.kind, card_id)
    return resolve.Card(presented.kind, lookup_hash)


async def identify(
    session: AsyncSession,
    keys: PlatformKeys,
    caller: AuthenticatedClient,
    presented: Presented,
    now: datetime,
    *,
    consent: bool = True,
) -> Payer:
    """The visitor behind the carrier, as the ``payment`` purpose sees them at the caller's
    touchpoint. An unknown, revoked or erased carrier or visitor is one 404; a servicer not
    approved for payment, 403; without the visitor's consent to pay here (when ``consent``),
    403 ``consent_required`` with a tap-to-consent request, which stays."""
    if caller.kind is ClientKind.terminal and str(PurposeKey.payment) not in caller.purposes:
        raise PurposeNotForTerminalError()
    whom: uuid.UUID | resolve.Card
    if presented.kind is CarrierKind.qr_device:
        _, whom = await carriers.verify_qr(
            session, CarrierKeys.from_platform(keys), presented.value, now
        )
    else:
        whom = card_of(keys, presented)
    decision = await resolve.decide(
        session,
        servicer_id=caller.servicer_id,
        purpose=PurposeKey.payment,
        whom=whom,
        terminal_id=caller.id if caller.kind is ClientKind.terminal else None,
        now=now,
    )
    match decision.outcome:
        case resolve.Outcome.not_found:
            raise CarrierNotFoundError()
        case resolve.Outcome.not_approved:
            raise PurposeNotApprovedError()
        case resolve.Outcome.consent_required if consent:
            assert decision.visitor_id is not None
            asked = await consent_requests.ask(
                session,
                servicer_id=caller.servicer_id,
                visitor_id=decision.visitor_id,
                purpose=PurposeKey.payment,
                attributes=decision.missing,
                terminal_id=decision.terminal_id,
                now=now,
            )
            raise PaymentConsentRequiredError(
                "Ask the visitor to allow payment here on their phone, then tap again.",
                extra={"consent_request": _asked(asked)},
            )
    return payer_of(keys, decision)


def payer_of(keys: PlatformKeys, decision: resolve.Decision) -> Payer:
    """The visitor resolve found, as the servicer knows them."""
    assert decision.visitor_id is not None
    subject = subject_id(pairwise_key(keys.derivation), decision.servicer_id, decision.visitor_id)
    return Payer(decision.visitor_id, subject, decision.language)


def _asked(asked: ConsentRequest) -> dict[str, Any]:
    return {
        "id": str(asked.id),
        "path": consent_requests.answer_path(asked),
        "expires_at": asked.expires_at.isoformat(),
    }


_ACCOUNTS = sa.text(
    "SELECT kind, id FROM ledger_accounts "
    "WHERE (kind = 'wallet' AND visitor_id = :visitor_id) "
    "OR (kind IN ('merchant', 'cash_float') AND servicer_id = :servicer_id) "
    "OR kind = 'fees'"
)


async def _accounts(
    session: Executor, visitor_id: uuid.UUID | None, servicer_id: uuid.UUID | None
) -> dict[AccountKind, uuid.UUID]:
    """The wallet, the servicer's accounts and the fees account, as far as they are open, in
    one read (an operation's hot path)."""
    rows = await session.execute(_ACCOUNTS, {"visitor_id": visitor_id, "servicer_id": servicer_id})
    return {AccountKind(kind): uuid.UUID(str(id_)) for kind, id_ in rows.all()}


async def _open(
    session: Executor,
    found: dict[AccountKind, uuid.UUID],
    kind: AccountKind,
    *,
    visitor_id: uuid.UUID | None = None,
    servicer_id: uuid.UUID | None = None,
) -> uuid.UUID:
    if kind not in found:
        found[kind] = await ledger.account(
            session, kind, visitor_id=visitor_id, servicer_id=servicer_id
        )
    return found[kind]


async def _announce(session: AsyncSession, kind: str, payment: Payment) -> None:
    """The webhook seam: the event is written in the operation's transaction; the webhooks
    issue delivers ``payment_events`` rows (and marks them delivered)."""
    assert payment.servicer_id is not None
    await session.execute(
        sa.insert(PaymentEvent).values(
            servicer_id=payment.servicer_id,
            kind=kind,
            operation_id=payment.id,
            payload=event_payload(payment),
        )
    )


def event_payload(payment: Payment) -> dict[str, Any]:
    return {
        "id": str(payment.id),
        "kind": str(payment.kind),
        "amount": payment.amount,
        "currency": payment.currency,
        "subject": payment.subject,
        "original_id": str(payment.original_id) if payment.original_id else None,
        "created_at": payment.created_at.isoformat(),
    }


async def top_up_cash(
    session: AsyncSession,
    keys: PlatformKeys,
    rules: Rules,
    caller: AuthenticatedClient,
    presented: Presented,
    amount: Any,
    *,
    actor: str,
    currency: str = CURRENCY,
    now: datetime | None = None,
) -> Payment:
    """Cash received at the servicer's counter: the visitor's wallet is credited from the
    servicer's cash float (cash it holds for the platform, settled with it later)."""
    now = now or datetime.now(UTC)
    amount = check_amount(amount, currency, limit=rules.wallet_limit)
    payer = await identify(session, keys, caller, presented, now, consent=False)
    found = await _accounts(session, payer.visitor_id, caller.servicer_id)
    wallet = await _open(session, found, AccountKind.wallet, visitor_id=payer.visitor_id)
    cash = await _open(session, found, AccountKind.cash_float, servicer_id=caller.servicer_id)
    operation = Operation(
        kind=OperationKind.cash_top_up,
        amount=amount,
        servicer_id=caller.servicer_id,
        wallet_id=wallet,
        subject=payer.subject,
        terminal_id=caller.id if caller.kind is ClientKind.terminal else None,
        actor=actor,
        expires_at=rules.top_up_expiry(now),
    )
    posted = await ledger.post(
        session, operation, [Transfer(cash, wallet, amount)], ceilings={wallet: rules.wallet_limit}
    )
    if posted is None:
        raise WalletLimitError(f"A wallet may hold at most ¥{rules.wallet_limit:,}.")
    log.info("payments.cash_top_up", operation_id=str(operation.id), amount=amount)
    return Payment.of(operation, posted.created_at)


async def charge(
    session: AsyncSession,
    keys: PlatformKeys,
    rules: Rules,
    caller: AuthenticatedClient,
    presented: Presented,
    amount: Any,
    *,
    currency: str = CURRENCY,
    description: str | None = None,
    tax_lines: dict[str, int] | None = None,
    actor: str | None = None,
    now: datetime | None = None,
    identified: Payer | None = None,
) -> Payment:
    """Charge the visitor behind the carrier: their wallet to the servicer, and the platform's
    fee from the servicer, linked in one operation. ``identified``: the visitor, when resolve's
    decision already found them (the lean path's way back here)."""
    now = now or datetime.now(UTC)
    amount = check_amount(amount, currency, limit=rules.wallet_limit)
    lines = check_tax_lines(tax_lines, amount)
    payer = identified or await identify(session, keys, caller, presented, now)
    if amount > rules.tap_limit:
        asked = await _ask_confirmation(
            session, caller, payer, amount, description=description, tax_lines=lines, now=now
        )
        raise ConfirmationRequiredError(
            f"Above ¥{rules.tap_limit:,} the visitor confirms on their phone: show them the "
            "code, then poll the confirmation.",
            extra={"confirmation": confirmation_links(asked)},
        )
    return await _charge(
        session,
        rules,
        caller.servicer_id,
        payer,
        amount,
        kind=OperationKind.charge,
        terminal_id=caller.id if caller.kind is ClientKind.terminal else None,
        description=description,
        tax_lines=lines,
        actor=actor,
    )


async def _charge(
    session: AsyncSession,
    rules: Rules,
    servicer_id: uuid.UUID,
    payer: Payer,
    amount: int,
    *,
    kind: OperationKind,
    terminal_id: uuid.UUID | None,
    description: str | None,
    tax_lines: dict[str, int] | None,
    actor: str | None,
    expires_at: datetime | None = None,
) -> Payment:
    found = await _accounts(session, payer.visitor_id, servicer_id)
    wallet = found.get(AccountKind.wallet)
    if wallet is None:
        raise InsufficientFundsError("The visitor's wallet is empty.")
    merchant = await _open(session, found, AccountKind.merchant, servicer_id=servicer_id)
    held = kind is OperationKind.hold
    fee = 0 if held else rules.fee(amount)
    operation = Operation(
        kind=kind,
        amount=amount,
        servicer_id=servicer_id,
        wallet_id=wallet,
        fee=fee,
        subject=payer.subject,
        terminal_id=terminal_id,
        actor=actor,
        description=description,
        tax_lines=tax_lines,
        expires_at=expires_at,
    )
    transfers = [
        Transfer(wallet, merchant, amount, TransferKind.pending if held else TransferKind.posted)
    ]
    if fee:
        fees = await _open(session, found, AccountKind.fees)
        transfers.append(Transfer(merchant, fees, fee))
    posted = await ledger.post(session, operation, transfers)
    if posted is None:
        raise InsufficientFundsError("The visitor's wallet does not hold enough for this.")
    payment = Payment.of(operation, posted.created_at)
    if not held:
        await _announce(session, "charge.succeeded", payment)
    log.info(f"payments.{kind}", operation_id=str(operation.id), amount=amount)
    return payment


CONFIRMATION_TTL = timedelta(minutes=5)


async def _ask_confirmation(
    session: AsyncSession,
    caller: AuthenticatedClient,
    payer: Payer,
    amount: int,
    *,
    description: str | None,
    tax_lines: dict[str, int] | None,
    now: datetime,
) -> PaymentConfirmation:
    asked = PaymentConfirmation(
        token=secrets.token_urlsafe(24),
        servicer_id=caller.servicer_id,
        visitor_id=payer.visitor_id,
        terminal_id=caller.id if caller.kind is ClientKind.terminal else None,
        subject=payer.subject,
        amount=amount,
        description=description,
        tax_lines=tax_lines,
        state=ConfirmationState.pending,
        expires_at=now + CONFIRMATION_TTL,
    )
    session.add(asked)
    await session.flush()
    log.info("payments.confirmation_asked", confirmation_id=str(asked.id), amount=amount)
    return asked


def confirmation_links(asked: PaymentConfirmation) -> dict[str, Any]:
    return {
        "id": str(asked.id),
        "path": f"/wallet/confirm/{asked.token}",
        "status_url": f"/v1/payments/confirmations/{asked.id}",
        "expires_at": asked.expires_at.isoformat(),
    }


async def confirmation(
    session: AsyncSession, servicer_id: uuid.UUID, confirmation_id: uuid.UUID
) -> PaymentConfirmation:
    """The servicer's confirmation request, as it stands (another's is not found)."""
    asked = await session.scalar(
        sa.select(PaymentConfirmation).where(
            PaymentConfirmation.id == confirmation_id,
            PaymentConfirmation.servicer_id == servicer_id,
        )
    )
    if asked is None:
        raise ConfirmationNotFoundError()
    return asked


async def confirmation_for_visitor(
    session: AsyncSession, visitor_id: uuid.UUID, token: str, *, lock: bool = False
) -> PaymentConfirmation:
    statement = sa.select(PaymentConfirmation).where(
        PaymentConfirmation.token == token, PaymentConfirmation.visitor_id == visitor_id
    )
    asked = await session.scalar(statement.with_for_update() if lock else statement)
    if asked is None:
        raise ConfirmationNotFoundError()
    return asked


async def answer_confirmation(
    session: AsyncSession,
    rules: Rules,
    visitor_id: uuid.UUID,
    token: str,
    *,
    accept: bool,
    now: datetime | None = None,
) -> PaymentConfirmation:
    """The visitor pays (the charge is made now, from their wallet) or declines; once."""
    now = now or datetime.now(UTC)
    asked = await confirmation_for_visitor(session, visitor_id, token, lock=True)
    if asked.state is not ConfirmationState.pending or asked.expires_at <= now:
        raise ConfirmationNotFoundError("This payment was already answered or has expired.")
    if accept:
        payment = await _charge(
            session,
            rules,
            asked.servicer_id,
            Payer(visitor_id, asked.subject, ""),
            asked.amount,
            kind=OperationKind.charge,
            terminal_id=asked.terminal_id,
            description=asked.description,
            tax_lines=asked.tax_lines,
            actor=f"visitor-confirmed:{asked.id}",
        )
        asked.charge_id = payment.id
        asked.state = ConfirmationState.confirmed
    else:
        asked.state = ConfirmationState.declined
    await session.flush()
    return asked


async def hold(
    session: AsyncSession,
    keys: PlatformKeys,
    rules: Rules,
    caller: AuthenticatedClient,
    presented: Presented,
    amount: Any,
    *,
    currency: str = CURRENCY,
    expires_in: timedelta = DEFAULT_HOLD,
    description: str | None = None,
    actor: str | None = None,
    now: datetime | None = None,
) -> Payment:
    """Reserve ``amount`` of the visitor's wallet for the servicer (a hotel's deposit): it
    cannot be spent elsewhere until captured (up to it), released, or expired."""
    now = now or datetime.now(UTC)
    amount = check_amount(amount, currency, limit=rules.wallet_limit)
    if not timedelta(0) < expires_in <= LONGEST_HOLD:
        raise InvalidAmountError("A hold lasts more than no time and at most 30 days.")
    payer = await identify(session, keys, caller, presented, now)
    return await _charge(
        session,
        rules,
        caller.servicer_id,
        payer,
        amount,
        kind=OperationKind.hold,
        terminal_id=caller.id if caller.kind is ClientKind.terminal else None,
        description=description,
        tax_lines=None,
        actor=actor,
        expires_at=now + expires_in,
    )


async def _locked(
    session: AsyncSession, servicer_id: uuid.UUID, operation_id: uuid.UUID, kind: OperationKind
) -> PaymentOperation:
    """The servicer's operation, locked against a concurrent refund, capture or release of
    it (a row lock: the table refuses updates, not locks)."""
    row = await session.scalar(
        sa.select(PaymentOperation)
        .where(
            PaymentOperation.id == operation_id,
            PaymentOperation.servicer_id == servicer_id,
            PaymentOperation.kind == kind,
        )
        .with_for_update()
    )
    if row is None:
        raise OperationNotFoundError()
    return row


async def _followed(session: AsyncSession, operation_id: uuid.UUID, *kinds: OperationKind) -> int:
    total = await session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(PaymentOperation.amount), 0)).where(
            PaymentOperation.original_id == operation_id, PaymentOperation.kind.in_(kinds)
        )
    )
    return int(total or 0)


async def _live_wallet(session: AsyncSession, wallet_id: uuid.UUID | None) -> uuid.UUID:
    visitor = await session.scalar(
        sa.text("SELECT visitor_id FROM ledger_accounts WHERE id = :id"), {"id": wallet_id}
    )
    if wallet_id is None or visitor is None:
        raise WalletClosedError("The visitor erased their account; refund them another way.")
    return wallet_id


async def refund(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    charge_id: uuid.UUID,
    amount: Any = None,
    *,
    currency: str = CURRENCY,
    actor: str | None = None,
    terminal_id: uuid.UUID | None = None,
) -> Payment:
    """Give back all (``amount`` None) or part of what is left of a charge, to the wallet it
    came from. The platform's fee is not returned."""
    original = await _locked(session, servicer_id, charge_id, OperationKind.charge)
    left = original.amount - await _followed(session, charge_id, OperationKind.refund)
    if amount is None:
        amount = left
        if left == 0:
            raise RefundExceedsChargeError("This charge was refunded in full already.")
    amount = check_amount(amount, currency)
    if amount > left:
        raise RefundExceedsChargeError(f"At most ¥{left:,} of this charge is left to refund.")
    wallet = await _live_wallet(session, original.wallet_id)
    merchant = await ledger.account(session, AccountKind.merchant, servicer_id=servicer_id)
    operation = Operation(
        kind=OperationKind.refund,
        amount=amount,
        servicer_id=servicer_id,
        wallet_id=wallet,
        subject=original.subject,
        original_id=charge_id,
        terminal_id=terminal_id,
        actor=actor,
    )
    posted = await ledger.post(session, operation, [Transfer(merchant, wallet, amount)])
    assert posted is not None, "a refund credits a wallet and debits an unguarded account"
    payment = Payment.of(operation, posted.created_at)
    await _announce(session, "refund.succeeded", payment)
    log.info("payments.refund", operation_id=str(operation.id), amount=amount)
    return payment


async def _open_hold(
    session: AsyncSession, servicer_id: uuid.UUID, hold_id: uuid.UUID, now: datetime
) -> tuple[PaymentOperation, int]:
    held = await _locked(session, servicer_id, hold_id, OperationKind.hold)
    if await _followed(session, hold_id, OperationKind.capture, OperationKind.release):
        raise HoldNotOpenError()
    if held.expires_at is not None and held.expires_at <= now:
        raise HoldNotOpenError("This hold has expired; it is released.")
    pending_id = await session.scalar(
        sa.text("SELECT id FROM ledger_transfers WHERE operation_id = :id AND kind = 'pending'"),
        {"id": hold_id},
    )
    return held, int(pending_id)


async def capture(
    session: AsyncSession,
    rules: Rules,
    servicer_id: uuid.UUID,
    hold_id: uuid.UUID,
    amount: Any = None,
    *,
    currency: str = CURRENCY,
    actor: str | None = None,
    terminal_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Payment:
    """Take up to the held amount (all of it when ``amount`` is None) and release the rest,
    in one operation; a hold is captured or released once."""
    now = now or datetime.now(UTC)
    held, pending_id = await _open_hold(session, servicer_id, hold_id, now)
    amount = check_amount(held.amount if amount is None else amount, currency)
    if amount > held.amount:
        raise CaptureExceedsHoldError(f"At most ¥{held.amount:,} is held.")
    assert held.wallet_id is not None
    merchant = await ledger.account(session, AccountKind.merchant, servicer_id=servicer_id)
    transfers = [Transfer(held.wallet_id, merchant, amount, TransferKind.post_pending, pending_id)]
    if amount < held.amount:
        rest = held.amount - amount
        transfers.append(
            Transfer(held.wallet_id, merchant, rest, TransferKind.void_pending, pending_id)
        )
    fee = rules.fee(amount)
    if fee:
        fees = await ledger.account(session, AccountKind.fees)
        transfers.append(Transfer(merchant, fees, fee))
    operation = Operation(
        kind=OperationKind.capture,
        amount=amount,
        fee=fee,
        servicer_id=servicer_id,
        wallet_id=held.wallet_id,
        subject=held.subject,
        original_id=hold_id,
        terminal_id=terminal_id,
        actor=actor,
        description=held.description,
    )
    posted = await ledger.post(session, operation, transfers)
    assert posted is not None, "a capture spends what was reserved for it"
    payment = Payment.of(operation, posted.created_at)
    await _announce(session, "charge.succeeded", payment)
    return payment


async def release(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    hold_id: uuid.UUID,
    *,
    actor: str | None = None,
    terminal_id: uuid.UUID | None = None,
    now: datetime | None = None,
    expired: bool = False,
) -> Payment:
    """Give the whole hold back to the wallet's available balance."""
    now = now or datetime.now(UTC)
    if expired:
        held = await _locked(session, servicer_id, hold_id, OperationKind.hold)
        pending_id = int(
            await session.scalar(
                sa.text(
                    "SELECT id FROM ledger_transfers WHERE operation_id = :id AND kind = 'pending'"
                ),
                {"id": hold_id},
            )
        )
    else:
        held, pending_id = await _open_hold(session, servicer_id, hold_id, now)
    assert held.wallet_id is not None
    merchant = await ledger.account(session, AccountKind.merchant, servicer_id=servicer_id)
    operation = Operation(
        kind=OperationKind.release,
        amount=held.amount,
        servicer_id=servicer_id,
        wallet_id=held.wallet_id,
        subject=held.subject,
        original_id=hold_id,
        terminal_id=terminal_id,
        actor=actor,
    )
    posted = await ledger.post(
        session,
        operation,
        [Transfer(held.wallet_id, merchant, held.amount, TransferKind.void_pending, pending_id)],
    )
    assert posted is not None, "a release only returns what was reserved"
    return Payment.of(operation, posted.created_at)


async def release_expired_holds(session: AsyncSession, now: datetime | None = None) -> int:
    """Release every hold past its expiry that was neither captured nor released."""
    now = now or datetime.now(UTC)
    followed = sa.select(PaymentOperation.original_id).where(
        PaymentOperation.kind.in_((OperationKind.capture, OperationKind.release)),
        PaymentOperation.original_id.is_not(None),
    )
    due = (
        await session.execute(
            sa.select(PaymentOperation.id, PaymentOperation.servicer_id)
            .where(
                PaymentOperation.kind == OperationKind.hold,
                PaymentOperation.expires_at <= now,
                PaymentOperation.id.not_in(followed),
            )
            .limit(1_000)
        )
    ).all()
    for hold_id, servicer_id in due:
        assert servicer_id is not None, "a hold is always a servicer's"
        await release(
            session, servicer_id, hold_id, actor="system:hold-expiry", now=now, expired=True
        )
    if due:
        log.info("payments.holds_expired", holds=len(due))
    return len(due)


async def operation(
    session: AsyncSession, servicer_id: uuid.UUID, operation_id: uuid.UUID
) -> Payment:
    """One of the servicer's operations (another's is not found)."""
    row = await session.scalar(
        sa.select(PaymentOperation).where(
            PaymentOperation.id == operation_id, PaymentOperation.servicer_id == servicer_id
        )
    )
    if row is None:
        raise OperationNotFoundError()
    return Payment.from_row(row)


async def refundable(
    session: AsyncSession, servicer_id: uuid.UUID, ids: list[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """What is left to refund of each of the servicer's charges among ``ids``."""
    charged = await session.execute(
        sa.select(PaymentOperation.id, PaymentOperation.amount).where(
            PaymentOperation.id.in_(ids),
            PaymentOperation.servicer_id == servicer_id,
            PaymentOperation.kind == OperationKind.charge,
        )
    )
    left = {id_: int(amount) for id_, amount in charged.all()}
    refunded = await session.execute(
        sa.select(PaymentOperation.original_id, sa.func.sum(PaymentOperation.amount))
        .where(
            PaymentOperation.original_id.in_(list(left)),
            PaymentOperation.kind == OperationKind.refund,
        )
        .group_by(PaymentOperation.original_id)
    )
    for original_id, amount in refunded.all():
        if original_id is not None:
            left[original_id] -= int(amount)
    return left


async def servicer_names(
    session: AsyncSession, ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str]]:
    """Each servicer's name and its name in Japanese."""

    rows = await session.scalars(sa.select(Servicer).where(Servicer.id.in_(ids)))
    return {s.id: (s.name, s.name_ja) for s in rows.all()}


@dataclass(frozen=True)
class WalletView:
    balance: ledger.Balance
    history: list[Payment]
    servicer_names: dict[uuid.UUID, tuple[str, str]]  # (name, name in Japanese)


async def wallet(session: AsyncSession, visitor_id: uuid.UUID, *, limit: int = 100) -> WalletView:
    """The visitor's balance and their wallet's operations, newest first."""

    wallet_id = await ledger.wallet_of(session, visitor_id)
    if wallet_id is None:
        return WalletView(ledger.Balance(0, 0), [], {})
    rows = (
        await session.scalars(
            sa.select(PaymentOperation)
            .where(PaymentOperation.wallet_id == wallet_id)
            .order_by(PaymentOperation.created_at.desc(), PaymentOperation.id)
            .limit(limit)
        )
    ).all()
    ids = {r.servicer_id for r in rows if r.servicer_id is not None}
    names = {
        s.id: (s.name, s.name_ja)
        for s in (await session.scalars(sa.select(Servicer).where(Servicer.id.in_(ids)))).all()
    }
    return WalletView(
        await ledger.balance(session, wallet_id), [Payment.from_row(r) for r in rows], names
    )


async def servicer_day(
    session: AsyncSession, servicer_id: uuid.UUID, start: datetime, end: datetime
) -> list[Payment]:
    """The servicer's operations in [start, end), oldest first (the console's day)."""
    rows = (
        await session.scalars(
            sa.select(PaymentOperation)
            .where(
                PaymentOperation.servicer_id == servicer_id,
                PaymentOperation.created_at >= start,
                PaymentOperation.created_at < end,
            )
            .order_by(PaymentOperation.created_at, PaymentOperation.id)
        )
    ).all()
    return [Payment.from_row(r) for r in rows]
