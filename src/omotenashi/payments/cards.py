"""Card top-ups: started by the visitor, paid on the provider's page, credited on the
provider's verified webhook — once, however often the provider delivers it.

A payment that arrives when the wallet cannot take it (paid in cash meanwhile past its limit,
or the visitor erased) is refunded to the card through the provider, under an idempotency key
made from the top-up: a webhook delivered again, or retried after the provider failed or the
process died between the refund and its commit, asks for the same refund and gets the first
one back. The visitor's wallet page says so in their language (:func:`refunded_recently`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.payments import ledger
from omotenashi.payments.errors import WalletLimitError
from omotenashi.payments.ledger import Operation, Transfer
from omotenashi.payments.models import AccountKind, CardTopUp, CardTopUpState, OperationKind
from omotenashi.payments.provider import HostedPayment, PaidEvent, PaymentProvider
from omotenashi.payments.service import Rules, check_amount

log = structlog.get_logger(__name__)

# How long the wallet page tells the visitor about a card payment refunded to their card.
REFUND_NOTICE = timedelta(days=7)


async def start(
    session: AsyncSession,
    rules: Rules,
    provider: PaymentProvider,
    visitor_id: uuid.UUID,
    amount: object,
    *,
    site_url: str,
) -> HostedPayment:
    """Check the amount against the wallet's limit and send the visitor to the provider."""
    paid_in = check_amount(amount, limit=rules.wallet_limit)
    wallet = await ledger.wallet_of(session, visitor_id)
    held = (await ledger.balance(session, wallet)).available if wallet else 0
    if held + paid_in > rules.wallet_limit:
        raise WalletLimitError(f"A wallet may hold at most ¥{rules.wallet_limit:,}.")
    top_up = CardTopUp(
        visitor_id=visitor_id,
        amount=paid_in,
        provider_session=f"starting:{uuid.uuid4()}",
        state=CardTopUpState.pending,
    )
    session.add(top_up)
    await session.flush()
    hosted = await provider.start(
        amount=paid_in,
        top_up_id=str(top_up.id),
        success_url=f"{site_url}/wallet",
        cancel_url=f"{site_url}/wallet",
    )
    top_up.provider_session = hosted.session_id
    await session.flush()
    log.info("payments.card_top_up_started", top_up_id=str(top_up.id), amount=paid_in)
    return hosted


async def paid(
    session: AsyncSession,
    rules: Rules,
    event: PaidEvent,
    now: datetime | None = None,
    *,
    provider: PaymentProvider | None = None,
) -> CardTopUp | None:
    """Credit the wallet for a verified paid event, once; or, when the wallet cannot take it,
    refund the card through ``provider``, once."""
    now = now or datetime.now(UTC)
    top_up = await session.scalar(
        sa.select(CardTopUp)
        .where(CardTopUp.provider_session == (event.session_id or ""))
        .with_for_update()
    )
    if top_up is None:
        log.warning("payments.card_event_unknown", event_id=event.event_id)
        return None
    if top_up.state is not CardTopUpState.pending:
        return top_up  # a retried delivery: already done
    if event.currency.lower() != "jpy" or event.amount != top_up.amount:
        top_up.state = CardTopUpState.refused
        log.error("payments.card_event_mismatch", top_up_id=str(top_up.id))
        await session.flush()
        return top_up
    if top_up.visitor_id is None:  # erased before the payment arrived
        return await _refund(session, top_up, event, provider, now)
    wallet = await ledger.account(session, AccountKind.wallet, visitor_id=top_up.visitor_id)
    card = await ledger.account(session, AccountKind.card_float)
    operation = Operation(
        kind=OperationKind.card_top_up,
        amount=top_up.amount,
        wallet_id=wallet,
        actor=f"provider:{event.event_id}",
        description=event.payment_intent,
        expires_at=rules.top_up_expiry(now),
    )
    posted = await ledger.post(
        session,
        operation,
        [Transfer(card, wallet, top_up.amount)],
        ceilings={wallet: rules.wallet_limit},
    )
    if posted is None:  # paid in cash meanwhile past the limit
        return await _refund(session, top_up, event, provider, now)
    top_up.state = CardTopUpState.credited
    top_up.operation_id = operation.id
    log.info("payments.card_top_up_credited", top_up_id=str(top_up.id))
    await session.flush()
    return top_up


async def _refund(
    session: AsyncSession,
    top_up: CardTopUp,
    event: PaidEvent,
    provider: PaymentProvider | None,
    now: datetime,
) -> CardTopUp:
    """Give the payment back to the card. A failed refund raises (the webhook is answered with
    an error and nothing is written, so the provider's next delivery tries again)."""
    if provider is None or event.payment_intent is None:
        top_up.state = CardTopUpState.refused  # an operator refunds it
        log.error("payments.card_top_up_to_refund", top_up_id=str(top_up.id))
        await session.flush()
        return top_up
    refunded = await provider.refund(
        payment_intent=event.payment_intent, amount=top_up.amount, top_up_id=str(top_up.id)
    )
    top_up.state = CardTopUpState.refunded
    top_up.refund_id = refunded.refund_id
    top_up.refunded_at = now
    log.info("payments.card_top_up_refunded", top_up_id=str(top_up.id), status=refunded.status)
    await session.flush()
    return top_up


async def refunded_recently(
    session: AsyncSession, visitor_id: uuid.UUID, now: datetime | None = None
) -> list[int]:
    """The amounts of the visitor's card payments refunded to their card lately, newest first."""
    since = (now or datetime.now(UTC)) - REFUND_NOTICE
    amounts = await session.scalars(
        sa.select(CardTopUp.amount)
        .where(
            CardTopUp.visitor_id == visitor_id,
            CardTopUp.state == CardTopUpState.refunded,
            CardTopUp.refunded_at > since,
        )
        .order_by(CardTopUp.refunded_at.desc())
    )
    return [int(a) for a in amounts.all()]
