"""Both screens of a conversation, live: server-sent events woken by PostgreSQL notifications.

One listening connection per process (:class:`Switchboard`) hears ``service.NOTIFY_CHANNEL``,
whose payload names the conversation a line was added to (sent in the adding transaction, so
only once it is committed, whichever process served the tap), and wakes only that
conversation's streams. A woken stream reads the new lines in a short transaction of its own,
so an open screen holds no connection while it waits. Should the listener be unavailable,
streams look every ``POLL_SECONDS`` instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import asdict

import asyncpg
import structlog

from omotenashi import db
from omotenashi.conversation import phrasebook as book
from omotenashi.conversation import service
from omotenashi.db import OpenSession

log = structlog.get_logger(__name__)

POLL_SECONDS = 1.0
QUIET_LOOK_SECONDS = 20.0  # a woken stream looks anyway now and then, should a bell be lost
MAX_SECONDS = 300.0  # then the browser reconnects (EventSource does), from its Last-Event-ID
KEEP_ALIVE_SECONDS = 20.0


class Switchboard:
    """Per process: one LISTEN connection, and a bell per conversation with open streams."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._connection: asyncpg.Connection | None = None
        self._starting = asyncio.Lock()
        self._bells: dict[str, asyncio.Event] = {}
        self._listeners: dict[str, int] = {}

    def _ring(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        bell = self._bells.pop(payload, None)
        if bell is not None:
            bell.set()

    async def start(self) -> bool:
        async with self._starting:
            if self._connection is not None and not self._connection.is_closed():
                return True
            try:
                self._connection = await asyncpg.connect(db.plain_url(self._url))
                await self._connection.add_listener(service.NOTIFY_CHANNEL, self._ring)
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("conversation.switchboard_unavailable", error=type(error).__name__)
                self._connection = None
                return False
            return True

    def ticket(self, conversation_id: uuid.UUID) -> asyncio.Event:
        """Taken before a look: waiting on it afterwards misses no line added in between."""
        key = str(conversation_id)
        bell = self._bells.get(key)
        if bell is None:
            bell = self._bells[key] = asyncio.Event()
        return bell

    @contextlib.contextmanager
    def tuned_in(self, conversation_id: uuid.UUID) -> Iterator[None]:
        key = str(conversation_id)
        self._listeners[key] = self._listeners.get(key, 0) + 1
        try:
            yield
        finally:
            self._listeners[key] -= 1
            if not self._listeners[key]:
                del self._listeners[key]
                self._bells.pop(key, None)

    async def close(self) -> None:
        if self._connection is not None and not self._connection.is_closed():
            await self._connection.close()
        self._connection = None


def event(name: str, data: object, event_id: int | None = None) -> str:
    head = f"event: {name}\n" + (f"id: {event_id}\n" if event_id is not None else "")
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n"


async def watch(
    open_session: OpenSession,
    switchboard: Switchboard | None,
    conversation_id: uuid.UUID,
    viewer: book.Speaker,
    language: str,
    after: int,
    labels: Callable[[str], str],
    *,
    duration_seconds: float = MAX_SECONDS,
) -> AsyncIterator[str]:
    """The viewer's screen's events: ``line`` for each line after ``after`` (in ``language``,
    with ``labels`` naming its mark), ``joined`` once the visitor's phone is in, ``ended`` when
    the conversation is over (then the stream ends), and keep-alive comments."""
    loop = asyncio.get_running_loop()
    end = loop.time() + duration_seconds
    last_sent = loop.time()
    listening = switchboard is not None and await switchboard.start()
    told_joined = False
    yield "retry: 2000\n\n"
    context: contextlib.AbstractContextManager[None] = (
        switchboard.tuned_in(conversation_id) if switchboard else contextlib.nullcontext()
    )
    with context:
        while True:
            ticket = switchboard.ticket(conversation_id) if switchboard and listening else None
            async with open_session() as session:
                found = await service.lines_since(session, conversation_id, after)
                if found is None:
                    yield event("ended", {})
                    return
                conversation, lines = found
                joined = conversation.joined_at is not None
                shown = [service.shown(line, viewer, language) for line in lines]
            if joined and not told_joined and viewer is book.Speaker.clerk:
                told_joined = True
                yield event("joined", {})
            for item in shown:
                after = item.id
                data = asdict(item) | {"label": labels(item.mark)}
                yield event("line", data, item.id)
                last_sent = loop.time()
            if loop.time() - last_sent >= KEEP_ALIVE_SECONDS:
                last_sent = loop.time()
                yield ": keep-alive\n\n"
            remaining = end - loop.time()
            if remaining <= 0:
                return
            if ticket is not None and switchboard is not None:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(min(QUIET_LOOK_SECONDS, remaining)):
                        await ticket.wait()
            else:
                await asyncio.sleep(min(POLL_SECONDS, remaining))
