"""The wallet, the counter's payment form and the console's day, as people see them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.payments import KOREAN_CARD, merchant, terminal_client, visitor
from tests.pages import csrf_token, signed_in_staff, signed_in_visitor, text_of
from tests.payments.stripe_server import FakeStripe

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.japan import JST
from omotenashi.payments import settlement
from omotenashi.runtime import Platform
from omotenashi.servicers.models import Servicer, ServicerCategory
from omotenashi.staff.models import Role

DESK_COOKIE = "omotenashi_desk"


async def _at_desk(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, servicer: Servicer
) -> None:
    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, servicer.id)
    desk, _ = await terminal_client(session, servicer)
    client.cookies.set(DESK_COOKIE, str(desk.id))


async def _pay(client: httpx.AsyncClient, action: str, amount: str, key: str) -> httpx.Response:
    page = await client.get("/counter/payments")
    assert page.status_code == 200, page.text[:300]
    token = await csrf_token(client, "/counter/payments")
    return await client.post(
        "/counter/payments",
        data={
            "csrf_token": token,
            "action": action,
            "amount": amount,
            "carrier": KOREAN_CARD,
            "key": key,
        },
    )


async def test_korean_visitor_pays_in_at_the_hotel_pays_at_the_restaurant_and_reads_it_in_korean(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, platform.keys, language="ko")

    await _at_desk(client, session, platform, hotel)
    paid_in = await _pay(client, "top_up", "10000", "desk-1")
    assert "¥10,000" in text_of(paid_in)
    assert "data-paid" in paid_in.text
    again = await _pay(client, "top_up", "10000", "desk-1")  # the same form sent twice
    assert "data-paid" in again.text

    await _at_desk(client, session, platform, restaurant)
    charged = await _pay(client, "charge", "3200", "till-1")
    assert "¥3,200" in text_of(charged)
    console = await client.get("/console/payments")
    charge_id = re.search(r"/console/payments/([0-9a-f-]{36})/refund", console.text)
    assert charge_id is not None
    token = await csrf_token(client, "/console/payments")
    refunded = await client.post(
        f"/console/payments/{charge_id.group(1)}/refund",
        data={"csrf_token": token, "amount": "1200", "key": "refund-1"},
    )
    assert refunded.status_code == 303
    console = await client.get("/console/payments")
    assert "data-net>¥1,904<" in console.text  # 3,200 − 1,200 − 96
    assert 'data-reconciled="yes"' in console.text

    client.cookies.clear()
    started = await auth.start_visitor_session(session, minji)
    client.cookies.set(web.SESSION_COOKIE, started.token)
    wallet = await client.get("/wallet?lang=ko")
    seen = text_of(wallet)
    assert "₩" not in seen
    assert "¥8,000" in seen
    for korean in ("지갑", "현금 충전", "결제", "환불", "Sushi Ginza", "Hotel Ueno"):
        assert korean in seen, korean
    assert "180일 동안 사용할 수 있습니다" in seen
    assert "카드 충전은 이용할 수 없습니다." in seen


async def test_a_refused_charge_says_why_at_the_counter(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, platform.keys)
    await _at_desk(client, session, platform, restaurant)
    refused = await _pay(client, "charge", "500", "till-2")
    assert "data-refused" in refused.text
    assert "残高が足りません。" in text_of(refused)  # staff pages speak Japanese
    fraction = await _pay(client, "charge", "12.5", "till-3")
    assert "円の金額を整数で入力してください。" in text_of(fraction)


async def test_the_day_settles_to_the_yen_and_its_csv_lists_every_payment(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, platform.keys)
    await _at_desk(client, session, platform, hotel)
    await _pay(client, "top_up", "10000", "desk-1")
    await _at_desk(client, session, platform, restaurant)
    await _pay(client, "charge", "3200", "till-1")
    await _pay(client, "charge", "1000", "till-2")
    today = datetime.now(JST).date()
    payout = await settlement.settle(
        session, restaurant.id, today, now=datetime.now(UTC) + timedelta(days=1)
    )
    assert (payout.charges, payout.refunds, payout.fees, payout.net) == (4_200, 0, 126, 4_074)
    made = await settlement.statement(session, restaurant.id, today)
    assert made.reconciled
    csv_text = (await client.get(f"/console/payments/settlement.csv?day={today}")).text
    assert csv_text.count("charge,") == 2
    assert csv_text.strip().endswith("total,,,,4200,126,4074")


async def test_the_hotels_cash_float_is_netted_against_its_charges_the_rest_owed_to_us(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    from omotenashi.payments import ledger
    from omotenashi.payments.models import AccountKind

    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    await visitor(session, platform.keys, pays_at=ServicerCategory.hotel)
    await _at_desk(client, session, platform, hotel)
    await _pay(client, "top_up", "10000", "desk-1")  # cash the hotel now holds for us
    await _pay(client, "top_up", "5000", "desk-2")
    await _pay(client, "charge", "2000", "desk-3")  # the hotel's bar
    today = datetime.now(JST).date()
    page = await client.get(f"/console/payments?day={today}")
    assert "¥15,000" in text_of(page)  # the cash taken for the platform, before settling

    payout = await settlement.settle(
        session, hotel.id, today, now=datetime.now(UTC) + timedelta(days=1)
    )
    # Charges 2,000 less the fee 60 less the cash 15,000: the hotel owes the platform 13,060.
    assert (payout.charges, payout.fees, payout.cash, payout.net) == (2_000, 60, 15_000, -13_060)
    made = await settlement.statement(session, hotel.id, today)
    assert made.reconciled
    cash_float = await ledger.account(session, AccountKind.cash_float, servicer_id=hotel.id)
    merchant_account = await ledger.account(session, AccountKind.merchant, servicer_id=hotel.id)
    assert (await ledger.balance(session, cash_float)).posted == 0  # the float is settled
    assert (await ledger.balance(session, merchant_account)).posted == 0  # and so is the hotel
    assert (await ledger.verify(session)).clean
    kinds = (
        await session.scalars(
            sa.text(
                "SELECT kind FROM payment_operations WHERE servicer_id = :s "
                "AND actor = 'system:settlement' ORDER BY kind"
            ),
            {"s": hotel.id},
        )
    ).all()
    assert kinds == ["cash_settlement", "collection"]

    page = await client.get(f"/console/payments?day={today}")
    assert "¥13,060" in text_of(page)
    assert "data-owed" in page.text
    csv_text = (await client.get(f"/console/payments/settlement.csv?day={today}")).text
    assert csv_text.count("cash_top_up,") == 2
    assert "cash_for_platform,,,,15000,,-15000" in csv_text
    assert csv_text.strip().endswith("total,,,,2000,60,-13060")


async def test_cash_taken_at_the_restaurant_is_netted_out_of_its_payout(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, platform.keys)
    await _at_desk(client, session, platform, hotel)
    await _pay(client, "top_up", "10000", "desk-1")
    await _at_desk(client, session, platform, restaurant)
    await _pay(client, "top_up", "1000", "till-1")
    await _pay(client, "charge", "3200", "till-2")
    today = datetime.now(JST).date()
    payout = await settlement.settle(
        session, restaurant.id, today, now=datetime.now(UTC) + timedelta(days=1)
    )
    # 3,200 less the fee 96 less the 1,000 in cash the restaurant keeps for the platform.
    assert (payout.charges, payout.fees, payout.cash, payout.net) == (3_200, 96, 1_000, 2_104)
    page = await client.get(f"/console/payments?day={today}")
    assert "¥2,104" in text_of(page)
    assert "data-owed" not in page.text
    assert (await settlement.statement(session, restaurant.id, today)).reconciled


async def test_the_visitors_receipt_is_in_korean_and_the_merchants_a_qualified_invoice(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    from tests.factories.payments import RULES, tap, terminal

    from omotenashi.payments import receipts, service

    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, platform.keys, language="ko")
    await service.top_up_cash(
        session, platform.keys, RULES, await terminal(session, hotel), tap(), 10_000, actor="x"
    )
    charged = await service.charge(
        session,
        platform.keys,
        RULES,
        await terminal(session, restaurant),
        tap(),
        3_200,
        tax_lines={"10": 1_100, "8": 2_100},
        description="寿司セット",
    )
    await receipts.set_registration_number(session, restaurant.id, "T1234567890123")

    client.cookies.clear()
    started = await auth.start_visitor_session(session, minji)
    client.cookies.set(web.SESSION_COOKIE, started.token)
    mine = text_of(await client.get(f"/wallet/receipts/{charged.id}?lang=ko"))
    assert "영수증" in mine
    assert "¥3,200" in mine
    assert "소비세(10%) 포함: ¥100" in mine
    assert "소비세(8%) 포함: ¥155" in mine

    await _at_desk(client, session, platform, restaurant)
    invoice = await client.get(f"/console/payments/{charged.id}/invoice")
    seen = text_of(invoice)
    assert 'data-invoice="qualified"' in invoice.text
    assert "登録番号: T1234567890123" in seen
    assert "10% ¥1,100 ¥100" in seen
    assert "8%（軽減税率） ¥2,100 ¥155" in seen
    assert "合計: ¥3,200（税込）" in seen
    # Nobody else's receipt: another servicer's staff, or another visitor.
    await _at_desk(client, session, platform, hotel)
    assert (await client.get(f"/console/payments/{charged.id}/invoice")).status_code == 404


async def test_the_counter_waits_for_the_visitor_to_confirm_a_large_charge(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    from tests.factories.payments import RULES, tap, terminal

    from omotenashi.payments import service
    from omotenashi.payments.models import PaymentConfirmation

    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, platform.keys)
    await service.top_up_cash(
        session, platform.keys, RULES, await terminal(session, hotel), tap(), 20_000, actor="x"
    )
    await _at_desk(client, session, platform, restaurant)
    waiting = await _pay(client, "charge", "15000", "till-9")
    assert "data-waiting" in waiting.text, text_of(waiting)[-600:]
    poll = re.search(r'hx-get="(/counter/payments/confirmations/[0-9a-f-]+)"', waiting.text)
    assert poll is not None
    assert "data-waiting" in (await client.get(poll.group(1))).text
    asked = await session.scalar(
        sa.select(PaymentConfirmation).where(PaymentConfirmation.visitor_id == minji)
    )
    assert asked is not None
    await service.answer_confirmation(session, RULES, minji, asked.token, accept=True)
    done = await client.get(poll.group(1))
    assert "¥15,000" in text_of(done)
    assert "data-paid" in done.text


async def test_the_wallet_and_the_payment_pages_are_reached_from_the_menus(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    await signed_in_visitor(client, session, platform.keys.keyring, language="ko")
    me = await client.get("/me")
    assert 'href="/wallet"' in me.text
    assert "지갑" in text_of(me)

    hotel = await merchant(session, "Hotel Menu", ServicerCategory.hotel)
    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    console = await client.get("/console")
    assert 'href="/counter/payments"' in console.text
    assert 'href="/console/payments"' in console.text


async def test_the_wallet_tells_the_visitor_in_korean_that_a_card_payment_went_back_to_the_card(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient, fake_stripe: str
) -> None:
    from tests.factories.payments import RULES, tap, terminal
    from tests.payments.stripe_server import SECRET_KEY, WEBHOOK_SECRET, completed, signed

    from omotenashi.payments import cards, service
    from omotenashi.payments.provider import StripeProvider

    stripe = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, fake_stripe)
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    minji = await visitor(session, platform.keys, language="ko")
    desk = await terminal(session, hotel)
    await service.top_up_cash(session, platform.keys, RULES, desk, tap(), 45_000, actor="x")
    hosted = await cards.start(session, RULES, stripe, minji, 5_000, site_url="https://x")
    await service.top_up_cash(session, platform.keys, RULES, desk, tap(), 1_000, actor="x")
    (started,) = [r for r in FakeStripe.received if r["path"] == "/v1/checkout/sessions"]
    payload = completed(hosted.session_id, 5_000, started["form"]["metadata[top_up_id]"])
    event = stripe.verify(payload, signed(payload))
    assert event is not None
    await cards.paid(session, RULES, event, provider=stripe)

    client.cookies.clear()
    signed_in = await auth.start_visitor_session(session, minji)
    client.cookies.set(web.SESSION_COOKIE, signed_in.token)
    seen = text_of(await client.get("/wallet?lang=ko"))
    assert "카드로 결제한 ¥5,000은(는) 충전되지 않았습니다." in seen
    assert "카드로 환불되었습니다." in seen
    assert "¥46,000" in seen  # the cash only
