"""Both screens of a conversation, live: server-sent events fed by PostgreSQL notifications.

One listening connection per process (:class:`Switchboard`) hears ``service.NOTIFY_CHANNEL``.
Each notification names its conversation and carries what happened (a line, the phone
joining, the end), sent in the transaction that made it, so only once it is committed,
whichever process served the tap; the switchboard hands it to that conversation's open
streams only, which render it for their screen without reading the database. A stream reads
the tables when it opens (from the browser's Last-Event-ID), when a notification was too large
to carry its line, and now and then in case one was lost; should the listener be unavailable,
it reads them every ``POLL_SECONDS`` instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import asdict
from typing import Any

import asyncpg
import structlog

from omotenashi import db
from omotenashi.conversation import phrasebook as book
from omotenashi.conversation import service
from omotenashi.conversation.models import ConversationLine
from omotenashi.db import OpenSession

log = structlog.get_logger(__name__)

POLL_SECONDS = 1.0
QUIET_LOOK_SECONDS = 20.0  # a stream reads the tables anyway now and then, should one be lost
MAX_SECONDS = 300.0  # then the browser reconnects (EventSource does), from its Last-Event-ID
LOOK: dict[str, Any] = {"k": "look"}


class Switchboard:
    """Per process: one LISTEN connection, and the queues of the conversations' open streams."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._connection: asyncpg.Connection | None = None
        self._starting = asyncio.Lock()
        self._queues: dict[str, set[asyncio.Queue[dict[str, Any]]]] = {}

    def _ring(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            message = json.loads(payload)
        except ValueError:
            return
        if not isinstance(message, dict):
            return
        for queue in self._queues.get(str(message.get("c")), ()):
            queue.put_nowait(message)

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

    @contextlib.contextmanager
    def tuned_in(self, conversation_id: uuid.UUID) -> Iterator[asyncio.Queue[dict[str, Any]]]:
        """What happens in this conversation from now on, for one stream."""
        key = str(conversation_id)
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._queues.setdefault(key, set()).add(queue)
        try:
            yield queue
        finally:
            self._queues[key].discard(queue)
            if not self._queues[key]:
                del self._queues[key]

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
    seen: set[int] = set()
    told_joined = False
    listening = switchboard is not None and await switchboard.start()
    yield "retry: 2000\n\n"

    def said(lines: list[ConversationLine]) -> Iterator[str]:
        for line in sorted(lines, key=lambda one: one.id):
            if line.id in seen:
                continue
            seen.add(line.id)
            shown = service.shown(line, viewer, language)
            yield event("line", asdict(shown) | {"label": labels(shown.mark)}, shown.id)

    def joined() -> Iterator[str]:
        nonlocal told_joined
        if viewer is book.Speaker.clerk and not told_joined:
            told_joined = True
            yield event("joined", {})

    async def look() -> tuple[bool, list[str]]:
        """Read the tables: whether the conversation goes on, and the events it owes."""
        async with open_session() as session:
            found = await service.lines_since(session, conversation_id, after)
        if found is None:
            return False, [event("ended", {})]
        conversation, lines = found
        owed = [*said(lines)]
        if conversation.joined_at is not None:
            owed += [*joined()]
        return True, owed

    context: contextlib.AbstractContextManager[asyncio.Queue[dict[str, Any]] | None] = (
        switchboard.tuned_in(conversation_id)
        if switchboard is not None and listening
        else contextlib.nullcontext()
    )
    with context as queue:
        going_on, owed = await look()  # after tuning in: nothing said in between is missed
        for item in owed:
            yield item
        while going_on:
            remaining = end - loop.time()
            if remaining <= 0:
                return
            if queue is None:
                await asyncio.sleep(min(POLL_SECONDS, remaining))
                message = LOOK
            else:
                try:
                    async with asyncio.timeout(min(QUIET_LOOK_SECONDS, remaining)):
                        message = await queue.get()
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    message = LOOK
            match message.get("k"):
                case "line" if isinstance(message.get("line"), dict):
                    for item in said([service.line_from(message["line"])]):
                        yield item
                case "joined":
                    for item in joined():
                        yield item
                case "ended":
                    yield event("ended", {})
                    return
                case _:
                    going_on, owed = await look()
                    for item in owed:
                        yield item
