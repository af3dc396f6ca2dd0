"""A Korean visitor pays in ¥10,000 in cash at the hotel desk, pays ¥3,200 at the restaurant by
tapping their IC card, sees both in Korean, is refunded ¥1,200, and the restaurant's day
settles to the yen — in real Chromium, against the product's own server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.async_api import Browser, BrowserContext, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories.payments import KOREAN_CARD, merchant, terminal_client, visitor

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.japan import JST
from omotenashi.payments import ledger, settlement
from omotenashi.servicers.models import Servicer, ServicerCategory
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn

DESK_COOKIE = "omotenashi_desk"


async def _desk(
    browser: Browser, session: AsyncSession, server: LiveServer, servicer: Servicer, email: str
) -> BrowserContext:
    enrolment = await staff.create_user(
        session,
        server.keys.master,
        email=email,
        display_name="Desk",
        password="a long enough password",
        role=Role.servicer_admin,
        servicer_id=servicer.id,
        actor="e2e",
    )
    who = SignedIn(enrolment.user.id, servicer.id, Role.servicer_admin)
    token = (await auth.start_staff_session(session, who)).token
    terminal, _ = await terminal_client(session, servicer, "Desk 1")
    await session.commit()
    tablet = await browser.new_context(locale="ja-JP")
    await tablet.add_cookies(
        [
            {"name": web.STAFF_COOKIE, "value": token, "url": server.base},
            {"name": DESK_COOKIE, "value": str(terminal.id), "url": server.base},
        ]
    )
    return tablet


async def test_a_korean_visitor_pays_in_pays_by_tap_is_refunded_and_the_day_settles(
    live_server: LiveServer, live_session: AsyncSession, browser: Browser, screenshots: Screenshots
) -> None:
    base = live_server.base
    hotel = await merchant(live_session, "Hotel Ueno Journey", ServicerCategory.hotel)
    restaurant = await merchant(live_session, "Sushi Ginza Journey")
    minji = await visitor(live_session, live_server.keys, language="ko")
    visitor_token = (await auth.start_visitor_session(live_session, minji)).token
    await live_session.commit()
    problems: list[str] = []

    front = await _desk(browser, live_session, live_server, hotel, "desk@ueno.example.jp")
    desk = await front.new_page()
    await desk.goto(base + "/counter/payments")
    await desk.check("input[name=action][value=top_up]")
    await desk.fill("#f-amount", "10000")
    await desk.fill("#f-carrier", KOREAN_CARD)
    problems += await serious_accessibility_problems(desk)
    await desk.click("#pay-form button[type=submit]")
    await expect(desk.locator("[data-paid]")).to_contain_text("¥10,000")
    await front.close()

    sushi = await _desk(browser, live_session, live_server, restaurant, "till@ginza.example.jp")
    till = await sushi.new_page()
    await till.goto(base + "/counter/payments")
    await till.fill("#f-amount", "3200")
    await till.fill("#f-carrier", KOREAN_CARD)
    await till.click("#pay-form button[type=submit]")
    await expect(till.locator("[data-paid]")).to_contain_text("¥3,200")
    await screenshots.take(till, "counter-payment-ja.png")

    await till.goto(base + "/console/payments")
    charge = till.locator("tr[data-kind=charge]")
    await charge.locator("input[name=amount]").fill("1200")
    await charge.locator("button[type=submit]").click()
    await till.wait_for_url("**/console/payments")
    await expect(till.locator("[data-refunds]")).to_have_text("¥1,200")
    await expect(till.locator("[data-net]")).to_have_text("¥1,904")  # 3,200 − 1,200 − 96
    await expect(till.locator("[data-reconciled]")).to_have_attribute("data-reconciled", "yes")
    problems += await serious_accessibility_problems(till)
    await screenshots.take(till, "console-payments-ja.png")
    await sushi.close()

    phone = await browser.new_context(locale="ko-KR", viewport={"width": 390, "height": 844})
    await phone.add_cookies([{"name": web.SESSION_COOKIE, "value": visitor_token, "url": base}])
    wallet = await phone.new_page()
    await wallet.goto(base + "/wallet")
    await expect(wallet.locator("h1")).to_have_text("지갑")
    await expect(wallet.locator("[data-balance]")).to_have_text("¥8,000")
    history = wallet.locator("ol.log")
    for seen in ("현금 충전", "Hotel Ueno Journey", "결제", "Sushi Ginza Journey", "환불"):
        await expect(history).to_contain_text(seen)
    await expect(wallet.locator("[data-rule=validity]")).to_contain_text("180일")
    await expect(wallet.locator("[data-card-top-up=unavailable]")).to_be_visible()
    problems += await serious_accessibility_problems(wallet)
    await screenshots.take(wallet, "wallet-ko.png")
    await phone.close()

    today = datetime.now(JST).date()
    payout = await settlement.settle(
        live_session, restaurant.id, today, now=datetime.now(UTC) + timedelta(days=1)
    )
    assert (payout.charges, payout.refunds, payout.fees, payout.net) == (3_200, 1_200, 96, 1_904)
    assert (await settlement.statement(live_session, restaurant.id, today)).reconciled
    await live_session.commit()
    assert (await ledger.verify(live_session)).clean
    assert problems == []
