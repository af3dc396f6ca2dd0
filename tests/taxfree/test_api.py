"""The tax-free API over HTTP: a POS builds a record from a tap, idempotently."""

from __future__ import annotations

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.clients import make_client
from tests.factories.taxfree import CARD, buyer, shop

from omotenashi.auth import service as auth
from omotenashi.clients.models import ClientKind
from omotenashi.clients.tokens import issue_access_token
from omotenashi.runtime import Platform
from omotenashi.taxfree.models import TaxFreeRecord

CART = [
    {"name": "Rice cooker", "quantity": 1, "unit_price": 44_000},
    {"name": "Matcha 100g", "quantity": 3, "unit_price": 2_160, "tax_rate": 8},
    {"name": "Wristwatch", "quantity": 1, "unit_price": 1_320_000, "serial": "SN-0042-7781"},
]


async def _pos(session: AsyncSession, platform: Platform) -> dict[str, str]:
    servicer = await shop(session, platform.keys)
    client, _ = await make_client(
        session,
        servicer,
        kind=ClientKind.terminal,
        label="POS",
        scopes=("resolve",),
        purposes=("tax_free_sale",),
    )
    return {"authorization": f"Bearer {issue_access_token(platform.keys, client)}"}


async def test_a_pos_retry_with_the_same_key_builds_one_record(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    pos = await _pos(session, platform)
    anna = await buyer(session, platform.keys)
    body = {"carrier": {"kind": "ic_card", "id": CARD}, "items": CART}
    headers = {**pos, "idempotency-key": "sale-0001"}

    first = await client.post("/v1/tax-free/records", json=body, headers=headers)
    assert first.status_code == 201, first.text
    again = await client.post("/v1/tax-free/records", json=body, headers=headers)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    record = first.json()
    assert len(record["transmission_number"]) == 17
    assert [i["line"] for i in record["items"]] == [1, 2, 3]
    assert record["state"] == "built"
    assert "L898902C3" not in first.text  # the passport stays sealed with the shop
    count = await session.scalar(sa.select(sa.func.count()).select_from(TaxFreeRecord))
    assert count == 1

    other = await client.post(
        "/v1/tax-free/records", json={**body, "items": CART[:1]}, headers=headers
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"

    listed = await client.get("/v1/tax-free/records?state=built", headers=pos)
    assert [r["id"] for r in listed.json()] == [record["id"]]

    started = await auth.start_visitor_session(session, anna.id)  # type: ignore[attr-defined]
    mine = await client.get("/v1/me/tax-free", headers={"authorization": f"Bearer {started.token}"})
    assert [(r["seller_name"], r["state"]) for r in mine.json()] == [
        ("Ginza Denki 株式会社", "built")
    ]


async def test_a_dear_item_without_its_serial_is_a_readable_422(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    pos = await _pos(session, platform)
    await buyer(session, platform.keys)
    answer = await client.post(
        "/v1/tax-free/records",
        json={
            "carrier": {"kind": "ic_card", "id": CARD},
            "items": [{"name": "Camera", "quantity": 1, "unit_price": 1_500_000}],
        },
        headers={**pos, "idempotency-key": "sale-0002"},
    )
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "invalid_items"
    assert [e["field"] for e in problem["errors"]] == ["items.0.serial"]
