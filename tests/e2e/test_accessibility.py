"""Every page the journeys do not already pass through, checked by axe-core in Chromium."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import Browser
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories import approved_servicer

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.content import service as content
from omotenashi.content.dietary import Presence
from omotenashi.content.models import ContentKind
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn

# Three languages of every page: the longest journey file, handed out first.
pytestmark = pytest.mark.slow(0.9)

PAGES = {
    None: ["/join", "/staff/signin", "/signin", "/developers"],
    Role.servicer_admin: ["/console", "/counter", "/console/content", "/console/webhooks"],
    Role.operator: ["/operator", "/operator/translation-bank"],
}


@pytest.mark.parametrize("language", ["ja", "en", "my"])
async def test_staff_and_sign_up_pages_have_no_serious_accessibility_problem(
    language: str,
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Screenshots,
) -> None:
    hotel = await approved_servicer(
        live_session, f"Hotel A11y {language}", PurposeKey.hotel_check_in
    )
    dish = await content.create_item(
        live_session,
        hotel.id,
        content.Draft(
            kind=ContentKind.dish, title="朝食の和定食", allergens={"egg": Presence.contains}
        ),
        actor="staff:e2e",
    )
    pages = {
        **PAGES,
        Role.servicer_admin: [*PAGES[Role.servicer_admin], f"/console/content/{dish.id}"],
    }
    cookies = {}
    for role in (Role.servicer_admin, Role.operator):
        enrolment = await staff.create_user(
            live_session,
            live_server.keys.master,
            email=f"{role}-{language}@a11y.example.jp",
            display_name="A11y",
            password="a long enough password",
            role=role,
            servicer_id=None if role is Role.operator else hotel.id,
            actor="e2e",
        )
        who = SignedIn(enrolment.user.id, enrolment.user.servicer_id, role)
        cookies[role] = (await auth.start_staff_session(live_session, who)).token
    await live_session.commit()
    found: dict[str, list[str]] = {}

    async def check(role: Role | None, paths: list[str]) -> None:
        context = await browser.new_context(locale=language)
        if role is not None:
            await context.add_cookies(
                [{"name": web.STAFF_COOKIE, "value": cookies[role], "url": live_server.base}]
            )
        page = await context.new_page()
        for path in paths:
            await page.goto(f"{live_server.base}{path}?lang={language}")
            assert page.url.split("?")[0].endswith(path), page.url  # not sent to sign in
            problems = await serious_accessibility_problems(page)
            if problems:
                found[f"{path} ({language})"] = problems
            name = path.strip("/").replace(str(dish.id), "item").replace("/", "-") or "landing"
            await screenshots.take(page, f"{name}-{language}.png")
        await context.close()

    # Each role's pages in a browser context of its own, at the same time: a page's turn
    # between the server, the browser and this process leaves a core idle that another fills.
    await asyncio.gather(*(check(role, paths) for role, paths in pages.items()))
    assert found == {}, found
