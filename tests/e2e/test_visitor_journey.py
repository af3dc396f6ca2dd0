"""The journey of issue 4, in two browsers: a Thai visitor registers on their phone and allows
hotels to see check-in data; a hotel clerk signs in with an authenticator code and looks their
QR code up at the counter, which shows the passport number on the guest register card; the
visitor sees that access in Thai, revokes, and the next look-up asks for consent; the visitor
allows it on the phone and the counter updates by itself; the visitor erases themselves and the
hotel's next look-up finds nobody. Passkeys and the offline pass are used on the way."""

from __future__ import annotations

import asyncio
import json
import re
import time

import pyotp
from playwright.async_api import Browser, Page, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import latest_code, sent_so_far, serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories import approved_servicer

from omotenashi import i18n
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.registration.pages import FIELD_MESSAGES
from omotenashi.resolve import pages as counter
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role

SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)
SUICA = "0123456789ABCDEF"
CLERK = "clerk@sakura-asakusa.example.jp"
PASSWORD = "front desk password"
SEED = pyotp.random_base32()
# Not the demo hotel: another journey loads the demo data into the same database.
HOTEL = "Hotel Kaminarimon"
THAI = i18n.translations("th")
JAPANESE = i18n.translations("ja")


async def _hotel(session: AsyncSession, keys: PlatformKeys) -> None:
    """The hotel, approved for check-in, with its front desk and a clerk."""
    hotel = await approved_servicer(session, HOTEL, PurposeKey.hotel_check_in)
    await clients.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Front desk 2",
        scopes=("resolve", "consent:request"),
        purposes=("hotel_check_in",),
        location="1F lobby",
        actor="staff:e2e",
    )
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


async def _clerk_at_the_counter(browser: Browser, base: str, a11y: dict[str, list[str]]) -> Page:
    tablet = await browser.new_context(locale="ja-JP", viewport={"width": 1024, "height": 768})
    desk = await tablet.new_page()
    await desk.goto(base + "/counter")
    await desk.fill("#email", CLERK)
    await desk.fill("#password", PASSWORD)
    await desk.fill("#code", pyotp.TOTP(SEED).at(time.time()))
    await desk.click("form[action='/staff/signin'] button")
    await desk.wait_for_url("**/counter")
    await desk.click("form[action='/counter/desk'] button[type=submit]")  # Front desk 2
    await _checked(desk, a11y)
    return desk


async def _look_up(desk: Page, carrier: str) -> None:
    result = desk.locator("#result")
    await result.evaluate("element => { element.innerHTML = '' }")
    await desk.fill("#f-carrier", carrier)
    await desk.click("#resolve-form button[type=submit]")
    await expect(result).not_to_be_empty()


async def _checked(page: Page, problems: dict[str, list[str]]) -> None:
    found = await serious_accessibility_problems(page)
    if found:
        problems[page.url] = found


