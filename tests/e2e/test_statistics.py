"""The statistics pages in Chromium: the charts are drawn by the vendored Chart.js, the map of
Japan shows the prefecture, and axe-core finds no serious problem (operator and servicer)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from playwright.async_api import Browser
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories import approved_servicer
from tests.statistics.helpers import make_visitors, resolves

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.config import Settings
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn
from omotenashi.statistics import service as statistics


@pytest.mark.parametrize("language", ["ja", "en"])
async def test_statistics_pages_draw_their_charts_accessibly(
    language: str,
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Screenshots,
) -> None:
    hotel = await approved_servicer(
        live_session, f"Hotel Statistics {language}", PurposeKey.hotel_check_in
    )
    guests = await make_visitors(
        live_session, Settings().statistics_k, nationality="KR", language="ko"
    )
    await resolves(live_session, guests, hotel.id, when=datetime.now(UTC))
    await statistics.recompute_day(live_session, statistics.today())
    cookies = {}
    for role in (Role.servicer_admin, Role.operator):
        enrolment = await staff.create_user(
            live_session,
            live_server.keys.master,
            email=f"stats-{role}-{language}@a11y.example.jp",
            display_name="Statistics",
            password="a long enough password",
            role=role,
            servicer_id=None if role is Role.operator else hotel.id,
            actor="e2e",
        )
        who = SignedIn(enrolment.user.id, enrolment.user.servicer_id, role)
        cookies[role] = (await auth.start_staff_session(live_session, who)).token
    await live_session.commit()
    found: dict[str, list[str]] = {}

    async def check(role: Role, path: str) -> None:
        context = await browser.new_context(locale=language)
        await context.add_cookies(
            [{"name": web.STAFF_COOKIE, "value": cookies[role], "url": live_server.base}]
        )
        page = await context.new_page()
        await page.goto(f"{live_server.base}{path}?lang={language}")
        assert page.url.split("?")[0].endswith(path), page.url
        drawn = await page.evaluate(
            "Array.from(document.querySelectorAll('canvas[data-chart]'))"
            ".filter(c => Chart.getChart(c) !== undefined).length"
        )
        assert drawn >= 3, path  # purpose, kind of servicer, nationality at least
        tokyo = page.locator(".japan .tile.heat-5")
        assert await tokyo.count() == 1
        problems = await serious_accessibility_problems(page)
        if problems:
            found[f"{path} ({language})"] = problems
        name = path.strip("/").replace("/", "-")
        await screenshots.take(page, f"{name}-{language}.png")
        await context.close()

    # Both pages at the same time, each in a context of its own: one page's turn between the
    # server, the browser and this process leaves a core idle that the other fills.
    await asyncio.gather(
        check(Role.operator, "/operator/statistics"),
        check(Role.servicer_admin, "/console/statistics"),
    )
    assert found == {}, found
