"""The payments API over HTTP, with real access tokens and Idempotency-Keys."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from tests.factories.payments import KOREAN_CARD, merchant, terminal_client, visitor

from omotenashi.auth import service as auth
from omotenashi.clients.tokens import issue_access_token
from omotenashi.payments import ledger
from omotenashi.runtime import Platform
from omotenashi.servicers.models import Servicer, ServicerCategory

CARD = {"kind": "ic_card", "id": KOREAN_CARD}


async def _headers(session: AsyncSession, platform: Platform, servicer: Servicer) -> dict[str, str]:
    client, _ = await terminal_client(session, servicer)
    return {"authorization": f"Bearer {issue_access_token(platform.keys, client)}"}


def _key(headers: dict[str, str], key: str | None = None) -> dict[str, str]:
    return {**headers, "idempotency-key": key or str(uuid.uuid4())}


async def _transfers(session: AsyncSession) -> int:
    return int(await session.scalar(sa.text("SELECT count(*) FROM ledger_transfers")) or 0)


async def test_pay_in_at_the_hotel_pay_at_the_restaurant_refund_and_read_the_wallet(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, platform.keys)
    desk = await _headers(session, platform, hotel)
    till = await _headers(session, platform, restaurant)

    paid_in = await client.post(
        "/v1/payments/top-ups/cash",
        json={"carrier": CARD, "amount": 10_000, "currency": "JPY"},
        headers=_key(desk),
    )
    assert paid_in.status_code == 201, paid_in.text
    charged = await client.post(
        "/v1/payments/charges",
        json={"carrier": CARD, "amount": 3_200, "tax_lines": {"10": 3_200}},
        headers=_key(till),
    )
    assert charged.status_code == 201, charged.text
    charge = charged.json()
    assert (charge["amount"], charge["fee"], charge["kind"]) == (3_200, 96, "charge")
    refunded = await client.post(
        f"/v1/payments/charges/{charge['id']}/refunds", json={"amount": 1_200}, headers=_key(till)
    )
    assert refunded.status_code == 201, refunded.text
    shown = await client.get(f"/v1/payments/{charge['id']}", headers=till)
    assert shown.json()["id"] == charge["id"]
    assert (await client.get(f"/v1/payments/{charge['id']}", headers=desk)).status_code == 404

    started = await auth.start_visitor_session(session, minji)
    wallet = await client.get("/v1/me/wallet", headers={"authorization": f"Bearer {started.token}"})
    assert wallet.json()["available"] == 8_000
    assert [e["kind"] for e in wallet.json()["history"]] == ["refund", "charge", "cash_top_up"]
    assert (await ledger.verify(session)).clean


async def test_the_same_key_and_body_return_the_first_answer_and_move_money_once(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, platform.keys)
    till = await _headers(session, platform, restaurant)
    await client.post(
        "/v1/payments/top-ups/cash",
        json={"carrier": CARD, "amount": 5_000},
        headers=_key(till),
    )
    headers = _key(till, "charge-0001")
    body = {"carrier": CARD, "amount": 1_000}
    first = await client.post("/v1/payments/charges", json=body, headers=headers)
    again = await client.post("/v1/payments/charges", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    count = await session.scalar(
        sa.text("SELECT count(*) FROM payment_operations WHERE kind = 'charge'")
    )
    assert count == 1

    other = await client.post(
        "/v1/payments/charges", json={**body, "amount": 1_001}, headers=headers
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"


async def test_a_refusal_is_the_first_answer_too(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, platform.keys)
    till = await _headers(session, platform, restaurant)
    headers = _key(till)
    body = {"carrier": CARD, "amount": 1_000}
    refused = await client.post("/v1/payments/charges", json=body, headers=headers)
    assert refused.status_code == 409
    assert refused.json()["code"] == "insufficient_funds"
    await client.post(
        "/v1/payments/top-ups/cash", json={"carrier": CARD, "amount": 5_000}, headers=_key(till)
    )
    # Money arrived since, but the key's answer stays the first one.
    replayed = await client.post("/v1/payments/charges", json=body, headers=headers)
    assert replayed.status_code == 409
    assert replayed.json() == refused.json()


async def test_bad_input_is_a_problem_with_its_code_and_writes_no_transfer(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, platform.keys)
    till = await _headers(session, platform, restaurant)
    await client.post(
        "/v1/payments/top-ups/cash", json={"carrier": CARD, "amount": 5_000}, headers=_key(till)
    )
    before = await _transfers(session)
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"amount": 0}, 422, "invalid_amount"),
        ({"amount": -1}, 422, "invalid_amount"),
        ({"amount": 12.5}, 422, "invalid_amount"),
        ({"amount": "100"}, 422, "invalid_amount"),
        ({"amount": 1e30}, 422, "invalid_amount"),
        ({"amount": 60_000}, 422, "amount_over_limit"),
        ({"amount": 5_001}, 409, "insufficient_funds"),
        ({"amount": 100, "currency": "USD"}, 422, "unsupported_currency"),
        (
            {"amount": 100, "carrier": {"kind": "ic_card", "id": "FFFFFFFFFFFFFFFF"}},
            404,
            "carrier_not_found",
        ),
        ({"amount": 100, "carrier": {"kind": "ic_card", "id": "zz"}}, 422, "invalid_carrier"),
    ]
    for change, status, code in cases:
        body = {"carrier": CARD, **change}
        answer = await client.post("/v1/payments/charges", json=body, headers=_key(till))
        assert answer.status_code == status, (change, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == code, change
    missing_key = await client.post(
        "/v1/payments/charges", json={"carrier": CARD, "amount": 100}, headers=till
    )
    assert missing_key.status_code == 400
    assert missing_key.json()["code"] == "idempotency_key_required"
    assert await _transfers(session) == before


async def test_a_hold_is_captured_in_part_over_the_api(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    await visitor(session, platform.keys, pays_at=ServicerCategory.hotel)
    desk = await _headers(session, platform, hotel)
    await client.post(
        "/v1/payments/top-ups/cash", json={"carrier": CARD, "amount": 30_000}, headers=_key(desk)
    )
    held = await client.post(
        "/v1/payments/holds",
        json={"carrier": CARD, "amount": 20_000, "expires_in_hours": 48},
        headers=_key(desk),
    )
    assert held.status_code == 201, held.text
    hold_id = held.json()["id"]
    captured = await client.post(
        f"/v1/payments/holds/{hold_id}/capture", json={"amount": 15_000}, headers=_key(desk)
    )
    assert captured.status_code == 201, captured.text
    again = await client.post(f"/v1/payments/holds/{hold_id}/release", headers=_key(desk))
    assert again.status_code == 409
    assert again.json()["code"] == "hold_not_open"
    assert (await ledger.verify(session)).clean


async def test_above_the_tap_limit_the_visitor_confirms_on_their_phone(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    from tests.pages import csrf_token

    from omotenashi import web
    from omotenashi.payments import service

    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, platform.keys)
    await client.post(
        "/v1/payments/top-ups/cash",
        json={"carrier": CARD, "amount": 30_000},
        headers=_key(await _headers(session, platform, hotel)),
    )
    till = await _headers(session, platform, restaurant)
    asked = await client.post(
        "/v1/payments/charges", json={"carrier": CARD, "amount": 12_000}, headers=_key(till)
    )
    assert asked.status_code == 403
    assert asked.json()["code"] == "confirmation_required"
    confirmation = asked.json()["confirmation"]
    status = await client.get(confirmation["status_url"], headers=till)
    assert status.json()["state"] == "pending"
    assert await _transfers(session) == 1  # only the top-up

    started = await auth.start_visitor_session(session, minji)
    client.cookies.set(web.SESSION_COOKIE, started.token)
    page = await client.get(confirmation["path"])
    assert "¥12,000" in page.text
    token = await csrf_token(client, confirmation["path"])
    paid = await client.post(confirmation["path"], data={"csrf_token": token, "answer": "pay"})
    assert paid.status_code == 303
    again = await client.post(confirmation["path"], data={"csrf_token": token, "answer": "pay"})
    assert again.status_code == 404  # answered once
    client.cookies.clear()

    status = await client.get(confirmation["status_url"], headers=till)
    assert status.json()["state"] == "confirmed"
    assert status.json()["charge"]["amount"] == 12_000
    assert (await service.wallet(session, minji)).balance.available == 18_000
    assert (await ledger.verify(session)).clean


async def test_a_tap_under_the_limit_costs_two_round_trips_and_answers_as_before(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, platform.keys)
    till = await _headers(session, platform, restaurant)
    await client.post(
        "/v1/payments/top-ups/cash", json={"carrier": CARD, "amount": 5_000}, headers=_key(till)
    )
    await client.post(  # the merchant's and the fees' accounts open on their first charge
        "/v1/payments/charges", json={"carrier": CARD, "amount": 100}, headers=_key(till)
    )
    sent: list[str] = []

    def count(*args: Any) -> None:
        if not args[2].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):  # the test's harness
            sent.append(args[2])

    def count_raw(record: Any) -> None:  # what the lean endpoint sends on the driver itself
        sent.append(record.query)

    headers = _key(till)
    body = {"carrier": CARD, "amount": 1_200, "tax_lines": {"10": 1_200}}
    driver = (await (await session.connection()).get_raw_connection()).driver_connection
    assert driver is not None
    sa.event.listen(engine.sync_engine, "before_cursor_execute", count)
    driver.add_query_logger(count_raw)
    try:
        charged = await client.post("/v1/payments/charges", json=body, headers=headers)
        await asyncio.sleep(0.05)  # asyncpg calls its query loggers soon after, not at once
    finally:
        sa.event.remove(engine.sync_engine, "before_cursor_execute", count)
        driver.remove_query_logger(count_raw)
    assert charged.status_code == 201, charged.text
    # The caller, its key and resolve's decision; the charge with its key, transfers and event.
    assert len(sent) == 2, sent
    answer = charged.json()
    assert (answer["amount"], answer["fee"], answer["tax_lines"]) == (1_200, 36, {"10": 1_200})

    again = await client.post("/v1/payments/charges", json=body, headers=headers)
    assert again.json() == answer
    assert again.headers["idempotent-replayed"] == "true"
    event = await session.scalar(
        sa.text("SELECT payload FROM payment_events WHERE operation_id = CAST(:id AS uuid)"),
        {"id": answer["id"]},
    )
    assert event is not None
    assert (event["amount"], event["kind"], event["subject"]) == (
        1_200,
        "charge",
        answer["subject"],
    )
    shown = await client.get(f"/v1/payments/{answer['id']}", headers=till)
    assert shown.json() == answer
    assert (await ledger.verify(session)).clean
