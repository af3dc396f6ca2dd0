"""A conversation's rules: who joins, what each screen shows, how free text was translated,
and that nothing of it is left once it ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.content.helpers import FakeTranslator, chain
from tests.conversation.support import AtTheTill, resolved_at_the_till

from omotenashi.conversation import bank, service
from omotenashi.conversation import phrasebook as book
from omotenashi.conversation.errors import (
    ConversationNotFoundError,
    JoinCodeInvalidError,
    NotInConversationError,
    PhraseInvalidError,
)
from omotenashi.conversation.models import Conversation, ConversationLine
from omotenashi.resolve import service as resolve
from omotenashi.runtime import Platform
from omotenashi.translation import service as translation

CLERK, VISITOR = book.Speaker.clerk, book.Speaker.visitor


@pytest.fixture
async def till(session: AsyncSession, platform: Platform) -> AtTheTill:
    return await resolved_at_the_till(session, platform.keys, language="en")


async def _start(session: AsyncSession, platform: Platform, till: AtTheTill, language: str = "en"):
    return await service.start(
        session,
        platform.keys,
        servicer_id=till.servicer.id,
        terminal_id=till.terminal_id,
        language=language,
        scene=book.Scene.shop,
        subject=till.subject,
    )


async def _seen(session: AsyncSession, started: service.Started, viewer: book.Speaker, lang: str):
    found = await service.lines_since(session, started.conversation.id, 0)
    assert found is not None
    return [service.shown(line, viewer, lang) for line in found[1]]


async def test_the_clerks_phrase_reaches_the_visitor_in_their_language_and_back(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    started = await _start(session, platform, till)
    await service.say(session, started.conversation, CLERK, "station.fare", {"price": "3,200"})
    await service.say(session, started.conversation, VISITOR, "answers.yes", {})

    visitor_sees = await _seen(session, started, VISITOR, "en")
    clerk_sees = await _seen(session, started, CLERK, "ja")

    assert [(s.text, s.mark) for s in visitor_sees] == [
        ("The fare is ¥3,200.", "phrasebook"),
        ("Yes", "phrasebook"),
    ]
    assert [s.text for s in clerk_sees] == ["運賃は￥3,200です。", "はい"]


async def test_a_side_says_only_its_own_phrases_with_every_slot_filled(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    started = await _start(session, platform, till)
    with pytest.raises(PhraseInvalidError):
        await service.say(session, started.conversation, VISITOR, "hotel.reservation", {})
    with pytest.raises(PhraseInvalidError) as refused:
        await service.say(session, started.conversation, CLERK, "hotel.room_number", {})
    assert [f.field for f in refused.value.fields] == ["room"]
    with pytest.raises(PhraseInvalidError):
        await service.say(session, started.conversation, CLERK, "no.such.phrase", {})


async def test_free_text_without_an_engine_is_marked_as_needing_translation(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    started = await _start(session, platform, till)
    await service.write(session, chain(None), started.conversation, VISITOR, "Is the ramen halal?")

    (clerk_sees,) = await _seen(session, started, CLERK, "ja")
    (visitor_sees,) = await _seen(session, started, VISITOR, "en")

    assert (clerk_sees.text, clerk_sees.language, clerk_sees.mark) == (
        "Is the ramen halal?",
        "en",
        "needs_translation",
    )
    assert (visitor_sees.text, visitor_sees.mark) == ("Is the ramen halal?", "own")


async def test_free_text_through_the_engine_is_marked_machine_translated_with_its_original(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    engine = FakeTranslator()
    started = await _start(session, platform, till)
    await service.write(session, chain(engine), started.conversation, VISITOR, "Is it halal?")

    (clerk_sees,) = await _seen(session, started, CLERK, "ja")

    assert (clerk_sees.text, clerk_sees.mark, clerk_sees.original) == (
        "[ja] Is it halal?",
        "machine",
        "Is it halal?",
    )
    assert engine.calls == [(("Is it halal?",), "en", "ja")]


async def test_free_text_the_phrasebook_already_holds_comes_from_translation_memory(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    await bank.sync(session)
    engine = FakeTranslator()
    started = await _start(session, platform, till)
    await service.write(
        session, chain(engine), started.conversation, VISITOR, "Where is the toilet?"
    )

    (clerk_sees,) = await _seen(session, started, CLERK, "ja")

    assert (clerk_sees.text, clerk_sees.mark) == ("トイレはどこですか？", "tm_exact")
    assert engine.calls == []


async def test_a_phone_joins_once_with_the_counters_code_and_holds_the_visitor_seat(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    started = await _start(session, platform, till)
    code = await service.invite(session, started.conversation)

    joined = await service.join(session, platform.keys, code)

    assert joined.conversation.id == started.conversation.id
    assert joined.seat == started.seat
    assert code not in joined.seat
    seated = await service.of_seat(session, platform.keys, joined.seat)
    assert seated.id == started.conversation.id
    with pytest.raises(JoinCodeInvalidError):
        await service.join(session, platform.keys, code)  # spent
    with pytest.raises(NotInConversationError):
        await service.of_seat(session, platform.keys, f"{started.conversation.id}.forged")


async def test_a_join_code_stops_working_after_five_minutes(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    started = await _start(session, platform, till)
    code = await service.invite(session, started.conversation)
    later = datetime.now(UTC) + service.JOIN_VALID + timedelta(seconds=1)
    with pytest.raises(JoinCodeInvalidError):
        await service.join(session, platform.keys, code, now=later)


async def test_nothing_is_kept_after_the_conversation_ends_but_that_it_took_place(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    started = await _start(session, platform, till)
    await service.say(session, started.conversation, CLERK, "hotel.room_number", {"room": "1203"})
    await service.write(session, chain(None), started.conversation, VISITOR, "My passport")

    await service.end(session, started.conversation, VISITOR)

    assert await session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 0
    assert await session.scalar(sa.select(sa.func.count()).select_from(ConversationLine)) == 0
    assert await service.lines_since(session, started.conversation.id, 0) is None
    with pytest.raises(ConversationNotFoundError):
        await service.of_seat(session, platform.keys, started.seat)
    log = await resolve.access_log(session, till.visitor_id)
    assert [(e.purpose, e.attribute_keys) for e in log] == [
        ("conversation", []),
        ("payment", ["name", "preferred_languages"]),
    ]


async def test_what_is_said_is_never_written_to_the_write_ahead_log(session: AsyncSession) -> None:
    persistence = await session.execute(
        sa.text(
            "SELECT relname, relpersistence::text FROM pg_class "
            "WHERE relname IN ('conversations', 'conversation_lines') ORDER BY relname"
        )
    )
    assert list(persistence) == [("conversation_lines", "u"), ("conversations", "u")]


async def test_a_conversation_left_idle_is_deleted(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    started = await _start(session, platform, till)
    await service.say(session, started.conversation, CLERK, "general.hello", {})

    later = datetime.now(UTC) + service.IDLE + timedelta(minutes=1)
    assert await service.purge_expired(session, later) == 1
    assert await session.scalar(sa.select(sa.func.count()).select_from(ConversationLine)) == 0


async def test_a_conversation_started_without_a_resolve_here_logs_nobody(
    session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    elsewhere = await resolved_at_the_till(session, platform.keys, name="Other")
    await service.start(
        session,
        platform.keys,
        servicer_id=till.servicer.id,
        terminal_id=till.terminal_id,
        language="en",
        subject=elsewhere.subject,  # another shop's pairwise id names nobody here
    )
    log = await resolve.access_log(session, elsewhere.visitor_id)
    assert [e.purpose for e in log] == ["payment"]


async def test_the_phrasebook_is_in_the_bank_and_its_tmx_export_like_any_segment(
    session: AsyncSession,
) -> None:
    first = await bank.sync(session)
    again = await bank.sync(session)

    exported = await translation.export(session, "ja", "ne")

    assert first.added > 0
    assert again.added == 0  # repeating it adds nothing
    pairs = {(s.source_text, s.target_text) for s in exported.segments}
    assert ("ご予約はありますか？", "तपाईंको बुकिङ छ?") in pairs
    assert ("運賃は{price}です。", "भाडा {price} हो।") in pairs
