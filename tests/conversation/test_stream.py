"""The screens' event streams: what each receives, from the tables or from a notification."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession
from tests.conversation.support import resolved_at_the_till

from omotenashi.conversation import phrasebook as book
from omotenashi.conversation import service, stream
from omotenashi.runtime import Platform


def _data(item: str) -> dict[str, object]:
    return json.loads(item.split("data: ", 1)[1])


async def test_a_screen_gets_what_was_said_then_the_end(
    session: AsyncSession, platform: Platform
) -> None:
    till = await resolved_at_the_till(session, platform.keys, language="ne")
    started = await service.start(
        session, platform.keys, servicer_id=till.servicer.id, terminal_id=None, language="ne"
    )
    await service.say(session, started.conversation, book.Speaker.clerk, "hotel.reservation", {})

    @asynccontextmanager
    async def same_session() -> AsyncIterator[AsyncSession]:
        yield session

    events = stream.watch(
        same_session,
        None,  # no listener: the stream reads the tables
        started.conversation.id,
        book.Speaker.visitor,
        "ne",
        0,
        lambda mark: mark,
    )
    assert await anext(events) == "retry: 2000\n\n"
    line = await anext(events)
    assert line.startswith("event: line\nid: ")
    assert _data(line)["text"] == "तपाईंको बुकिङ छ?"
    assert _data(line)["label"] == "phrasebook"

    await service.end(session, started.conversation, book.Speaker.clerk)
    assert await anext(events) == "event: ended\ndata: {}\n\n"


async def test_a_notification_carries_the_line_to_the_conversations_streams_only(
    session: AsyncSession, platform: Platform
) -> None:
    till = await resolved_at_the_till(session, platform.keys, language="ne")
    started = await service.start(
        session, platform.keys, servicer_id=till.servicer.id, terminal_id=None, language="ne"
    )
    line = await service.say(
        session, started.conversation, book.Speaker.clerk, "shop.total", {"price": "3200"}
    )
    switchboard = stream.Switchboard("postgresql://unused")
    message = {"c": str(started.conversation.id), "k": "line", "line": service.line_payload(line)}
    with (
        switchboard.tuned_in(started.conversation.id) as mine,
        switchboard.tuned_in(till.servicer.id) as other,  # another conversation's stream
    ):
        switchboard._ring(None, 0, service.NOTIFY_CHANNEL, json.dumps(message))
        switchboard._ring(None, 0, service.NOTIFY_CHANNEL, "not json")
        carried = mine.get_nowait()
        assert other.empty()

    shown = service.shown(service.line_from(carried["line"]), book.Speaker.visitor, "ne")
    assert shown.text == "जम्मा JP¥\u00a0३,२०० भयो।"
