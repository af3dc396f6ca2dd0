"""The visitor's alerts as they are issued, for server-sent events on open pages.

Open pages do not poll the database each on their own: one connection per process listens for
PostgreSQL notifications (``lifecycle.NOTIFY_CHANNEL``, sent in the transaction that issues or
cancels an alert, so only once it is committed) and wakes every open stream, which then looks
once. Should
the listener be unavailable, streams look every ``POLL_SECONDS`` instead. Each look is its own
short transaction, so an open page holds no connection between looks.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

import asyncpg
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from omotenashi import db
from omotenashi.alerts import lifecycle, reading
from omotenashi.alerts.models import StoredAlert

log = structlog.get_logger(__name__)

POLL_SECONDS = 3.0
"""How often a stream looks when no listener wakes it."""
QUIET_LOOK_SECONDS = 30.0
"""How often a stream woken by the listener looks anyway, in case a notification was missed."""
MAX_SECONDS = 300.0
"""A stream ends after this and the browser reconnects, so that load balancers can rebalance."""
KEEP_ALIVE_SECONDS = 25.0
"""Comments sent on a quiet stream, which stop proxies closing it as idle."""


class Bell:
    """One listening connection per process; ``wait`` returns when an alert is announced."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._connection: asyncpg.Connection | None = None
        self._event = asyncio.Event()
        self._starting = asyncio.Lock()

    def _ring(self, *_: object) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def start(self) -> bool:
        """Listen, if not already; False when the database cannot be listened to."""
        async with self._starting:
            if self._connection is not None and not self._connection.is_closed():
                return True
            try:
                self._connection = await asyncpg.connect(db.plain_url(self._url))
                await self._connection.add_listener(lifecycle.NOTIFY_CHANNEL, self._ring)
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("alerts.bell_unavailable", error=type(error).__name__)
                self._connection = None
                return False
            return True

    def ticket(self) -> asyncio.Event:
        """Taken before a look: waiting on it afterwards misses no announcement in between."""
        return self._event

    async def wait(self, ticket: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await ticket.wait()

    async def close(self) -> None:
        if self._connection is not None and not self._connection.is_closed():
            await self._connection.close()
        self._connection = None


async def watch(
    sessions: async_sessionmaker[AsyncSession],
    visitor_id: uuid.UUID,
    *,
    bell: Bell | None = None,
    poll_seconds: float = POLL_SECONDS,
    duration_seconds: float = MAX_SECONDS,
) -> AsyncIterator[StoredAlert | None]:
    """Yield every alert in force for the visitor, once each: first those already current,
    then new ones as they come; None now and then as a keep-alive. Ends after
    ``duration_seconds`` (after one look at least); the browser's EventSource reconnects."""
    loop = asyncio.get_running_loop()
    end = loop.time() + duration_seconds
    seen: set[uuid.UUID] = set()
    last_sent = loop.time()
    listening = False
    while True:
        ticket = bell.ticket() if bell is not None and listening else None
        async with sessions() as session:
            current = await reading.current_for_visitor(session, visitor_id)
        for alert in reversed(current):
            if alert.id not in seen:
                seen.add(alert.id)
                last_sent = loop.time()
                yield alert
        if loop.time() - last_sent >= KEEP_ALIVE_SECONDS:
            last_sent = loop.time()
            yield None
        remaining = end - loop.time()
        if remaining <= 0:
            return
        if bell is not None and not listening:
            listening = await bell.start()
            if listening:
                continue  # look once more, now that no announcement can be missed
        if bell is not None and ticket is not None:
            await bell.wait(ticket, min(QUIET_LOOK_SECONDS, KEEP_ALIVE_SECONDS, remaining))
        else:
            await asyncio.sleep(min(poll_seconds, remaining))
