"""A Thai visitor registers on their phone, a hotel's terminal resolves their QR code, and the
visitor stays in control: sees the access, revokes, answers a tap-to-consent request, erases."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
from playwright.async_api import Browser, Page, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import latest_code, sent_so_far, serious_accessibility_problems
from tests.factories import approved_servicer

from omotenashi import i18n
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors.pages import FIELD_MESSAGES

SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)
SUICA = "0123456789ABCDEF"
THAI = i18n.translations("th")


async def _hotel_terminal(session: AsyncSession) -> tuple[str, str]:
    hotel = await approved_servicer(session, "Hotel Sakura Asakusa", PurposeKey.hotel_check_in)
    terminal, secret = await clients.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Front desk 2",
        scopes=("resolve", "consent:request"),
        purposes=("hotel_check_in",),
        location="1F lobby",
        actor="staff:e2e",
    )
    return terminal.client_id, secret


async def _terminal_token(http: httpx.AsyncClient, client_id: str, secret: str) -> dict[str, str]:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    answer = await http.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"authorization": f"Basic {basic}"},
    )
    answer.raise_for_status()
    return {"authorization": f"Bearer {answer.json()['access_token']}"}


async def _resolve(
    http: httpx.AsyncClient, headers: dict[str, str], carrier: dict[str, str]
) -> httpx.Response:
    return await http.post(
        "/v1/resolve",
        json={"carrier": carrier, "purpose": "hotel_check_in"},
        headers=headers,
    )


async def _checked(page: Page, problems: dict[str, list[str]]) -> None:
    found = await serious_accessibility_problems(page)
    if found:
        problems[page.url] = found


async def test_a_thai_visitor_registers_is_resolved_revokes_consents_again_and_erases(
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Path,
) -> None:
    client_id, secret = await _hotel_terminal(live_session)
    await live_session.commit()
    http = httpx.AsyncClient(base_url=live_server.base)
    terminal = await _terminal_token(http, client_id, secret)
    context = await browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    page = await context.new_page()
    base = live_server.base
    a11y: dict[str, list[str]] = {}

    # The landing page, in Thai from the browser's language, explains before asking anything.
    await page.goto(base + "/")
    await expect(page.locator("h1")).to_have_text(
        THAI.gettext("Register once. Be served in your language, everywhere in Japan.")
    )
    await _checked(page, a11y)
    await page.screenshot(path=screenshots / "visitor-landing-th.png", full_page=True)
    await page.click(".hero a[href='/signin']")

    # Sign in with an e-mail code; a first sign-in registers.
    await _checked(page, a11y)
    before = sent_so_far(live_server.outbox)
    await page.fill("#email", "somchai@example.co.th")
    await page.click("form[action='/signin/email'] button")
    await page.fill("#code", await latest_code(live_server.outbox, before))
    await page.click("form[action='/signin/code'] button")
    await page.wait_for_url("**/register/about")

    await page.fill("#f-name-surname", "Srisuk")
    await page.fill("#f-name-given_names", "Somchai")
    await page.select_option("#f-nationality", "TH")
    await _checked(page, a11y)
    await page.click("form.card button[type=submit]")
    await page.wait_for_url("**/register/passport")

    # The MRZ is checked as it is typed: a misread digit is named, the right lines pass.
    await page.fill("#f-mrz", SPECIMEN.replace("L898902C36", "L898902C37"))
    await expect(page.locator("#mrz-result")).to_contain_text(
        THAI.gettext(FIELD_MESSAGES["mrz.document_number_check"])
    )
    await page.fill("#f-mrz", SPECIMEN)
    await expect(page.locator("#mrz-result .ok")).to_contain_text("L898902C3")
    await _checked(page, a11y)
    await page.screenshot(path=screenshots / "visitor-passport-th.png", full_page=True)
    await page.click("form.card button[type=submit]")
    await page.wait_for_url("**/register/stay")
    await page.fill("#f-stay-arrival", "2026-11-25")
    await page.fill("#f-stay-departure", "2026-12-05")
    await page.select_option("#f-prefecture", "13")
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
    await _checked(page, a11y)
    await page.screenshot(path=screenshots / "visitor-pass-th.png", full_page=True)

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
    await page.wait_for_url("**/pass#cards")

    # The visitor lets hotels see what check-in needs.
    await page.goto(base + "/consents/new?purpose=hotel_check_in")
    await _checked(page, a11y)
    await page.click("form[action='/consents'] button[type=submit]")
    await page.wait_for_url("**/consents")
    await _checked(page, a11y)

    # The hotel's terminal scans the QR code from the phone and gets the register items.
    seen = await _resolve(http, terminal, {"kind": "qr", "payload": code})
    assert seen.status_code == 200, seen.text
    assert seen.json()["attributes"]["passport"]["number"] == "L898902C3"
    assert seen.json()["language"] == "th"
    assert (await _resolve(http, terminal, {"kind": "qr", "payload": code})).status_code == 409

    # The visitor sees that access, in Thai.
    await page.goto(base + "/access")
    log = page.locator("ol.log li").first
    await expect(log).to_contain_text("Hotel Sakura Asakusa")
    await expect(log).to_contain_text("Front desk 2")
    await expect(log).to_contain_text(THAI.pgettext("purpose", "Hotel check-in"))
    await _checked(page, a11y)
    await page.screenshot(path=screenshots / "visitor-access-th.png", full_page=True)

    # Revoked: the next resolve asks for consent instead, with a link for the phone.
    await page.goto(base + "/consents")
    await page.click("form[action$='/revoke'] button")
    await page.wait_for_url("**/consents")
    card = {"kind": "ic_card", "id": SUICA}
    asked = await _resolve(http, terminal, card)
    assert asked.status_code == 403
    assert asked.json()["code"] == "consent_required"
    request = asked.json()["consent_request"]

    # The visitor opens the request on the phone, sees who and what, and accepts.
    await page.goto(request["url"].replace("http://127.0.0.1", "http://localhost"))
    await expect(page.locator("h1")).to_contain_text("Hotel Sakura Asakusa")
    await _checked(page, a11y)
    await page.screenshot(path=screenshots / "visitor-consent-request-th.png", full_page=True)
    await page.click("form[action$='/accept'] button")
    await expect(page.locator(".saved")).to_be_visible()
    status = await http.get(request["status_url"], headers=terminal)
    assert status.json()["state"] == "accepted"
    assert (await _resolve(http, terminal, card)).status_code == 200

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
    assert (await _resolve(http, terminal, card)).status_code == 404
    await context.close()
    await http.aclose()

    assert a11y == {}, a11y
