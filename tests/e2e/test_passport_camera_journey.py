"""A tourist registers alone on a 390-px phone, the passport read by the camera: Chromium's fake
camera is fed a photographed specimen passport page (OCR-B, made by bench.passport_specimens), and
no passport character is typed. Every field filled and every tap is counted; every screen's text
must be in the visitor's language, but for names."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from bench.passport_specimens import SPECIMEN, Shot, photo_page, photographed, write_y4m
from playwright.async_api import Browser, Page, async_playwright, expect
from tests.e2e.browser import CHROMIUM_FLAGS
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import latest_code, sent_so_far
from tests.e2e.shots import Screenshots

MAX_FIELDS, MAX_TAPS = 12, 14
# Latin-script words a page in another script may show: names, and each language's own name in
# the language menu.
NAMES = {
    "Omotenashi", "Cloud", "ERIKSSON", "ANNA", "MARIA", "Taito", "ku", "English", "Español",
    "Português", "Tiếng", "Việt", "Bahasa", "Indonesia", "Tagalog", "P", "QR",
}  # fmt: skip
SCRIPTS = {"km": "\u1780-\u17ff", "th": "\u0e00-\u0e7f", "ne": "\u0900-\u097f"}


@pytest.fixture(scope="module")
def fake_camera(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("camera")
    return write_y4m(photographed(photo_page(SPECIMEN), Shot()), folder / "passport.y4m")


@pytest.fixture(scope="module")
async def camera_browser(chromium: str, fake_camera: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=chromium,
            args=[
                *CHROMIUM_FLAGS,
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-video-capture={fake_camera}",
            ],
        )
        yield launched
        await launched.close()


class Person:
    """The visitor's hands: what they fill in and tap, counted."""

    def __init__(self, page: Page) -> None:
        self.page, self.fields, self.taps, self.typed = page, 0, 0, 0

    async def fill(self, selector: str, text: str) -> None:
        await self.page.fill(selector, text)
        self.fields += 1
        self.typed += len(text)

    async def choose(self, selector: str, value: str) -> None:
        await self.page.select_option(selector, value)
        self.fields += 1

    async def tap(self, selector: str) -> None:
        await self.page.click(selector)
        self.taps += 1


async def _in_language(page: Page, language: str) -> None:
    """Every word on screen is in the page's script, but for names and numbers."""
    text = await page.locator("body").evaluate(
        """body => { const copy = body.cloneNode(true);
          copy.querySelectorAll('select option:not(:checked), script, textarea').forEach(
            e => e.remove());
          return copy.innerText; }"""
    )
    text = re.sub(r"[A-Z0-9<]*[0-9][A-Z0-9<]*", " ", text)  # numbers, passport numbers
    latin = {
        word
        for word in re.findall(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+", text)
        if word not in NAMES and "@" not in word
    }
    emails = set(re.findall(r"[\w.]+@[\w.]+", text))
    latin -= {part for address in emails for part in re.split(r"[@.]", address)}
    assert not latin, f"{page.url}: {sorted(latin)}"
    assert re.search(f"[{SCRIPTS[language]}]", text), page.url


@pytest.mark.parametrize("language", ["km", "th", "ne"])
async def test_a_visitor_registers_alone_with_the_passport_read_by_the_camera(
    language: str, live_server: LiveServer, camera_browser: Browser, screenshots: Screenshots
) -> None:
    context = await camera_browser.new_context(
        locale=language, viewport={"width": 390, "height": 844}, permissions=["camera"]
    )
    page = await context.new_page()
    person = Person(page)
    base = live_server.base
    await page.goto(f"{base}/signin?lang={language}")
    await _in_language(page, language)
    before = sent_so_far(live_server.outbox)
    await person.fill("#email", f"camera-{language}@example.com")
    await person.tap("form[action='/signin/email'] button")
    await person.fill("#code", await latest_code(live_server.outbox, before))
    await person.tap("form[action='/signin/code'] button")

    # The passport first, read by the camera: nothing of it is typed.
    await page.wait_for_url("**/register/passport")
    await _in_language(page, language)
    await person.tap("[data-scan-camera]")
    await expect(page.locator("#f-mrz")).to_have_value("\n".join(SPECIMEN), timeout=90_000)
    await expect(page.locator("#mrz-result .ok")).to_contain_text("L898902C3")
    await _in_language(page, language)
    await screenshots.take(page, f"passport-camera-{language}.png")
    await person.tap("form.card button[type=submit]")

    # About you: what the passport holds is shown; the rest asked once.
    await page.wait_for_url("**/register/about")
    await expect(page.locator(".read")).to_contain_text("ERIKSSON ANNA MARIA")
    await _in_language(page, language)
    home = {"km": "KH", "th": "TH", "ne": "NP"}[language]
    await person.choose("#f-nationality", home)
    await person.choose("#f-home_address-country", home)
    await person.fill("#f-home_address-lines", "12 Street 360")
    await person.fill("#f-phone", "+855 12 345 678")
    await person.tap("form.card button[type=submit]")

    # The stay: the town by its name, warnings as the visitor's own choice.
    await page.wait_for_url("**/register/stay")
    await _in_language(page, language)
    await person.fill("#f-stay-arrival", "2026-12-01")
    await person.fill("#f-stay-departure", "2026-12-09")
    await person.fill("#f-town", "taito")
    await person.tap("#town-results input[value='131067']")
    await person.tap("input[name=warnings][value=yes]")
    await person.tap("form.card button[type=submit]")

    for step in ("food", "help", "contact"):
        await page.wait_for_url(f"**/register/{step}")
        await _in_language(page, language)
        if step == "food":
            await person.tap("input[name=allergens][value=peanut]")
        await person.tap("form.card button[type=submit]")
    await page.wait_for_url("**/register/family")
    await _in_language(page, language)
    await person.tap("a.button[href='/me']")
    await page.wait_for_url("**/me")
    await _in_language(page, language)
    print(
        f"{language}: {person.fields} fields, {person.taps} taps, {person.typed} characters "
        "typed, none of the passport"
    )
    assert person.fields <= MAX_FIELDS
    assert person.taps <= MAX_TAPS
    await context.close()
