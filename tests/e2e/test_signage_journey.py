"""Signage in a real browser: the screen of a station's exit rotates its slides; a Thai
wheelchair user looks themselves up for guidance at its reader, and the screen turns to Thai and
to the step-free route by itself (server-sent events), then back after the hold time."""

from __future__ import annotations

import asyncio
import time

from playwright.async_api import Browser, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories import approved_servicer

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.consent import service as consent
from omotenashi.content import service as content
from omotenashi.content.models import ContentKind
from omotenashi.resolve import service as resolve
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn
from omotenashi.visitors import service as visitors

ADMIN = "staff:e2e"
SLIDES = {
    "公園口はこちら": ((), {"en": "Park exit this way", "th": "ทางออกสวนสาธารณะ"}),
    "エレベーターは右手です": (("wheelchair",), {"en": "Lift on the right", "th": "ลิฟต์อยู่ทางขวา"}),
}


async def test_a_tap_turns_the_screen_to_thai_and_the_step_free_route(
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Screenshots,
) -> None:
    keys = live_server.keys
    station = await approved_servicer(live_session, "Ueno Station Signage", PurposeKey.guidance)
    screen, _ = await clients.create_client(
        live_session,
        station.id,
        kind=ClientKind.terminal,
        label="Park exit screen",
        scopes=("resolve",),
        purposes=("guidance",),
        actor=ADMIN,
    )
    for title, (tags, translations) in SLIDES.items():
        slide = await content.create_item(
            live_session,
            station.id,
            content.Draft(kind=ContentKind.signage, title=title, tags=tags),
            actor=ADMIN,
        )
        for language, text in translations.items():
            await content.post_edit(
                live_session, station.id, slide.id, language, "title", text, actor=ADMIN
            )
    clerk = await staff.create_user(
        live_session,
        keys.master,
        email="screen@ueno-station.example.jp",
        display_name="Screen",
        password="a long enough password",
        role=Role.servicer_staff,
        servicer_id=station.id,
        actor="e2e",
    )
    who = SignedIn(clerk.user.id, station.id, Role.servicer_staff)
    token = (await auth.start_staff_session(live_session, who)).token
    keyring = Keyring(keys.master)
    visitor = await visitors.create_visitor(live_session, keyring, language="th")
    await visitors.update_profile(
        live_session,
        keyring,
        visitor.id,
        {"preferred_languages": ["th"], "accessibility_needs": ["wheelchair"]},
    )
    await consent.grant(
        live_session,
        keys,
        visitor.id,
        purpose=PurposeKey.guidance,
        attributes=["preferred_languages", "accessibility_needs"],
        servicer_id=station.id,
    )
    await live_session.commit()

    context = await browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 720})
    await context.add_cookies([{"name": web.STAFF_COOKIE, "value": token, "url": live_server.base}])
    page = await context.new_page()
    # The screen's stream answers once it has noted the last tap so far: a tap after that
    # answer reaches the screen.
    connected = asyncio.ensure_future(
        page.wait_for_event("response", lambda response: response.url.endswith("/stream"))
    )
    await page.goto(f"{live_server.base}/signage/{screen.id}?hold=5")
    await expect(page.locator(".slide-set:not([hidden])")).to_contain_text("公園口はこちら")
    await expect(page.locator("#tapped")).to_be_hidden()
    assert await serious_accessibility_problems(page) == []
    await screenshots.take(page, "signage-rotation.png", full_page=False)
    await connected  # the screen has connected to its stream

    await resolve.resolve(
        live_session,
        keys,
        servicer_id=station.id,
        visitor_id=visitor.id,
        purpose=PurposeKey.guidance,
        terminal_id=screen.id,
    )
    await live_session.commit()

    tapped = page.locator("#tapped")
    await expect(tapped).to_be_visible(timeout=10_000)
    await expect(tapped.locator(".tap")).to_have_attribute("lang", "th")
    await expect(tapped.locator("h3").first).to_have_text("ลิฟต์อยู่ทางขวา")
    await expect(page.locator("#rotation")).to_be_hidden()
    assert await serious_accessibility_problems(page) == []
    await screenshots.take(page, "signage-tapped-th.png", full_page=False)

    await expect(tapped).to_be_hidden(timeout=10_000)  # back to the rotation after 5 s
    await expect(page.locator("#rotation")).to_be_visible()
    await context.close()
    # The screen went away: its stream ends (the server notices within a poll).
    log = live_server.data_dir / "server.log"
    deadline = time.monotonic() + 10
    while "signage.stream_ended" not in log.read_text() and time.monotonic() < deadline:  # noqa: ASYNC110 - another process writes it
        await asyncio.sleep(0.2)
    ended = [line for line in log.read_text().splitlines() if "signage.stream_ended" in line]
    assert ended, log.read_text()[-3000:]
    assert '"reason": "disconnected"' in ended[0]
