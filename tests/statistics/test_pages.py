from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import signed_in_staff
from tests.statistics.helpers import DAY, at, make_visitors, resolves

from omotenashi.runtime import Platform
from omotenashi.servicers.models import Servicer, ServicerCategory
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role
from omotenashi.statistics import service

K = 10  # the default of Settings.statistics_k
RANGE = f"from={(DAY - timedelta(days=2)).isoformat()}&to={(DAY + timedelta(days=2)).isoformat()}"


def _charts_on(page: httpx.Response) -> dict[str, dict[str, object]]:
    islands = re.findall(
        r'<script type="application/json" id="data-([a-z-]+)">(.*?)</script>', page.text, re.S
    )
    return {key: json.loads(body) for key, body in islands}


def _rows(answer: httpx.Response) -> list[list[str]]:
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))


async def _two_groups(session: AsyncSession, name: str = "Hotel Stats Pages") -> Servicer:
    """K Korean visitors check in at a hotel in Tokyo at 10:00 on DAY; K-1 Thai visitors eat at a
    restaurant in Osaka at 15:00: every cell of theirs, in every dimension, counts K-1."""
    hotel = await approved_servicer(session, name, PurposeKey.hotel_check_in)
    korean = await make_visitors(session, K, nationality="KR", language="ko")
    await resolves(session, korean, hotel.id)
    restaurant = await approved_servicer(session, f"{name} Osaka", PurposeKey.food_service)
    restaurant.category = ServicerCategory.restaurant
    restaurant.municipality_code = "271004"
    thai = await make_visitors(session, K - 1, nationality="TH", language="th")
    await resolves(session, thai, restaurant.id, purpose="food_service", when=at(hour=15))
    await service.recompute_day(session, DAY)
    return hotel


async def test_a_group_of_k_minus_one_visitors_appears_in_no_view_and_no_export(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await _two_groups(session)
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    page = await client.get(f"/operator/statistics?{RANGE}&lang=en")
    assert page.status_code == 200
    assert "South Korea" in page.text
    assert "Korean" in page.text
    assert "Thailand" not in page.text
    assert "Thai" not in page.text
    shown = re.sub(r"<[^>]*>", " ", page.text).split()
    assert str(K) in shown
    assert str(K - 1) not in shown
    assert str(2 * K - 1) not in shown
    assert "Restaurant" not in page.text
    assert 'title="Osaka: –"' in page.text
    for key in service.CHART_KEYS:
        answer = await client.get(f"/operator/statistics/{key}.csv?{RANGE}&lang=en")
        rows = _rows(answer)
        flat = [field for row in rows for field in row]
        theirs = {"Thailand", "Thai", "Osaka", "Restaurant", "15:00", "Food service"}
        assert not theirs & set(rows[0]), key
        assert all(not any(row[1:]) for row in rows[1:] if row[0] in theirs), key
        assert str(K - 1) not in flat, key
        assert str(2 * K - 1) not in flat, key


async def test_each_csv_equals_what_its_chart_shows(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await _two_groups(session)
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    page = await client.get(f"/operator/statistics?{RANGE}&lang=en")
    charts = _charts_on(page)
    assert "resolves-by-nationality" in charts
    links = {
        key: html.unescape(href)
        for href, key in re.findall(r'href="(/operator/statistics/([a-z-]+)\.csv[^"]*)"', page.text)
    }
    assert set(charts) <= set(links)
    for key, chart in charts.items():
        rows = _rows(await client.get(links[key]))  # the page's own download link
        series = chart["series"]
        assert isinstance(series, list)
        assert rows[0][1:] == [s["label"] for s in series], key
        assert [row[0] for row in rows[1:]] == chart["labels"], key
        for index, row in enumerate(rows[1:]):
            drawn = ["" if s["values"][index] is None else str(s["values"][index]) for s in series]
            assert row[1:] == drawn, key
    # The map is drawn by the server: its tiles carry the CSV's numbers.
    rows = _rows(
        await client.get(f"/operator/statistics/resolves-by-prefecture.csv?{RANGE}&lang=en")
    )
    assert ["Tokyo", str(K)] in rows
    assert 'title="Tokyo: 10"' in page.text


async def test_a_servicer_sees_its_own_statistics_only(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await _two_groups(session, "Hotel Stats Other")
    mine = await approved_servicer(session, "Hotel Stats Mine", PurposeKey.hotel_check_in)
    await resolves(
        session, await make_visitors(session, K, nationality="US", language="en"), mine.id
    )
    await service.recompute_day(session, DAY)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, mine.id)
    page = await client.get(f"/console/statistics?{RANGE}&lang=en")
    assert page.status_code == 200
    assert "United States" in page.text
    assert "South Korea" not in page.text
    rows = _rows(
        await client.get(f"/console/statistics/resolves-by-nationality.csv?{RANGE}&lang=en")
    )
    assert rows[0][1:] == ["United States"]
    # New visitors are the platform's figures, not a servicer's.
    missing = await client.get(f"/console/statistics/registrations-by-nationality.csv?{RANGE}")
    assert missing.status_code == 404
    refused = await client.get(f"/operator/statistics?{RANGE}")
    assert refused.status_code == 403


async def test_bad_filters_answer_with_the_page_or_a_problem_never_a_500(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    for query in (
        "from=yesterday",
        "from=2026-11-30&to=2026-11-01",
        "purpose=%00",
        "to=9999-99-99",
    ):
        page = await client.get(f"/operator/statistics?{query}")
        assert page.status_code == 422, query
        answer = await client.get(f"/operator/statistics/resolves-by-hour.csv?{query}")
        assert answer.status_code == 422, query
    assert (await client.get("/operator/statistics/nope.csv")).status_code == 404
