"""The payments outbox (``payment_events``), written in the transaction of each movement, relayed
to the servicer's webhooks once each."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.payments.models import PaymentEvent
from omotenashi.webhooks import service as webhooks


async def relay_to_webhooks(session: AsyncSession, *, limit: int = 1000) -> int:
    """Turn up to ``limit`` undelivered payment events into webhook events, oldest first; rows
    another worker holds are skipped, not waited for."""
    rows = list(
        await session.scalars(
            sa.select(PaymentEvent)
            .where(PaymentEvent.delivered_at.is_(None))
            .order_by(PaymentEvent.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    now = datetime.now(UTC)
    for row in rows:
        if row.kind in webhooks.EVENT_TYPES:
            # The payment's own ``subject`` is already this servicer's pairwise subject.
            await webhooks.emit(session, row.servicer_id, row.kind, row.payload, now=row.created_at)
        row.delivered_at = now
    await session.flush()
    return len(rows)
