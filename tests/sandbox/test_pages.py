"""The console's sandbox pages, as a servicer's administrator uses them (Japanese first): make
a test visitor, see its test card and the QR simulator's code, answer its consent requests with
a button, and make sandbox clients beside live ones."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import csrf_token, signed_in_staff, text_of

from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients.models import ApiClient
from omotenashi.consent import requests
from omotenashi.consent.models import ConsentGrant, ConsentRequest, ConsentRequestState
from omotenashi.resolve import service as resolve
from omotenashi.runtime import Platform
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role


async def test_an_administrator_makes_a_test_visitor_and_answers_for_it(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sandbox", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    page = await client.get("/console/sandbox")
    assert page.status_code == 200
    assert "サンドボックス" in text_of(page)
    token = await csrf_token(client, "/console/sandbox")

    made = await client.post("/console/sandbox", data={"csrf_token": token, "label": "ゲストA"})
    assert made.status_code == 303
    simulator = await client.get(made.headers["location"])
    assert simulator.status_code == 200
    shown = text_of(simulator)
    assert "テスト用ICカード" in shown
    idm = shown.split("テスト用ICカード", 1)[1].split()[0]
    assert idm.startswith("FFFF")
    assert 'src="/static/sandbox.js"' in simulator.text

    visitor_id = uuid.UUID(made.headers["location"].rsplit("/", 1)[1])
    code = (await client.get(f"/console/sandbox/{visitor_id}/qr")).json()
    assert code["payload"].startswith("OM2.")
    # The code is a genuine one: the platform reads it back to the test visitor.
    _, _, read = await carriers.check_qr(
        session, CarrierKeys.from_platform(platform.keys), code["payload"], _now()
    )
    assert read == visitor_id

    # A sandbox resolve asks for consent; the page shows the request and answers it.
    decision = await resolve.decide(
        session,
        servicer_id=hotel.id,
        purpose=PurposeKey.hotel_check_in,
        whom=resolve.Card(
            CarrierKind.ic_card,
            CarrierKeys.from_platform(platform.keys).lookup_hash(
                CarrierKind.ic_card, bytes.fromhex(idm)
            ),
        ),
        now=_now(),
        live=False,
    )
    assert decision.outcome is resolve.Outcome.consent_required
    asked = await requests.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=list(decision.missing),
        live=False,
    )
    waiting = await client.get(f"/console/sandbox/{visitor_id}")
    assert "回答待ちの同意リクエスト" in text_of(waiting)
    assert f"/requests/{asked.id}/accept" in waiting.text
    accepted = await client.post(
        f"/console/sandbox/{visitor_id}/requests/{asked.id}/accept", data={"csrf_token": token}
    )
    assert accepted.status_code == 303
    await session.refresh(asked)
    assert asked.state is ConsentRequestState.accepted
    granted = await session.scalar(sa.select(ConsentGrant).where(ConsentGrant.id == asked.grant_id))
    assert granted is not None
    assert granted.live is False

    again = await client.post(
        f"/console/sandbox/{visitor_id}/grant",
        data={"csrf_token": token, "purpose": "hotel_check_in"},
    )
    assert again.status_code == 303
    answered = await resolve.decide(
        session,
        servicer_id=hotel.id,
        purpose=PurposeKey.hotel_check_in,
        whom=visitor_id,
        now=_now(),
        live=False,
    )
    assert answered.outcome is resolve.Outcome.disclosed
    # Live, the same servicer does not find its test visitor.
    live = await resolve.decide(
        session,
        servicer_id=hotel.id,
        purpose=PurposeKey.hotel_check_in,
        whom=visitor_id,
        now=_now(),
    )
    assert live.outcome is resolve.Outcome.not_found
    assert await session.scalar(sa.select(sa.func.count()).select_from(ConsentRequest)) == 1


async def test_another_servicer_and_counter_staff_do_not_reach_a_sandbox(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sandbox", PurposeKey.hotel_check_in)
    other = await approved_servicer(session, "Hotel Other", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    token = await csrf_token(client, "/console/sandbox")
    made = await client.post("/console/sandbox", data={"csrf_token": token, "label": "A"})
    path = made.headers["location"]

    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, other.id)
    assert (await client.get(path)).status_code == 404
    assert (await client.get(path + "/qr")).status_code == 404
    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, hotel.id)
    assert (await client.get(path)).status_code == 403


async def test_a_sandbox_client_is_made_beside_live_ones(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sandbox", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    token = await csrf_token(client, "/console")
    made = await client.post(
        "/console/clients",
        data={
            "csrf_token": token,
            "kind": "terminal",
            "label": "Test desk",
            "purposes": "hotel_check_in",
            "sandbox": "1",
        },
    )
    assert made.status_code == 200
    assert "oms_test_" in made.text
    live = await client.post(
        "/console/clients",
        data={
            "csrf_token": token,
            "kind": "terminal",
            "label": "Desk",
            "purposes": "hotel_check_in",
        },
    )
    assert "oms_test_" not in live.text
    modes = await session.execute(sa.select(ApiClient.label, ApiClient.live))
    assert sorted(modes.all()) == [("Desk", True), ("Test desk", False)]
    console = await client.get("/console")
    assert "サンドボックス" in text_of(console)


def _now() -> datetime:
    return datetime.now(UTC)
