"""A Vietnamese visitor buys two items tax-free at the demo drugstore with one tap; the clerk
sees the record accepted by the tax office; customs' confirmation arrives as a file the shop
imports; the visitor sees the refund in Vietnamese — in real Chromium, against the product's
own server and a local 免税販売管理システム."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.async_api import Browser, expect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories.clients import make_client
from tests.factories.taxfree import buyer
from tests.taxfree.nta_server import FakeNta, confirmation_file

from omotenashi import demo, web
from omotenashi.auth import service as auth
from omotenashi.clients.models import ClientKind
from omotenashi.servicers.models import Servicer
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn
from omotenashi.taxfree import service
from omotenashi.taxfree.demo import DEMO_SETTINGS, DEMO_SHOP
from omotenashi.taxfree.models import NtaEnvironment

DESK_COOKIE = "omotenashi_desk"
LAN_CARD = "01 2E 4C 3B 9A 77 10 99"


async def test_a_vietnamese_visitor_buys_tax_free_and_sees_the_refund_in_vietnamese(
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Screenshots,
    tmp_path: Path,
) -> None:
    base = live_server.base
    keys = live_server.keys
    await demo.load(live_session, keys)
    shop_id = await live_session.scalar(select(Servicer.id).where(Servicer.name == DEMO_SHOP))
    assert shop_id is not None
    # The drugstore connects to the tax office's test environment with its certificate.
    await service.configure_shop(
        live_session,
        keys,
        shop_id,
        service.ShopSettings(
            **{
                **DEMO_SETTINGS.__dict__,
                "nta_environment": NtaEnvironment.test,
                "certificate_pem": b"-----BEGIN CERTIFICATE-----\nDEMO\n",
                "private_key_pem": b"-----BEGIN PRIVATE KEY-----\nDEMO\n",
            }
        ),
    )
    FakeNta.senders.add(DEMO_SETTINGS.sender_id)
    lan = await buyer(live_session, keys, language="vi", card=LAN_CARD)
    visitor_token = (await auth.start_visitor_session(live_session, lan.id)).token  # type: ignore[attr-defined]
    enrolment = await staff.create_user(
        live_session,
        keys.master,
        email="clerk@okachimachi.example.jp",
        display_name="Clerk",
        password="a long enough password",
        role=Role.servicer_admin,
        servicer_id=shop_id,
        actor="e2e",
    )
    who = SignedIn(enrolment.user.id, shop_id, Role.servicer_admin)
    staff_token = (await auth.start_staff_session(live_session, who)).token
    shop = await live_session.get(Servicer, shop_id)
    assert shop is not None
    terminal, _ = await make_client(
        live_session,
        shop,
        kind=ClientKind.terminal,
        label="Tax-free counter",
        scopes=("resolve",),
        purposes=("tax_free_sale", "payment"),
    )
    await live_session.commit()
    problems: list[str] = []

    tablet = await browser.new_context(locale="ja-JP")
    await tablet.add_cookies(
        [
            {"name": web.STAFF_COOKIE, "value": staff_token, "url": base},
            {"name": DESK_COOKIE, "value": str(terminal.id), "url": base},
        ]
    )
    counter = await tablet.new_page()
    await counter.goto(base + "/counter/tax-free")
    await counter.fill("#f-carrier", LAN_CARD)
    await counter.fill("#f-name-1", "Vitamin C 1000mg")
    await counter.fill("#f-quantity-1", "2")
    await counter.fill("#f-price-1", "3300")
    await counter.fill("#f-name-2", "Sunscreen SPF50")
    await counter.fill("#f-price-2", "2200")
    problems += await serious_accessibility_problems(counter)
    await counter.click("#tax-free-form button[type=submit]")
    record = counter.locator("[data-record]")
    await expect(record).to_have_attribute("data-state", "accepted")
    await expect(record.locator("[data-status]")).to_have_text("税務署が受理")
    await screenshots.take(counter, "counter-tax-free-ja.png")
    (number,) = [
        n for n, r in FakeNta.records.items() if r["販売場情報"]["販売場識別符号"] == "0001234"
    ]

    # Customs confirms both items at departure; the shop downloads the answer and imports it.
    answers = tmp_path / "customs.json"
    answers.write_bytes(confirmation_file({number: {1: True, 2: True}}))
    console = await tablet.new_page()
    await console.goto(base + "/console/tax-free")
    await console.set_input_files("#f-file", str(answers))
    await console.click("form[action='/console/tax-free/confirmations'] button[type=submit]")
    await expect(console.locator("[data-imported]")).to_contain_text("確認済（返金待ち）：1件")
    await tablet.close()

    phone = await browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    await phone.add_cookies(
        [
            {"name": web.SESSION_COOKIE, "value": visitor_token, "url": base},
            {"name": web.LANGUAGE_COOKIE, "value": "vi", "url": base},
        ]
    )
    mine = await phone.new_page()
    # The refund is paid by the server's worker; the page shows it once paid.
    for _ in range(60):
        await mine.goto(base + "/me/tax-free")
        if await mine.locator("[data-state=refunded]").count():
            break
        await mine.wait_for_timeout(500)
    await expect(mine.locator("h1")).to_have_text("Các giao dịch mua miễn thuế của tôi")
    card = mine.locator("[data-state=refunded]")
    await expect(card.locator("[data-status]")).to_have_text("Đã hoàn tiền")
    # Tax 600 + 200 inside ¥8,800, less the shop's disclosed 10 %: ¥720.
    await expect(card.locator("[data-refund]")).to_contain_text("720")
    await expect(mine.locator("#leaving")).to_have_text("Khi rời Nhật Bản")
    problems += await serious_accessibility_problems(mine)
    await screenshots.take(mine, "tax-free-vi.png")
    await phone.close()
    assert problems == []
    assert json.loads(answers.read_text())["税関確認情報"][0]["送信番号"] == number
