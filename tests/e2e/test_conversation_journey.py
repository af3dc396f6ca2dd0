"""Issue 23 in two browsers: after a resolve at a restaurant's till, the clerk opens "Talk";
a Nepali visitor's phone joins by the counter's QR code; the clerk asks 「ご予約はありますか？」
and the phone shows it in Nepali; the visitor taps "Yes" and the clerk sees 「はい」; the clerk
says the total, ¥3,200, and the phone reads it as Nepali writes money; the visitor ends the
conversation and nothing of it is left but a line in their access log."""

from __future__ import annotations

import sqlalchemy as sa
from playwright.async_api import Browser, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories.payments import merchant, terminal_client, visitor

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.conversation import phrasebook as book
from omotenashi.conversation.models import Conversation, ConversationLine
from omotenashi.resolve import service as resolve
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn

CARD = "01 2E 4C 3B 9A 77 10 77"
DESK_COOKIE = "omotenashi_desk"


def _nepali(phrase_id: str, **values: int) -> str:
    phrase = book.phrasebook().get(phrase_id)
    assert phrase is not None
    text = book.render(phrase, "ne", {book.Slot(k): v for k, v in values.items()})
    assert text is not None
    return text


async def test_a_clerk_and_a_nepali_visitor_talk_each_in_their_own_language(
    live_server: LiveServer, live_session: AsyncSession, browser: Browser, screenshots: Screenshots
) -> None:
    base = live_server.base
    shop = await merchant(live_session, "Curry Asakusa Journey")
    till, _ = await terminal_client(live_session, shop, "Till 1")
    visitor_id = await visitor(live_session, live_server.keys, card=CARD, language="ne")
    enrolment = await staff.create_user(
        live_session,
        live_server.keys.master,
        email="till@curry-asakusa.example.jp",
        display_name="Till",
        password="a long enough password",
        role=Role.servicer_staff,
        servicer_id=shop.id,
        actor="e2e",
    )
    who = SignedIn(enrolment.user.id, shop.id, Role.servicer_staff)
    staff_token = (await auth.start_staff_session(live_session, who)).token
    await live_session.commit()
    problems: list[str] = []

    tablet = await browser.new_context(locale="ja-JP", viewport={"width": 1024, "height": 768})
    await tablet.add_cookies(
        [
            {"name": web.STAFF_COOKIE, "value": staff_token, "url": base},
            {"name": DESK_COOKIE, "value": str(till.id), "url": base},
        ]
    )
    desk = await tablet.new_page()
    await desk.goto(base + "/counter")
    await desk.fill("#f-carrier", CARD)
    await desk.click("#resolve-form button[type=submit]")
    await expect(desk.locator(".speaks strong")).to_have_text("नेपाली")
    await desk.click("[data-talk]")
    await desk.wait_for_url("**/counter/talk/*")
    qr = desk.locator("[data-invite]")
    await expect(qr.locator("svg")).to_be_visible()
    join_url = await qr.get_attribute("data-join-url")
    assert join_url is not None
    assert join_url.startswith(f"{base}/talk/join/")
    problems += await serious_accessibility_problems(desk)

    phone = await browser.new_context(locale="ne-NP", viewport={"width": 390, "height": 844})
    screen = await phone.new_page()
    await screen.goto(join_url)
    await screen.click("form[action^='/talk/join/'] button")
    await screen.wait_for_url("**/talk")
    await expect(screen.locator("h1")).to_have_text("काउन्टरमा कुराकानी")
    await expect(desk.locator("[data-joined]")).to_be_visible()

    # The clerk asks in Japanese; the phone shows it in Nepali.
    await desk.click("details[data-scene=hotel] > summary")
    await desk.click("button[data-phrase='hotel.reservation']")
    await expect(desk.locator("[data-said] li").last).to_contain_text("ご予約はありますか？")
    said = screen.locator("[data-said] li")
    await expect(said.last.locator(".text")).to_have_text(_nepali("hotel.reservation"))
    await expect(said.last.locator(".text")).to_have_attribute("lang", "ne")
    # Read aloud where this device has a Nepali voice; said plainly where it has none.
    has_voice = await screen.evaluate(
        "() => speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith('ne'))"
    )
    voice_note = screen.locator("[data-voice]")
    if has_voice:
        await expect(voice_note).to_be_hidden()
    else:
        await expect(voice_note).to_have_text(
            "यो उपकरणमा तपाईंको भाषाको आवाज छैन। कृपया लेखिएको पढ्नुहोस्।"
        )

    # The visitor taps "Yes"; the clerk sees はい.
    await screen.click("button[data-phrase='answers.yes']")
    await expect(said.last.locator(".text")).to_have_text("हो")
    await expect(desk.locator("[data-said] li").last.locator(".text")).to_have_text("はい")

    # The clerk says the total, ¥3,200: Nepali money, in Nepali digits.
    total = desk.locator("form:has(button[data-phrase='shop.total'])")
    await total.locator("input[name=price]").fill("3200")
    await total.locator("button").click()
    await expect(desk.locator("[data-said] li").last.locator(".text")).to_have_text(
        "合計￥3,200です。"
    )
    await expect(said.last.locator(".text")).to_have_text(_nepali("shop.total", price=3200))
    await expect(said.last.locator(".text")).to_contain_text("३,२००")
    problems += await serious_accessibility_problems(screen)
    # Nothing wider than the phone: no sideways scrolling at 390 px.
    assert await screen.evaluate("() => document.documentElement.scrollWidth") <= 390
    problems += await serious_accessibility_problems(desk)
    await screenshots.take(screen, "conversation-visitor-ne.png")
    await screenshots.take(desk, "conversation-counter-ja.png", full_page=False)

    # The visitor ends it: the counter goes back to its form, and nothing is left.
    await screen.click("form[action='/talk/end'] button")
    await expect(screen.locator("[role=status]")).to_contain_text("यो कुराकानी सकियो।")
    await desk.wait_for_url("**/counter")
    for table in (Conversation, ConversationLine):
        assert await live_session.scalar(sa.select(sa.func.count()).select_from(table)) == 0
    log = await resolve.access_log(live_session, visitor_id)
    assert (log[0].purpose, log[0].attribute_keys) == ("conversation", [])

    # The phrasebook in Nepali stays on the phone for a counter with no connection.
    await screen.goto(base + "/phrasebook/ne")
    await screen.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    await screen.reload()  # now through the service worker, which keeps a copy
    await phone.set_offline(True)
    await screen.reload()
    await expect(screen.locator("h1")).to_have_text("वाक्य संग्रह")
    await expect(screen.locator("main")).to_contain_text("ご予約はありますか？")
    await phone.set_offline(False)
    await phone.close()
    await tablet.close()
    assert problems == []
