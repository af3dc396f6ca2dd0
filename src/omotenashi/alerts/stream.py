"""The visitor's alerts as they are issued, for server-sent events on open pages.

Each look is its own short transaction, so an open page holds no connection between looks.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from omotenashi.alerts import service
from omotenashi.alerts.models import StoredAlert

POLL_SECONDS = 3.0
MAX_SECONDS = 300.0
"""A stream ends after this and the browser reconnects, so that load balancers can rebalance."""
KEEP_ALIVE_EVERY = 10
"""Looks between keep-alive comments (which stop proxies closing an idle stream)."""


async def watch(
    sessions: async_sessionmaker[AsyncSession],
    visitor_id: uuid.UUID,
    *,
    poll_seconds: float = POLL_SECONDS,
    duration_seconds: float = MAX_SECONDS,
) -> AsyncIterator[StoredAlert | None]:
    """Yield every alert in force for the visitor, once each: first those already current,
    then new ones as they come; None now and then as a keep-alive. Ends after
    ``duration_seconds`` (after one look at least); the browser's EventSource reconnects."""
    loop = asyncio.get_running_loop()
    end = loop.time() + duration_seconds
    seen: set[uuid.UUID] = set()
    looked = 0
    while True:
        async with sessions() as session:
            current = await service.current_for_visitor(session, visitor_id)
        fresh = [alert for alert in reversed(current) if alert.id not in seen]
        for alert in fresh:
            seen.add(alert.id)
            yield alert
        looked += 1
        if not fresh and looked % KEEP_ALIVE_EVERY == 0:
            yield None
        if loop.time() + poll_seconds > end:
            return
        await asyncio.sleep(poll_seconds)
