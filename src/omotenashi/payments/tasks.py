"""Payment jobs: the ledger's periodic verification, forgetting old idempotency keys, and
releasing holds that expired."""

from __future__ import annotations

from datetime import datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.config import Settings, WalletRegime
from omotenashi.japan import JST
from omotenashi.jobs import periodic
from omotenashi.payments import idempotency, ledger, outbox, report, service, settlement

log = structlog.get_logger(__name__)


@periodic("payments.verify_ledger", "17 * * * *")
async def verify_ledger(session: AsyncSession) -> None:
    """A mismatch is an operator alert: an error event naming each account, never silence."""
    result = await ledger.verify(session)
    if result.clean:
        log.info("ledger.verified", transfers=result.transfers, seconds=round(result.seconds, 2))
        return
    log.error(
        "ledger.mismatch",
        balanced=result.balanced,
        accounts=[str(m.account_id) for m in result.mismatches],
        transfers=result.transfers,
    )


@periodic("payments.purge_idempotency_keys", "7 * * * *")
async def purge_idempotency_keys(session: AsyncSession) -> None:
    await idempotency.purge(session)


@periodic("payments.release_expired_holds", "*/10 * * * *")
async def release_expired_holds(session: AsyncSession) -> None:
    await service.release_expired_holds(session)


@periodic("payments.settle_yesterday", "30 15 * * *")  # 00:30 in Japan
async def settle_yesterday(session: AsyncSession) -> None:
    yesterday = datetime.now(JST).date() - timedelta(days=1)
    await settlement.settle_day(session, yesterday)


@periodic("payments.expire_lapsed_top_ups", "5 * * * *")
async def expire_lapsed_top_ups(session: AsyncSession) -> None:
    """Under short validity only: a registered issuer's balance does not lapse."""
    if Settings().wallet_regime is WalletRegime.short_validity:
        await report.expire_lapsed(session)


@periodic("webhooks.payment_events", "* * * * *")
async def payment_events(session: AsyncSession) -> None:
    """Payment events to the servicers' webhooks, within a minute of the movement."""
    await outbox.relay_to_webhooks(session)
