from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.feedback.helpers import (
    CHAIN,
    COMMENT_JA,
    COMMENT_KO,
    REPLY_JA,
    REPLY_KO,
    checked_in,
    teach_the_memory,
)

from omotenashi.errors import TooManyRequestsError
from omotenashi.feedback import service
from omotenashi.feedback.errors import (
    AlreadyRatedError,
    EditWindowClosedError,
    FeedbackNotFoundError,
    InteractionNotFoundError,
    InvalidFeedbackError,
)
from omotenashi.feedback.models import Feedback, FeedbackState
from omotenashi.privacy import service as privacy
from omotenashi.resolve import service as resolve
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers.purposes import PurposeKey


async def _give(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    interaction: int,
    rating: int,
    comment: str | None,
    *,
    language: str = "ko",
    now: datetime | None = None,
) -> Feedback:
    return await service.give(
        session,
        CHAIN,
        visitor_id,
        interaction,
        rating=rating,
        comment=comment,
        language=language,
        now=now,
    )


async def test_a_korean_comment_reaches_the_hotel_in_japanese_and_the_reply_comes_back_in_korean(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    stay = await checked_in(session, keys)
    await teach_the_memory(session)
    given = await service.give(
        session,
        CHAIN,
        stay.visitor_id,
        stay.interaction,
        rating=2,
        comment=COMMENT_KO,
        language="ko",
    )
    (entry,) = await service.inbox(session, keys.master, stay.hotel.id)
    assert entry.feedback.comment_ja == COMMENT_JA
    assert entry.feedback.comment_ja_provenance == "tm_exact"
    assert entry.feedback.comment == COMMENT_KO  # the original beside it
    assert entry.subject == subject_id(pairwise_key(keys.master), stay.hotel.id, stay.visitor_id)
    answer = await service.reply(session, CHAIN, stay.hotel.id, None, given.id, REPLY_JA)
    assert answer.translated == REPLY_KO
    assert answer.translated_language == "ko"


async def test_without_any_translation_the_comment_is_marked_untranslated_not_passed_off(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    stay = await checked_in(session, keys)
    await service.give(
        session,
        CHAIN,
        stay.visitor_id,
        stay.interaction,
        rating=4,
        comment="좋았어요",
        language="ko",
    )
    (entry,) = await service.inbox(session, keys.master, stay.hotel.id)
    assert entry.feedback.comment_ja is None
    assert entry.feedback.comment_ja_provenance is None


async def test_one_feedback_per_interaction_changeable_for_a_day_and_removable(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    stay = await checked_in(session, keys)
    now = datetime.now(UTC)
    given = await service.give(
        session,
        CHAIN,
        stay.visitor_id,
        stay.interaction,
        rating=2,
        comment=None,
        language="ko",
        now=now,
    )
    with pytest.raises(AlreadyRatedError):
        await _give(session, stay.visitor_id, stay.interaction, 5, None)
    changed = await service.change(
        session,
        CHAIN,
        stay.visitor_id,
        given.id,
        rating=4,
        comment=None,
        language="ko",
        now=now + timedelta(hours=23),
    )
    assert changed.rating == 4
    with pytest.raises(EditWindowClosedError):
        await service.change(
            session,
            CHAIN,
            stay.visitor_id,
            given.id,
            rating=1,
            comment=None,
            language="ko",
            now=now + timedelta(hours=25),
        )
    await service.remove(session, stay.visitor_id, given.id)
    assert await service.inbox(session, keys.master, stay.hotel.id) == []


async def test_nobody_rates_an_interaction_that_is_not_theirs_or_out_of_range(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    stay = await checked_in(session, keys)
    other = await checked_in(session, keys, "Hotel Other")
    with pytest.raises(InteractionNotFoundError):
        await service.give(
            session,
            CHAIN,
            other.visitor_id,
            stay.interaction,
            rating=5,
            comment=None,
            language="ko",
        )
    with pytest.raises(InvalidFeedbackError):
        await _give(session, stay.visitor_id, stay.interaction, 6, None)
    with pytest.raises(InteractionNotFoundError):  # too long ago to rate
        await service.give(
            session,
            CHAIN,
            stay.visitor_id,
            stay.interaction,
            rating=3,
            comment=None,
            language="ko",
            now=datetime.now(UTC) + service.RATE_WINDOW + timedelta(days=1),
        )


async def test_a_servicer_sees_only_its_own_feedback(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    stay = await checked_in(session, keys)
    given = await _give(session, stay.visitor_id, stay.interaction, 5, None)
    rival = await approved_servicer(session, "Hotel Rival", PurposeKey.hotel_check_in)
    assert await service.inbox(session, keys.master, rival.id) == []
    with pytest.raises(FeedbackNotFoundError):
        await service.reply(session, CHAIN, rival.id, None, given.id, "ありがとう")


async def test_reported_feedback_waits_for_the_operator_who_can_hide_it(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    stay = await checked_in(session, keys)
    given = await service.give(
        session,
        CHAIN,
        stay.visitor_id,
        stay.interaction,
        rating=1,
        comment="spam spam",
        language="en",
    )
    await service.report(session, stay.hotel.id, given.id, "advertising", actor="staff:test")
    assert [f.id for f in await service.reported(session)] == [given.id]
    await service.moderate(session, given.id, hide=True, actor="operator:test")
    assert given.state is FeedbackState.hidden
    assert await service.inbox(session, keys.master, stay.hotel.id) == []


async def test_a_burst_of_feedback_is_slowed_down(
    session: AsyncSession, keys: PlatformKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    stay = await checked_in(session, keys)
    await resolve.resolve(
        session,
        keys,
        servicer_id=stay.hotel.id,
        visitor_id=stay.visitor_id,
        purpose=PurposeKey.hotel_check_in,
    )
    first, second = (entry.id for entry in await privacy.disclosures(session, stay.visitor_id))
    monkeypatch.setattr(service, "MAX_PER_HOUR", 1)
    await _give(session, stay.visitor_id, first, 5, None)
    with pytest.raises(TooManyRequestsError):
        await _give(session, stay.visitor_id, second, 5, None)


async def test_erasing_the_visitor_erases_their_feedback(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    stay = await checked_in(session, keys)
    await _give(session, stay.visitor_id, stay.interaction, 3, "ok", language="en")
    await privacy.erase(session, [stay.visitor_id])
    left = await session.scalar(select(func.count()).select_from(Feedback))
    assert left == 0
