"""`POST /v1/resolve` over real HTTP semantics, with real OAuth tokens."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import token_request
from tests.factories.clients import make_client
from tests.factories.servicers import approved_servicer

from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients import service as api_clients
from omotenashi.clients.models import ApiClient
from omotenashi.consent import requests as consent_requests
from omotenashi.consent import service as consent
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.resolve.schemas import ResolveResponse
from omotenashi.runtime import Platform
from omotenashi.security import audit
from omotenashi.security.audit import AuditEntry
from omotenashi.security.encryption import Keyring
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import Servicer, ServicerState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors

IDM = "01 2E 4C 3B 9A 77 10 05"
PASSPORT = {
    "document_type": "P",
    "number": "X98765432",
    "issuing_state": "AUS",
    "expiry_date": "2033-03-03",
}


async def _terminal(
    session: AsyncSession, http: httpx.AsyncClient, servicer: Servicer
) -> tuple[ApiClient, dict[str, str]]:
    client, secret = await make_client(session, servicer)
    token = (await token_request(http, client.client_id, secret)).json()["access_token"]
    return client, {"authorization": f"Bearer {token}"}


async def _visitor_with_card(
    session: AsyncSession, platform: Platform
) -> tuple[str, uuid.UUID, bytes]:
    keyring = Keyring(platform.keys.master)
    visitor = await visitors.create_visitor(session, keyring)
    await visitors.update_profile(
        session,
        keyring,
        visitor.id,
        {
            "name": {"surname": "SMITH", "given_names": "JO"},
            "nationality": "AU",
            "passport": PASSPORT,
            "preferred_languages": ["en-AU"],
        },
    )
    keys = CarrierKeys.from_platform(platform.keys)
    await carriers.link_card(session, keys, visitor.id, CarrierKind.ic_card, IDM, "Suica")
    phone, secret = await carriers.register_device(session, keys, visitor.id, "My phone")
    return str(visitor.id), phone.id, secret


async def test_check_in_asks_for_consent_then_resolves_after_the_visitor_accepts(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    _, headers = await _terminal(session, client, hotel)
    visitor_id, _, _ = await _visitor_with_card(session, platform)
    body = {"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "hotel_check_in"}

    refused = await client.post("/v1/resolve", json=body, headers=headers)
    assert refused.status_code == 403
    problem = refused.json()
    assert problem["code"] == "consent_required"
    assert "passport" in problem["missing"]
    asked = problem["consent_request"]
    assert (await client.get(asked["status_url"], headers=headers)).json()["state"] == "pending"

    token = asked["url"].rsplit("/", 1)[1]
    await consent_requests.accept(session, platform.keys, uuid.UUID(visitor_id), token)
    assert (await client.get(asked["status_url"], headers=headers)).json()["state"] == "accepted"

    served = await client.post("/v1/resolve", json=body, headers=headers)
    assert served.status_code == 200, served.text
    result = served.json()
    assert result["attributes"]["passport"]["number"] == "X98765432"
    assert result["language"] == "en"
    assert visitor_id not in served.text


async def test_unknown_card_is_404_and_a_replayed_qr_is_409(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    _, headers = await _terminal(session, client, hotel)
    _, phone, secret = await _visitor_with_card(session, platform)
    unknown = await client.post(
        "/v1/resolve",
        headers=headers,
        json={
            "carrier": {"kind": "ic_card", "id": "FFFFFFFFFFFFFFFF"},
            "purpose": "hotel_check_in",
        },
    )
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "carrier_not_found"

    code = carriers.qr_payload(phone, secret, datetime.now(UTC))
    body = {"carrier": {"kind": "qr", "payload": code}, "purpose": "hotel_check_in"}
    first = await client.post("/v1/resolve", headers=headers, json=body)
    assert first.status_code == 403  # known visitor, no consent yet: the code was used
    assert first.json()["code"] == "consent_required"
    again = await client.post("/v1/resolve", headers=headers, json=body)
    assert again.status_code == 409
    assert again.json()["code"] == "qr_replayed"


async def test_a_terminal_cannot_resolve_for_a_purpose_it_is_not_set_up_for(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    _, headers = await _terminal(session, client, hotel)
    await _visitor_with_card(session, platform)
    response = await client.post(
        "/v1/resolve",
        headers=headers,
        json={"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "tax_free_sale"},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "purpose_not_for_terminal"


async def test_resolve_needs_a_valid_token_and_good_input(client: httpx.AsyncClient) -> None:
    body = {"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "hotel_check_in"}
    assert (await client.post("/v1/resolve", json=body)).status_code == 401
    bad = await client.post(
        "/v1/resolve",
        json={"carrier": {"kind": "fax"}, "purpose": "x"},
        headers={"authorization": "Bearer nonsense"},
    )
    assert bad.status_code in (401, 422)
    assert bad.headers["content-type"] == "application/problem+json"


async def test_a_terminal_resolving_too_many_visitors_is_suspended_told_so_and_audited(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    terminal, headers = await _terminal(session, client, hotel)
    terminal.max_visitors_per_minute = 2
    keys = CarrierKeys.from_platform(platform.keys)
    keyring = Keyring(platform.keys.master)
    statuses = []
    for n in range(3):
        visitor = await visitors.create_visitor(session, keyring)
        await visitors.update_profile(
            session, keyring, visitor.id, {"name": {"surname": f"GUEST{n}"}}
        )
        idm = f"00000000000000{n:02d}"
        await carriers.link_card(session, keys, visitor.id, CarrierKind.ic_card, idm, "card")
        await consent.grant(
            session,
            platform.keys,
            visitor.id,
            purpose=PurposeKey.hotel_check_in,
            attributes=["name"],
            servicer_id=hotel.id,
        )
        response = await client.post(
            "/v1/resolve",
            headers=headers,
            json={"carrier": {"kind": "ic_card", "id": idm}, "purpose": "hotel_check_in"},
        )
        statuses.append((response.status_code, response.json().get("code")))
    assert statuses[:2] == [(200, None), (200, None)]
    assert statuses[2] == (403, "terminal_suspended")
    after = await client.post(
        "/v1/resolve",
        headers=headers,
        json={
            "carrier": {"kind": "ic_card", "id": "0000000000000000"},
            "purpose": "hotel_check_in",
        },
    )
    # Every later call of the terminal is told so, as the OpenAPI says, not "invalid token".
    assert (after.status_code, after.json()["code"]) == (403, "terminal_suspended")
    assert after.headers["content-type"] == "application/problem+json"
    documented = (await client.get("/openapi.json")).json()["paths"]["/v1/resolve"]["post"]
    assert "terminal_suspended" in documented["responses"]["403"]["description"]
    report = await audit.verify(session)
    assert report.intact
    actions = (
        await session.scalars(
            select(AuditEntry.action).where(AuditEntry.actor == "system:anomaly-detector")
        )
    ).all()
    assert "api_client.revoked" in actions


async def test_a_terminal_over_its_request_rate_gets_429_with_retry_after(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    terminal, headers = await _terminal(session, client, hotel)
    terminal.max_requests_per_minute = 30  # bursts of 3, then one every 2 seconds
    await session.flush()
    body = {"carrier": {"kind": "ic_card", "id": "FFFFFFFFFFFFFFFF"}, "purpose": "hotel_check_in"}

    statuses = [(await client.post("/v1/resolve", json=body, headers=headers)) for _ in range(4)]

    assert [r.status_code for r in statuses] == [404, 404, 404, 429]
    refused = statuses[-1]
    assert refused.json()["code"] == "rate_limited"
    assert refused.headers["retry-after"] == "2"
    _other, other_headers = await _terminal(session, client, hotel)
    elsewhere = await client.post("/v1/resolve", json=body, headers=other_headers)
    assert elsewhere.status_code == 404  # the desk next to it is not slowed down


async def test_a_revoked_terminal_or_suspended_servicer_cannot_resolve_with_a_live_token(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    desk, desk_headers = await _terminal(session, client, hotel)
    _, other_headers = await _terminal(session, client, hotel)
    await _visitor_with_card(session, platform)
    body = {"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "hotel_check_in"}

    await api_clients.revoke(session, hotel.id, desk.id, actor="staff:test")
    revoked = await client.post("/v1/resolve", json=body, headers=desk_headers)
    await servicers.set_state(session, hotel.id, ServicerState.suspended, actor="operator:test")
    suspended = await client.post("/v1/resolve", json=body, headers=other_headers)

    assert (revoked.status_code, revoked.json()["code"]) == (401, "invalid_token")
    assert (suspended.status_code, suspended.json()["code"]) == (401, "invalid_token")
    logged = await session.scalars(select(AccessLogEntry.id))
    assert logged.all() == []  # nothing was disclosed to either


async def test_a_qr_code_refused_for_the_rate_is_not_used_up(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    terminal, headers = await _terminal(session, client, hotel)
    terminal.max_requests_per_minute = 10  # one at once, then one every 6 seconds
    await session.flush()
    _, phone, secret = await _visitor_with_card(session, platform)
    code = carriers.qr_payload(phone, secret, datetime.now(UTC))
    by_qr = {"carrier": {"kind": "qr", "payload": code}, "purpose": "hotel_check_in"}
    by_card = {"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "hotel_check_in"}

    first = await client.post("/v1/resolve", json=by_card, headers=headers)
    limited = await client.post("/v1/resolve", json=by_qr, headers=headers)
    _, elsewhere = await _terminal(session, client, hotel)
    at_the_next_desk = await client.post("/v1/resolve", json=by_qr, headers=elsewhere)

    assert first.status_code == 403  # no consent yet: a tap-to-consent request
    assert limited.status_code == 429
    assert at_the_next_desk.status_code == 403, at_the_next_desk.json()  # not 409: unused


async def test_resolve_answers_which_attributes_an_identity_provider_verified(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    _, headers = await _terminal(session, client, hotel)
    visitor_id, _, _ = await _visitor_with_card(session, platform)
    issuer = "https://wallet.example.au"
    await visitors.update_profile(
        session,
        platform.keys.keyring,
        uuid.UUID(visitor_id),
        {"name": {"surname": "SMITH", "given_names": "JO"}},
        verified=visitors.Verification(issuer, datetime(2026, 12, 1, 23, 15, tzinfo=UTC)),
    )
    await consent.grant(
        session,
        platform.keys,
        uuid.UUID(visitor_id),
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
        servicer_id=hotel.id,
    )
    body = {"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "hotel_check_in"}
    served = await client.post("/v1/resolve", json=body, headers=headers)
    assert served.status_code == 200, served.text
    answer = served.json()
    assert answer["verification"] == {
        "name": {"verified_by": issuer, "verified_at": "2026-12-01T23:15:00Z"},
        "passport": None,
    }
    assert set(answer["verification"]) == set(answer["attributes"])
    # A JSON body of another media type is left by the lean endpoint to FastAPI's handler of
    # the same declaration: it answers in the same shape.
    declared = await client.post(
        "/v1/resolve",
        content=json.dumps(body),
        headers={**headers, "content-type": "application/vnd.omotenashi+json"},
    )
    assert declared.status_code == 200, declared.text
    assert declared.json()["verification"] == answer["verification"]
    assert ResolveResponse.model_validate(answer).model_dump(mode="json") == answer
    schema = (await client.get("/openapi.json")).json()["components"]["schemas"]
    described = schema["ResolveResponse"]["properties"]["verification"]
    assert "null" in described["description"]
    assert set(schema["Verification"]["required"]) == {"verified_by", "verified_at"}
