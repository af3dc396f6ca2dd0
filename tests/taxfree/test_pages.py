"""The counter, the console and the visitor's page, as people see them."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.clients import make_client
from tests.factories.taxfree import CARD, SENDER_ID, buyer, shop
from tests.pages import csrf_token, signed_in_staff, text_of
from tests.taxfree.nta_server import FakeNta, confirmation_file

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.clients.models import ClientKind
from omotenashi.runtime import Platform
from omotenashi.staff.models import Role

DESK_COOKIE = "omotenashi_desk"


async def test_a_sale_at_the_counter_is_accepted_confirmed_refunded_and_read_in_vietnamese(
    session: AsyncSession,
    platform: Platform,
    client: httpx.AsyncClient,
    fake_nta: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(platform.settings, "nta_test_url", fake_nta)
    FakeNta.senders.add(SENDER_ID)
    servicer = await shop(session, platform.keys)
    lan = await buyer(session, platform.keys, language="vi")
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, servicer.id)
    desk, _ = await make_client(
        session,
        servicer,
        kind=ClientKind.terminal,
        label="Tax-free",
        scopes=("resolve",),
        purposes=("tax_free_sale",),
    )
    client.cookies.set(DESK_COOKIE, str(desk.id))

    token = await csrf_token(client, "/counter/tax-free")
    sold = await client.post(
        "/counter/tax-free",
        data={
            "csrf_token": token,
            "carrier": CARD,
            "name_1": "Rice cooker",
            "quantity_1": "1",
            "price_1": "44000",
            "rate_1": "10",
            "name_2": "Matcha",
            "quantity_2": "2",
            "price_2": "2160",
            "rate_2": "8",
        },
    )
    assert sold.status_code == 200, sold.text[:500]
    assert 'data-state="accepted"' in sold.text
    assert "税務署が受理" in text_of(sold)  # staff pages are Japanese first
    (number,) = FakeNta.records

    console = await client.get("/console/tax-free?state=accepted")
    assert number in text_of(console)
    csv = await client.get("/console/tax-free/records.csv")
    assert number in csv.text
    assert "L898902C3" not in csv.text  # the accountant's file carries no passport

    token = await csrf_token(client, "/console/tax-free")
    imported = await client.post(
        "/console/tax-free/confirmations",
        data={"csrf_token": token},
        files={"file": ("customs.json", confirmation_file({number: {1: True, 2: True}}))},
    )
    assert "確認済（返金待ち）：1件" in text_of(imported)
    queue = await client.get("/console/tax-free")
    record_id = queue.text.split('action="/console/tax-free/')[1].split("/refund")[0]
    paid = await client.post(f"/console/tax-free/{record_id}/refund", data={"csrf_token": token})
    assert paid.status_code == 303

    client.cookies.clear()
    started = await auth.start_visitor_session(session, lan.id)  # type: ignore[attr-defined]
    client.cookies.set(web.SESSION_COOKIE, started.token)
    client.cookies.set(web.LANGUAGE_COOKIE, "vi")
    mine = await client.get("/me/tax-free")
    seen = text_of(mine)
    assert "Các giao dịch mua miễn thuế của tôi" in seen
    assert "Đã hoàn tiền" in seen
    assert "Khi rời Nhật Bản" in seen
    # 4,000 + 320 tax, less the shop's 10 %: ¥3,888.
    assert "¥3.888" in seen or "¥3,888" in seen

    privacy = await client.get("/privacy")
    assert "Ginza Denki 株式会社" in text_of(privacy)


async def test_a_wrong_file_is_refused_in_words(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    servicer = await shop(session, platform.keys, connected=False)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, servicer.id)
    console = await client.get("/console/tax-free")
    assert "承認送信事業者" in text_of(console)
    token = await csrf_token(client, "/console/tax-free")
    refused = await client.post(
        "/console/tax-free/confirmations",
        data={"csrf_token": token},
        files={"file": ("x.json", b"not json")},
    )
    assert refused.status_code == 422
    assert "税関確認情報のファイルではありません。" in text_of(refused)
