from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.statistics.helpers import DAY, at, consent_requests, make_visitors, resolves

from omotenashi import jobs
from omotenashi.consent.models import ConsentRequestState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.statistics import service
from omotenashi.statistics.errors import InvalidStatisticsQueryError
from omotenashi.statistics.models import StatCell

K = 10
WEEK = service.Query(DAY - timedelta(days=3), DAY + timedelta(days=3), None)


async def _chart(session: AsyncSession, key: str, servicer_id=None, query=WEEK) -> service.Chart:  # type: ignore[no-untyped-def]
    return await service.chart(session, servicer_id, key, query, K, "en")


async def test_recompute_of_a_day_is_idempotent(session: AsyncSession) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 1", PurposeKey.hotel_check_in)
    korean = await make_visitors(session, K, nationality="KR", language="ko")
    await resolves(session, korean, hotel.id)
    first = await service.recompute_day(session, DAY)
    second = await service.recompute_day(session, DAY)
    count = await session.scalar(select(func.count()).where(StatCell.day == DAY))
    assert first == second == count
    assert first > 0


async def test_cell_of_k_visitors_is_published_and_k_minus_one_is_not(
    session: AsyncSession,
) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 2", PurposeKey.hotel_check_in)
    korean = await make_visitors(session, K, nationality="KR", language="ko")
    thai = await make_visitors(session, K - 1, nationality="TH", language="th")
    await resolves(session, korean, hotel.id)
    await resolves(session, thai, hotel.id)
    await service.recompute_day(session, DAY)
    chart = await _chart(session, "resolves-by-nationality")
    assert [s.label for s in chart.series] == ["South Korea"]
    assert chart.series[0].values[chart.labels.index(DAY.isoformat())] == K
    # The hotel sees its own cells under the same rule.
    own = await _chart(session, "resolves-by-nationality", hotel.id)
    assert [s.label for s in own.series] == ["South Korea"]


async def test_many_resolves_of_few_visitors_stay_suppressed(session: AsyncSession) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 3", PurposeKey.hotel_check_in)
    few = await make_visitors(session, K - 1, nationality="FR", language="fr")
    for hour in range(5):
        await resolves(session, few, hotel.id, when=at(hour=hour + 8))
    await service.recompute_day(session, DAY)
    for key in ("resolves-by-nationality", "resolves-by-purpose", "resolves-by-hour"):
        assert (await _chart(session, key)).empty, key


async def test_prefecture_comes_from_the_servicers_municipality(session: AsyncSession) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 4", PurposeKey.hotel_check_in)
    people = await make_visitors(session, K, nationality="US", language="en")
    await resolves(session, people, hotel.id, when=at(hour=21))
    await service.recompute_day(session, DAY)
    by_prefecture = await _chart(session, "resolves-by-prefecture")
    tokyo = by_prefecture.codes.index("13")
    assert by_prefecture.series[0].values[tokyo] == K
    assert by_prefecture.labels[tokyo] == "Tokyo"
    by_hour = await _chart(session, "resolves-by-hour")
    assert by_hour.series[0].values[21] == K
    assert by_hour.series[0].values[20] is None


async def test_ratings_unanswered_and_consent_required_rate(session: AsyncSession) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 5", PurposeKey.hotel_check_in)
    people = await make_visitors(session, K, nationality="KR", language="ko")
    await resolves(session, people[:5], hotel.id, rating=2)
    await resolves(session, people[5:], hotel.id, rating=4)
    await consent_requests(session, people[:5], hotel.id)
    await service.recompute_day(session, DAY)
    ratings = await _chart(session, "ratings-by-purpose")
    assert ratings.series[0].values == [3.0]
    unanswered = await _chart(session, "unanswered-feedback")
    assert unanswered.series[0].values[unanswered.labels.index(DAY.isoformat())] == K
    friction = await _chart(session, "consent-required-by-category")
    hotel_row = friction.codes.index("hotel")
    assert friction.series[0].values[hotel_row] == pytest.approx(100 * 5 / 15, abs=0.1)


async def test_a_total_is_the_sum_of_published_cells_only(session: AsyncSession) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 6", PurposeKey.hotel_check_in)
    korean = await make_visitors(session, K, nationality="KR", language="ko")
    french = await make_visitors(session, K - 1, nationality="FR", language="fr")
    await resolves(session, korean, hotel.id)
    await resolves(session, french, hotel.id)
    await service.recompute_day(session, DAY)
    chart = await _chart(session, "resolves-by-language")
    assert sum(v or 0 for s in chart.series for v in s.values) == K


async def test_purpose_filter_keeps_only_that_purpose(session: AsyncSession) -> None:
    hotel = await approved_servicer(
        session, "Hotel Stats 7", PurposeKey.hotel_check_in, PurposeKey.food_service
    )
    people = await make_visitors(session, K, nationality="KR", language="ko")
    await resolves(session, people, hotel.id)
    await resolves(session, people, hotel.id, purpose="food_service")
    await service.recompute_day(session, DAY)
    only_food = service.Query(WEEK.start, WEEK.end, "food_service")
    chart = await _chart(session, "resolves-by-purpose", query=only_food)
    assert [s.label for s in chart.series] == ["Food service"] or len(chart.series) == 1


@pytest.mark.parametrize(
    ("start", "end", "purpose"),
    [
        ("2026-13-01", None, None),
        ("2026-11-20", "2026-11-01", None),
        ("2020-01-01", "2026-11-01", None),
        (None, None, "nope"),
    ],
)
def test_bad_filters_are_refused(start: str | None, end: str | None, purpose: str | None) -> None:
    with pytest.raises(InvalidStatisticsQueryError):
        service.parse_query(start, end, purpose)


def test_the_periodic_job_recomputes_the_recent_days() -> None:
    jobs.load_task_modules()
    assert "statistics.recompute_recent" in jobs._PERIODIC


async def test_k_is_whatever_the_platform_sets(session: AsyncSession) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 8", PurposeKey.hotel_check_in)
    people = await make_visitors(session, 5, nationality="KR", language="ko")
    await resolves(session, people, hotel.id)
    await service.recompute_day(session, DAY)
    for k, shown in ((5, True), (6, False)):
        chart = await service.chart(session, None, "resolves-by-purpose", WEEK, k, "en")
        assert chart.empty is not shown, k


async def test_a_days_average_rating_shows_once_k_visitors_have_rated(
    session: AsyncSession,
) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 9", PurposeKey.hotel_check_in)
    korean = await make_visitors(session, K - 1, nationality="KR", language="ko")
    await resolves(session, korean, hotel.id, rating=2)
    await service.recompute_day(session, DAY)
    assert (await _chart(session, "ratings-by-purpose")).empty
    one_more = await make_visitors(session, 1, nationality="KR", language="ko")
    await resolves(session, one_more, hotel.id, rating=2)
    await service.recompute_day(session, DAY)
    assert (await _chart(session, "ratings-by-purpose")).series[0].values == [2.0]


async def test_an_ask_answered_after_consent_counts_once_and_as_needing_consent(
    session: AsyncSession,
) -> None:
    hotel = await approved_servicer(session, "Hotel Stats 10", PurposeKey.hotel_check_in)
    people = await make_visitors(session, K, nationality="KR", language="ko")
    await consent_requests(session, people[:5], hotel.id, state=ConsentRequestState.fulfilled)
    await resolves(session, people, hotel.id)  # five after their consent, five at once
    await service.recompute_day(session, DAY)
    friction = await _chart(session, "consent-required-by-purpose")
    assert friction.series[0].values == [50.0]
