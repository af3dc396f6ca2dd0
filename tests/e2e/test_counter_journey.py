"""A hotel clerk signs in with password and authenticator code, looks a Thai guest up at the
counter, the guest allows check-in on their own phone, and the counter updates by itself to the
guest register card."""

from __future__ import annotations

import time
from pathlib import Path

import pyotp
from playwright.async_api import Browser, Page, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.factories import approved_servicer

from omotenashi import i18n, web
from omotenashi.auth import service as auth
from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.visitors import service as visitors

CLERK = "clerk@sakura.example.jp"
PASSWORD = "front desk password"
SEED = pyotp.random_base32()
CARD = "01010312841A5D1E"
THAI = i18n.translations("th")


async def _world(session: AsyncSession, keys: PlatformKeys) -> str:
    """The hotel with its clerk and front desk, and a registered Thai guest; the guest's session."""
    hotel = await approved_servicer(session, "Hotel Sakura Ueno", PurposeKey.hotel_check_in)
    await staff.create_user(
        session,
        keys.master,
        email=CLERK,
        display_name="Sato Hana",
        password=PASSWORD,
        role=Role.servicer_staff,
        servicer_id=hotel.id,
        actor="e2e",
        totp_seed=SEED,
    )
    await clients.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Front desk 2",
        scopes=("resolve", "consent:request"),
        purposes=("hotel_check_in",),
        actor="e2e",
    )
    keyring = Keyring(keys.master)
    guest = await visitors.create_visitor(session, keyring, language="th")
    await visitors.update_profile(
        session,
        keyring,
        guest.id,
        {
            "name": {"surname": "SRISUK", "given_names": "MALEE"},
            "nationality": "TH",
            "preferred_languages": ["th"],
            "passport": {
                "document_type": "P",
                "number": "AC9876543",
                "issuing_state": "THA",
                "expiry_date": "2030-06-30",
            },
            "home_address": {"country": "TH", "lines": ["99 Sukhumvit Rd"], "locality": "Bangkok"},
            "phone": "+66812345678",
            "stay": {"arrival": "2026-11-26", "departure": "2026-12-03"},
        },
    )
    await carriers.link_card(
        session, CarrierKeys.from_platform(keys), guest.id, CarrierKind.ic_card, CARD, "Rabbit"
    )
    return (await auth.start_visitor_session(session, guest.id)).token


async def _a11y(page: Page, found: dict[str, list[str]]) -> None:
    problems = await serious_accessibility_problems(page)
    if problems:
        found[page.url] = problems


async def test_the_counter_updates_by_itself_when_the_guest_allows_check_in(
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Path,
) -> None:
    guest_session = await _world(live_session, live_server.keys)
    await live_session.commit()
    base = live_server.base
    a11y: dict[str, list[str]] = {}

    tablet = await browser.new_context(locale="ja-JP", viewport={"width": 1024, "height": 768})
    desk = await tablet.new_page()
    await desk.goto(base + "/counter")
    await desk.wait_for_url("**/staff/signin?next=/counter")
    await _a11y(desk, a11y)
    await desk.fill("#email", CLERK)
    await desk.fill("#password", PASSWORD)
    await desk.fill("#code", pyotp.TOTP(SEED).at(time.time()))
    await desk.click("form[action='/staff/signin'] button")
    await desk.wait_for_url("**/counter")
    await desk.click("form[action='/counter/desk'] button[type=submit]")  # Front desk 2
    await _a11y(desk, a11y)

    await desk.fill("#f-carrier", CARD)
    await desk.click("#resolve-form button[type=submit]")
    waiting = desk.locator(".waiting")
    await expect(waiting.locator("svg")).to_be_visible()  # the tap-to-consent code
    await _a11y(desk, a11y)
    await desk.screenshot(path=screenshots / "counter-waiting-ja.png", full_page=True)
    answer_url = await waiting.locator("[data-qr-text]").get_attribute("data-qr-text")
    assert answer_url is not None

    phone = await browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    await phone.add_cookies([{"name": web.SESSION_COOKIE, "value": guest_session, "url": base}])
    guest = await phone.new_page()
    await guest.goto(answer_url.replace("127.0.0.1", "localhost"))
    await expect(guest.locator("h1")).to_contain_text("Hotel Sakura Ueno")
    await expect(guest.locator(".facts")).to_contain_text(THAI.pgettext("attribute", "Passport"))
    await guest.click("form[action$='/accept'] button")
    await expect(guest.locator(".saved")).to_be_visible()

    # Nobody touches the tablet: it shows the guest and the register card by itself.
    register = desk.locator(".register-card")
    await expect(register).to_contain_text("AC9876543", timeout=10_000)
    await expect(register).to_contain_text("SRISUK MALEE")
    await expect(desk.locator(".speaks strong")).to_have_text("ไทย")
    await _a11y(desk, a11y)
    await desk.screenshot(path=screenshots / "counter-register-card-ja.png", full_page=True)

    await guest.goto(base + "/access")
    await expect(guest.locator("ol.log li").first).to_contain_text("Front desk 2")
    await tablet.close()
    await phone.close()
    assert a11y == {}, a11y