async def test_a_thai_visitor_registers_is_resolved_revokes_consents_again_and_erases(
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Screenshots,
) -> None:
    await _hotel(live_session, live_server.keys)
    await live_session.commit()
    base = live_server.base
    a11y: dict[str, list[str]] = {}
    # Meanwhile, at the hotel, the clerk signs in at the counter (their own tablet, nothing of
    # the visitor's yet): the two people's steps overlap as they would in life.
    counter_ready = asyncio.ensure_future(_clerk_at_the_counter(browser, base, a11y))
    context = await browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    page = await context.new_page()

    # The landing page, in Thai from the browser's language, explains before asking anything.
    await page.goto(base + "/")
    await expect(page.locator("h1")).to_have_text(
        THAI.gettext("Register once. Be served in your language, everywhere in Japan.")
    )
    await _checked(page, a11y)
    await screenshots.take(page, "visitor-landing-th.png")
    await page.click(".hero a[href='/signin']")

    # Sign in with an e-mail code; a first sign-in registers.
    await _checked(page, a11y)
    before = sent_so_far(live_server.outbox)
    await page.fill("#email", "somchai@example.co.th")
    await page.click("form[action='/signin/email'] button")
    await page.fill("#code", await latest_code(live_server.outbox, before))
    await page.click("form[action='/signin/code'] button")
    await page.wait_for_url("**/register/passport")

    # The MRZ is checked as it is typed: a misread digit is named, the right lines pass.
    await page.fill("#f-mrz", SPECIMEN.replace("L898902C36", "L898902C37"))
    await expect(page.locator("#mrz-result")).to_contain_text(
        THAI.gettext(FIELD_MESSAGES["mrz.document_number_check"])
    )
    await page.fill("#f-mrz", SPECIMEN)
    await expect(page.locator("#mrz-result .ok")).to_contain_text("L898902C3")
    await _checked(page, a11y)
    await screenshots.take(page, "visitor-passport-th.png")
    await page.click("form.card button[type=submit]")
    await page.wait_for_url("**/register/about")
    await page.select_option("#f-nationality", "TH")
    await page.select_option("#f-home_address-country", "TH")
    await page.fill("#f-home_address-lines", "99 Sukhumvit Road, Bangkok")
    await page.fill("#f-phone", "+66 81 234 5678")
    await _checked(page, a11y)
    await page.click("form.card button[type=submit]")
    await page.wait_for_url("**/register/stay")
    await page.fill("#f-stay-arrival", "2026-11-25")
    await page.fill("#f-stay-departure", "2026-12-05")
    await page.select_option("#f-prefecture", "13")
    await page.click("input[name=warnings][value=yes]")
    await _checked(page, a11y)
    await page.click("form.card button[type=submit]")
    for step in ("food", "help", "contact"):
        await page.wait_for_url(f"**/register/{step}")
        await _checked(page, a11y)
        await page.click("form.card button[type=submit]")
    await page.wait_for_url("**/register/family")
    await _checked(page, a11y)
    await page.click("a.button[href='/me']")
    await page.wait_for_url("**/me")
    await _checked(page, a11y)

    # A passkey for next time, made by the phone's (here: a virtual) authenticator.
    devtools = await context.new_cdp_session(page)
    await devtools.send("WebAuthn.enable")
    await devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    await page.click("[data-passkey-add]")
    await expect(page.locator("#passkey")).to_contain_text(
        THAI.ngettext("You have %(num)d passkey.", "You have %(num)d passkeys.", 1) % {"num": 1}
    )

    # My pass: the code is made on the phone; link the Suica too.
    await page.goto(base + "/pass")
    await page.click("[data-set-up]")
    qr = page.locator("[data-qr]")
    await expect(qr.locator("svg")).to_be_visible()
    code = await qr.get_attribute("data-code")
    assert code is not None
    # The countdown is written the Thai way by the browser's Intl (seconds in Thai, Thai's digits).
    await expect(page.locator("[data-countdown]")).to_have_text(re.compile(r"^\d+ วินาที$"))
    await _checked(page, a11y)
    await screenshots.take(page, "visitor-pass-th.png")

    # With no connection at all, the pass still opens and shows a fresh code.
    await page.wait_for_function(
        "id => caches.match('/pass').then(found => found && found.text())"
        ".then(text => !!text && text.includes(id))",
        arg=json.loads(await page.evaluate("localStorage.getItem('omotenashi.pass')"))[
            "carrier_id"
        ],
    )
    await context.set_offline(True)
    await page.reload()
    await expect(qr.locator("svg")).to_be_visible()
    assert await qr.get_attribute("data-code") is not None
    await context.set_offline(False)
    await page.fill("#f-id", SUICA)
    await page.fill("#f-label", "Suica")
    await page.click("form[action='/pass/cards'] button")
    await page.wait_for_url("**/pass?card=received#cards")

    # The visitor lets hotels see what check-in needs.
    await page.goto(base + "/consents/new?purpose=hotel_check_in")
    await _checked(page, a11y)
    await page.click("form[action='/consents'] button[type=submit]")
    await page.wait_for_url("**/consents")
    await _checked(page, a11y)

    # At the hotel, the clerk (password and authenticator code) scans the QR code on the phone
    # (a USB scanner types it into the counter) and gets the guest register card.
    desk = await counter_ready
    await _look_up(desk, code)
    register = desk.locator(".register-card")
    await expect(register).to_contain_text("L898902C3")
    await expect(desk.locator(".speaks strong")).to_have_text("ไทย")
    await _checked(desk, a11y)
    await screenshots.take(desk, "counter-check-in-ja.png")
    await _look_up(desk, code)  # the same code again: it works once only
    await expect(desk.locator("#result .problem")).to_have_text(JAPANESE.gettext(counter.USED))

    # The visitor sees that access, in Thai.
    await page.goto(base + "/access")
    log = page.locator("ol.log li").first
    await expect(log).to_contain_text(HOTEL)
    await expect(log).to_contain_text("Front desk 2")
    await expect(log).to_contain_text(THAI.pgettext("purpose", "Hotel check-in"))
    await _checked(page, a11y)
    await screenshots.take(page, "visitor-access-th.png")

    # Revoked: the next look-up asks for consent instead, with a code for the phone.
    await page.goto(base + "/consents")
    await page.click("form[action$='/revoke'] button")
    await page.wait_for_url("**/consents")
    await _look_up(desk, SUICA)
    waiting = desk.locator(".waiting [data-qr-text]")
    await expect(waiting.locator("svg")).to_be_visible()
    answer_url = await waiting.get_attribute("data-qr-text")
    assert answer_url is not None

    # The visitor opens the request on the phone, sees who and what, and accepts; the counter
    # updates by itself.
    await page.goto(answer_url.replace("http://127.0.0.1", "http://localhost"))
    await expect(page.locator("h1")).to_contain_text(HOTEL)
    await _checked(page, a11y)
    await screenshots.take(page, "visitor-consent-request-th.png")
    await page.click("form[action$='/accept'] button")
    await expect(page.locator(".saved")).to_be_visible()
    await expect(register).to_contain_text("L898902C3", timeout=10_000)

    # Signed out, the passkey signs the visitor back in without any code.
    await page.goto(base + "/me")
    await page.click("form[action='/signout'] button")
    await page.goto(base + "/signin")
    await page.click("[data-passkey-sign-in]")
    await page.wait_for_url("**/me")

    # Erase me: after it, the hotel's terminal finds nobody.
    await page.goto(base + "/privacy")
    await _checked(page, a11y)
    await page.check("input[name=confirm]")
    await page.click("form[action='/privacy/erase'] button")
    await expect(page.locator("h1")).to_have_text(THAI.gettext("Everything is erased"))
    await _look_up(desk, SUICA)
    await expect(desk.locator("#result .problem")).to_have_text(JAPANESE.gettext(counter.NOBODY))
    await context.close()
    await desk.context.close()

    assert a11y == {}, a11y
