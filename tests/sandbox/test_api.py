"""A servicer's sandbox over HTTP, with real OAuth tokens: sandbox clients, test visitors with
test IC cards and a simulated phone, consent answered by the sandbox, and the wall between the
sandbox and live data in both directions."""

from __future__ import annotations

import uuid

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import bearer, token_request
from tests.factories.carriers import make_card
from tests.factories.servicers import approved_servicer
from tests.factories.visitors import MINJI, make_visitor

from omotenashi.auth import service as auth
from omotenashi.clients import service as clients
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.clients.tokens import issue_access_token
from omotenashi.consent import service as consent
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.runtime import Platform
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.statistics import service as statistics
from omotenashi.statistics.models import StatCell
from omotenashi.webhooks.models import WebhookDelivery

LIVE_IDM = "01 2E 4C 3B 9A 77 10 05"
CHECK_IN = "hotel_check_in"


async def _client(
    session: AsyncSession,
    platform: Platform,
    servicer: Servicer,
    *,
    live: bool,
    kind: ClientKind = ClientKind.terminal,
    purposes: tuple[str, ...] = (CHECK_IN,),
) -> tuple[ApiClient, str, dict[str, str]]:
    scopes = ("resolve", "consent:request") if kind is ClientKind.terminal else ("servicer:admin",)
    client, secret = await clients.create_client(
        session,
        servicer.id,
        kind=kind,
        label="Sandbox desk" if not live else "Front desk",
        scopes=scopes,
        purposes=purposes if kind is ClientKind.terminal else (),
        actor="staff:test",
        keys=platform.keys,
        live=live,
    )
    return client, secret, bearer(issue_access_token(platform.keys, client))


def _card(idm: str) -> dict[str, object]:
    return {"carrier": {"kind": "ic_card", "id": idm}, "purpose": CHECK_IN}


