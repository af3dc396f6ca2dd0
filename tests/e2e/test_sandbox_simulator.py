"""The sandbox's QR simulator in Chromium: the console page draws the test visitor's rotating
code with the vendored QR library, and the code it shows is one resolve reads back to that test
visitor (with the sandbox's own token), while axe-core finds no serious problem."""

from __future__ import annotations

import httpx
from playwright.async_api import Browser
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories import approved_servicer

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.tokens import issue_access_token
from omotenashi.sandbox import service as sandbox
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn


async def test_the_simulator_shows_a_code_the_sandbox_resolves(
    live_server: LiveServer, live_session: AsyncSession, browser: Browser, screenshots: Screenshots
) -> None:
    keys = live_server.keys
    hotel = await approved_servicer(live_session, "Hotel Simulator", PurposeKey.hotel_check_in)
    terminal, _ = await clients.create_client(
        live_session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Sandbox desk",
        scopes=("resolve", "consent:request"),
        purposes=("hotel_check_in",),
        actor="e2e",
        live=False,
    )
    visitor = await sandbox.create_visitor(
        live_session, keys, hotel.id, label="ゲストA", actor="e2e"
    )
    await sandbox.grant(live_session, keys, hotel.id, visitor.id, PurposeKey.hotel_check_in)
    enrolment = await staff.create_user(
        live_session,
        keys.master,
        email="sandbox-admin@simulator.example.jp",
        display_name="Sandbox",
        password="a long enough password",
        role=Role.servicer_admin,
        servicer_id=hotel.id,
        actor="e2e",
    )
    who = SignedIn(enrolment.user.id, hotel.id, Role.servicer_admin)
    cookie = (await auth.start_staff_session(live_session, who)).token
    token = issue_access_token(keys, terminal)
    await live_session.commit()

    context = await browser.new_context(locale="ja")
    await context.add_cookies(
        [{"name": web.STAFF_COOKIE, "value": cookie, "url": live_server.base}]
    )
    page = await context.new_page()
    await page.goto(f"{live_server.base}/console/sandbox/{visitor.id}")
    drawn = page.locator("#simulator [data-qr] svg")
    await drawn.wait_for()
    code = await page.locator("#simulator [data-qr]").get_attribute("data-code")
    assert code is not None
    assert code.startswith("OM2.")
    assert await serious_accessibility_problems(page) == []
    await screenshots.take(page, "console-sandbox-simulator-ja.png")
    await context.close()

    async with httpx.AsyncClient(base_url=live_server.base) as http:
        served = await http.post(
            "/v1/resolve",
            headers={"authorization": f"Bearer {token}"},
            json={"carrier": {"kind": "qr", "payload": code}, "purpose": "hotel_check_in"},
        )
    assert served.status_code == 200, served.text
    assert served.json()["subject"] == visitor.subject