async def test_a_sandbox_client_has_a_test_secret_and_cannot_make_live_clients(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(
        session, "Hotel Sandbox", PurposeKey.hotel_check_in, PurposeKey.payment
    )
    live, live_secret, live_admin = await _client(
        session, platform, hotel, live=True, kind=ClientKind.system
    )
    assert not live_secret.startswith("oms_test_")
    made = await client.post(
        "/v1/servicer/clients",
        headers=live_admin,
        json={"kind": "system", "label": "CI", "scopes": ["servicer:admin"], "live": False},
    )
    assert made.status_code == 201, made.text
    sandbox = made.json()
    assert sandbox["client_secret"].startswith("oms_test_")
    assert sandbox["client"]["live"] is False
    # A live client never sees the sandbox's rows, even its own servicer's.
    listed = (await client.get("/v1/servicer/clients", headers=live_admin)).json()
    assert {c["live"] for c in listed} == {True}

    granted = await token_request(client, sandbox["client"]["client_id"], sandbox["client_secret"])
    assert granted.status_code == 200, granted.text
    sandbox_admin = bearer(granted.json()["access_token"])
    refused = await client.post(
        "/v1/servicer/clients",
        headers=sandbox_admin,
        json={"kind": "system", "label": "Escalate", "scopes": ["servicer:admin"]},
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "sandbox_only"
    assert [
        c["id"] for c in (await client.get("/v1/servicer/clients", headers=sandbox_admin)).json()
    ] == [sandbox["client"]["id"]]
    # Nor can it touch the live client: not found, as another servicer's would be.
    revoked = await client.delete(f"/v1/servicer/clients/{live.id}", headers=sandbox_admin)
    assert revoked.status_code == 404
    rotated = await client.post(
        f"/v1/servicer/clients/{sandbox['client']['id']}/rotate", headers=sandbox_admin
    )
    assert rotated.json()["client_secret"].startswith("oms_test_")
    no_alerts = await client.post(
        "/v1/servicer/clients",
        headers=sandbox_admin,
        json={"kind": "system", "label": "Feed", "scopes": ["alerts:ingest"], "live": False},
    )
    assert no_alerts.status_code == 422
    assert no_alerts.json()["errors"][0]["code"] == "live_only_scope"


async def test_a_test_visitor_is_resolved_after_consenting_through_the_sandbox(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Sandbox", PurposeKey.hotel_check_in)
    _, _, terminal = await _client(session, platform, hotel, live=False)
    made = await client.post("/v1/sandbox/visitors", headers=terminal, json={"label": "Guest A"})
    assert made.status_code == 201, made.text
    visitor = made.json()
    idm = visitor["card"]["id"]
    assert idm.startswith("FFFF")
    assert len(idm) == 16

    asked = await client.post("/v1/resolve", headers=terminal, json=_card(idm))
    assert asked.status_code == 403
    request = asked.json()["consent_request"]
    accepted = await client.post(
        f"/v1/sandbox/consent-requests/{request['id']}/accept", headers=terminal
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"] == "accepted"
    status = await client.get(request["status_url"], headers=terminal)
    assert status.json()["state"] == "accepted"

    served = await client.post("/v1/resolve", headers=terminal, json=_card(idm))
    assert served.status_code == 200, served.text
    assert served.json()["subject"] == visitor["subject"]
    assert served.json()["attributes"]["name"] == {"surname": "SANDBOX", "given_names": "TEST"}

    code = (await client.get(f"/v1/sandbox/visitors/{visitor['id']}/qr", headers=terminal)).json()
    assert code["payload"].startswith("OM2.")
    by_qr = await client.post(
        "/v1/resolve",
        headers=terminal,
        json={"carrier": {"kind": "qr", "payload": code["payload"]}, "purpose": CHECK_IN},
    )
    assert by_qr.status_code == 200, by_qr.text
    assert by_qr.json()["subject"] == visitor["subject"]

    logged = await session.scalars(
        sa.select(AccessLogEntry.live).where(AccessLogEntry.visitor_id == uuid.UUID(visitor["id"]))
    )
    assert list(logged) == [False, False]  # both disclosures, logged as the sandbox's
    listed = (await client.get("/v1/sandbox/visitors", headers=terminal)).json()
    assert [v["id"] for v in listed] == [visitor["id"]]


async def test_the_modes_never_cross(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Sandbox", PurposeKey.hotel_check_in)
    other = await approved_servicer(session, "Hotel Elsewhere", PurposeKey.hotel_check_in)
    _, _, live_terminal = await _client(session, platform, hotel, live=True)
    _, _, sandbox_terminal = await _client(session, platform, hotel, live=False)
    _, _, other_sandbox = await _client(session, platform, other, live=False)
    guest = await make_visitor(session, platform.keys, **MINJI)
    await make_card(session, platform.keys, guest.id, LIVE_IDM)
    await consent.grant(
        session,
        platform.keys,
        guest.id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        servicer_id=hotel.id,
    )
    test = (
        await client.post("/v1/sandbox/visitors", headers=sandbox_terminal, json={"label": "T"})
    ).json()
    await client.post(
        f"/v1/sandbox/visitors/{test['id']}/grants",
        headers=sandbox_terminal,
        json={"purpose": CHECK_IN},
    )

    unknown = await client.post(
        "/v1/resolve", headers=sandbox_terminal, json=_card("0000000000000001")
    )
    # A live card with a sandbox token: the very answer an unknown card gets.
    live_card = await client.post("/v1/resolve", headers=sandbox_terminal, json=_card(LIVE_IDM))
    assert (
        (live_card.status_code, live_card.json()["code"], live_card.json()["title"])
        == (
            unknown.status_code,
            unknown.json()["code"],
            unknown.json()["title"],
        )
        == (404, "carrier_not_found", unknown.json()["title"])
    )
    # And the reverse: a test card at a live terminal; another servicer's sandbox alike.
    test_card = await client.post(
        "/v1/resolve", headers=live_terminal, json=_card(test["card"]["id"])
    )
    assert test_card.status_code == 404
    elsewhere = await client.post(
        "/v1/resolve", headers=other_sandbox, json=_card(test["card"]["id"])
    )
    assert elsewhere.status_code == 404
    assert (
        await client.post("/v1/resolve", headers=live_terminal, json=_card(LIVE_IDM))
    ).status_code == 200
    assert (
        await client.post("/v1/resolve", headers=sandbox_terminal, json=_card(test["card"]["id"]))
    ).status_code == 200

    code = (
        await client.get(f"/v1/sandbox/visitors/{test['id']}/qr", headers=sandbox_terminal)
    ).json()
    by_qr = await client.post(
        "/v1/resolve",
        headers=live_terminal,
        json={"carrier": {"kind": "qr", "payload": code["payload"]}, "purpose": CHECK_IN},
    )
    assert by_qr.status_code == 404

    # The sandbox API is the sandbox's: a live token is refused, another servicer finds nothing.
    refused = await client.get("/v1/sandbox/visitors", headers=live_terminal)
    assert refused.status_code == 403
    assert refused.json()["code"] == "sandbox_client_required"
    assert (
        await client.get(f"/v1/sandbox/visitors/{test['id']}/qr", headers=other_sandbox)
    ).status_code == 404


async def test_consent_requests_stay_in_their_mode(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Sandbox", PurposeKey.hotel_check_in)
    _, _, live_terminal = await _client(session, platform, hotel, live=True)
    _, _, sandbox_terminal = await _client(session, platform, hotel, live=False)
    guest = await make_visitor(session, platform.keys, **MINJI)
    await make_card(session, platform.keys, guest.id, LIVE_IDM)
    live_ask = (
        await client.post("/v1/resolve", headers=live_terminal, json=_card(LIVE_IDM))
    ).json()
    live_request = live_ask["consent_request"]
    # The sandbox cannot answer (or read) a live visitor's request: not found.
    answered = await client.post(
        f"/v1/sandbox/consent-requests/{live_request['id']}/accept", headers=sandbox_terminal
    )
    assert answered.status_code == 404
    assert (
        await client.get(live_request["status_url"], headers=sandbox_terminal)
    ).status_code == 404

    test = (
        await client.post("/v1/sandbox/visitors", headers=sandbox_terminal, json={"label": "T"})
    ).json()
    sandbox_ask = (
        await client.post("/v1/resolve", headers=sandbox_terminal, json=_card(test["card"]["id"]))
    ).json()
    status_url = sandbox_ask["consent_request"]["status_url"]
    assert (await client.get(status_url, headers=sandbox_terminal)).json()["state"] == "pending"
    assert (await client.get(status_url, headers=live_terminal)).status_code == 404


async def test_sandbox_events_reach_sandbox_endpoints_only(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Sandbox", PurposeKey.hotel_check_in)
    _, _, live_admin = await _client(session, platform, hotel, live=True, kind=ClientKind.system)
    _, _, sandbox_admin = await _client(
        session, platform, hotel, live=False, kind=ClientKind.system
    )
    events = ["consent.granted", "consent_request.answered"]
    live_hook = await client.post(
        "/v1/servicer/webhooks",
        headers=live_admin,
        json={"url": "https://pms.example.jp/live", "events": events},
    )
    sandbox_hook = await client.post(
        "/v1/servicer/webhooks",
        headers=sandbox_admin,
        json={"url": "https://pms.example.jp/sandbox", "events": events, "live": True},
    )
    assert live_hook.json()["endpoint"]["live"] is True
    assert sandbox_hook.json()["endpoint"]["live"] is False  # a sandbox client's, whatever asked
    # Each mode lists its own endpoints only.
    assert [
        e["url"] for e in (await client.get("/v1/servicer/webhooks", headers=live_admin)).json()
    ] == ["https://pms.example.jp/live"]
    assert [
        e["url"] for e in (await client.get("/v1/servicer/webhooks", headers=sandbox_admin)).json()
    ] == ["https://pms.example.jp/sandbox"]

    test = (
        await client.post("/v1/sandbox/visitors", headers=sandbox_admin, json={"label": "T"})
    ).json()
    granted = await client.post(
        f"/v1/sandbox/visitors/{test['id']}/grants",
        headers=sandbox_admin,
        json={"purpose": CHECK_IN},
    )
    assert granted.status_code == 201, granted.text
    guest = await make_visitor(session, platform.keys, **MINJI)
    await consent.grant(
        session,
        platform.keys,
        guest.id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        servicer_id=hotel.id,
    )
    live_id = uuid.UUID(live_hook.json()["endpoint"]["id"])
    sandbox_id = uuid.UUID(sandbox_hook.json()["endpoint"]["id"])
    deliveries = (
        await session.execute(sa.select(WebhookDelivery.endpoint_id, WebhookDelivery.live))
    ).all()
    assert sorted(deliveries) == sorted([(live_id, True), (sandbox_id, False)])
    live_log = await client.get(f"/v1/servicer/webhooks/{live_id}/deliveries", headers=live_admin)
    assert len(live_log.json()) == 1
    sandbox_log = await client.get(
        f"/v1/servicer/webhooks/{sandbox_id}/deliveries", headers=sandbox_admin
    )
    assert len(sandbox_log.json()) == 1
    # Neither mode reaches the other's log.
    crossed = await client.get(f"/v1/servicer/webhooks/{sandbox_id}/deliveries", headers=live_admin)
    assert crossed.status_code == 404


async def test_statistics_and_payments_leave_the_sandbox_out(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(
        session, "Hotel Sandbox", PurposeKey.hotel_check_in, PurposeKey.payment
    )
    _, _, sandbox_terminal = await _client(
        session, platform, hotel, live=False, purposes=(CHECK_IN, "payment")
    )
    for n in range(3):
        test = (
            await client.post(
                "/v1/sandbox/visitors", headers=sandbox_terminal, json={"label": f"T{n}"}
            )
        ).json()
        await client.post(
            f"/v1/sandbox/visitors/{test['id']}/grants",
            headers=sandbox_terminal,
            json={"purpose": CHECK_IN},
        )
        served = await client.post(
            "/v1/resolve", headers=sandbox_terminal, json=_card(test["card"]["id"])
        )
        assert served.status_code == 200
    await statistics.recompute_day(session, statistics.today())
    cells = await session.scalar(sa.select(sa.func.count()).select_from(StatCell))
    assert cells == 0  # three visitors would pass k; none of them is live

    charge = await client.post(
        "/v1/payments/charges",
        headers={**sandbox_terminal, "idempotency-key": str(uuid.uuid4())},
        json={"carrier": {"kind": "ic_card", "id": test["card"]["id"]}, "amount": 500},
    )
    assert charge.status_code == 403
    assert charge.json()["code"] == "payments_not_in_sandbox"


async def test_test_cards_are_for_sandbox_visitors_only(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    visitor = await make_visitor(session, platform.keys, language="en")
    headers = bearer((await auth.start_visitor_session(session, visitor.id)).token)
    refused = await client.post(
        "/v1/me/carriers",
        headers=headers,
        json={"kind": "ic_card", "id": "FFFF000000000001", "label": "Suica"},
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["code"] == "test_card"
