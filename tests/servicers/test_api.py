"""A servicer's whole way in, over the API: apply, get approved, sign in, set up a terminal,
serve a visitor; the visitor sees who saw what, and the operator sees every step audited."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlparse

import httpx
import pyotp
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import build_cast
from tests.mailbox import Mail
from tests.pages import csrf_token

from omotenashi.auth import limits
from omotenashi.runtime import Platform
from omotenashi.security.ratelimit import Limit
from omotenashi.servicers import service as servicers

PASSWORD = "ryokan sakura front desk"
IDM = "0123456789ABCDEF"  # visitor A's card in the cast


def _sakura(admin_email: str = "owner@sakura.example.jp", name: str = "Ryokan Sakura") -> dict:
    return {
        "name": name,
        "name_ja": "旅館さくら",
        "category": "hotel",
        "contact_email": "front@sakura.example.jp",
        "municipality_code": "131067",
        "purposes": {"hotel_check_in": "Guest register (旅館業法)"},
        "admin": {"email": admin_email, "display_name": "Sato", "password": PASSWORD},
    }


def _link(mail: Mail) -> str:
    found = re.search(r"http://testserver(/join/enrol/\S+)", mail.body)
    assert found is not None, mail.body
    return found.group(1)


async def test_from_application_to_first_check_in(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient, sent_mail: list[Mail]
) -> None:
    cast = await build_cast(session, platform)
    applied = await client.post("/v1/servicers", json=_sakura())
    assert applied.status_code == 202, applied.text
    (welcome,) = sent_mail
    assert welcome.to == "owner@sakura.example.jp"
    set_up = await client.get(_link(welcome))
    assert set_up.status_code == 200
    assert set_up.headers["cache-control"] == "no-store"
    found = re.search(r'data-qr-text="([^"]+)"', set_up.text)
    assert found is not None
    seed = parse_qs(urlparse(html.unescape(found.group(1))).query)["secret"][0]

    pending = await client.get("/v1/operator/servicers?state=pending", headers=cast.operator)
    (servicer,) = [s for s in pending.json() if s["name"] == "Ryokan Sakura"]
    base = f"/v1/operator/servicers/{servicer['id']}"
    decided = await client.post(
        f"{base}/purposes/hotel_check_in", json={"approve": True}, headers=cast.operator
    )
    assert decided.json()["purposes"][0]["state"] == "approved"
    approved = await client.post(f"{base}/state", json={"state": "approved"}, headers=cast.operator)
    assert approved.json()["state"] == "approved"

    signed_in = await client.post(
        "/v1/staff/sessions",
        json={
            "email": "owner@sakura.example.jp",
            "password": PASSWORD,
            "code": pyotp.TOTP(seed).now(),
        },
    )
    assert signed_in.status_code == 201, signed_in.text
    admin = {"authorization": f"Bearer {signed_in.json()['token']}"}
    made = await client.post(
        "/v1/servicer/clients",
        headers=admin,
        json={
            "kind": "terminal",
            "label": "Front desk 2",
            "location": "1F lobby",
            "scopes": ["resolve"],
            "purposes": ["hotel_check_in"],
        },
    )
    assert made.status_code == 201, made.text
    terminal = made.json()
    token = await client.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(terminal["client"]["client_id"], terminal["client_secret"]),
    )
    terminal_headers = {"authorization": f"Bearer {token.json()['access_token']}"}

    granted = await client.post(
        "/v1/me/consents",
        headers=cast.a.headers,
        json={
            "purpose": "hotel_check_in",
            "attributes": ["name", "passport"],
            "servicer_id": servicer["id"],
        },
    )
    assert granted.status_code == 201, granted.text
    served = await client.post(
        "/v1/resolve",
        headers=terminal_headers,
        json={"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "hotel_check_in"},
    )
    assert served.status_code == 200, served.text
    assert set(served.json()["attributes"]) == {"name", "passport"}

    seen = (await client.get("/v1/me/access-log", headers=cast.a.headers)).json()[0]
    assert seen["servicer_name"] == "Ryokan Sakura"
    assert seen["terminal"] == "Front desk 2"
    assert seen["location"] == "1F lobby"
    assert [a["key"] for a in seen["attributes"]] == ["name", "passport"]

    audit = (await client.get("/v1/operator/audit", headers=cast.operator)).json()
    actions = [entry["action"] for entry in audit]
    assert {"servicer.approved", "servicer.purpose_approved", "api_client.created"} <= set(actions)
    chain = (await client.get("/v1/operator/audit/chain", headers=cast.operator)).json()
    assert chain["intact"] is True
    assert (await client.get(_link(welcome))).status_code == 404  # signed in: the link is spent


async def test_an_application_answers_alike_whether_or_not_the_address_has_an_account(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient, sent_mail: list[Mail]
) -> None:
    cast = await build_cast(session, platform)
    taken = await client.post("/v1/servicers", json=_sakura("Admin@X.example.jp"))
    fresh = await client.post("/v1/servicers", json=_sakura("new@sakura.example.jp", "Ryokan B"))
    assert taken.status_code == fresh.status_code == 202
    assert taken.headers["content-type"] == fresh.headers["content-type"]
    assert taken.json() == fresh.json()
    told, welcome = sent_mail
    assert told.to == "admin@x.example.jp"  # the owner of the address learns of it
    assert "already has an account" in told.body
    assert "/join/enrol/" not in told.body
    assert welcome.to == "new@sakura.example.jp"
    assert "/join/enrol/" in welcome.body
    pending = await client.get("/v1/operator/servicers?state=pending", headers=cast.operator)
    assert [s["name"] for s in pending.json()] == ["Ryokan B"]  # no second account was made


async def test_an_application_for_a_registered_organisation_answers_alike(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient, sent_mail: list[Mail]
) -> None:
    first = await client.post("/v1/servicers", json=_sakura("one@sakura.example.jp"))
    again = await client.post("/v1/servicers", json=_sakura("two@sakura.example.jp"))
    assert first.status_code == again.status_code == 202
    assert first.json() == again.json()
    assert "already registered in the same municipality" in sent_mail[1].body


@pytest.fixture
def minute_refills(monkeypatch: pytest.MonkeyPatch) -> None:
    """The staff sign-in limits with their bursts, refilled once a minute: the attempts of a
    test come within the burst however slowly a loaded machine makes them (at the product's own
    refill, one every 6 or 10 s, a slow run saw a token come back before the last attempt)."""
    for name in ("SIGN_IN_LIMIT", "FAILED_SIGN_INS_PER_ADDRESS"):
        monkeypatch.setattr(limits, name, Limit(per_minute=1, burst=getattr(limits, name).burst))


@pytest.mark.usefixtures("minute_refills")
async def test_wrong_codes_soon_meet_a_rate_limit(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    attempt = {"email": "nobody@example.jp", "password": "wrong password!", "code": "000000"}
    statuses = [
        (await client.post("/v1/staff/sessions", json=attempt)).status_code for _ in range(6)
    ]
    assert statuses == [401, 401, 401, 401, 401, 429]


def _application(n: int) -> dict[str, object]:
    return {
        "name": f"Minshuku {n}",
        "name_ja": f"民宿{n}",
        "category": "hotel",
        "contact_email": f"front@minshuku{n}.example.jp",
        "purposes": {"hotel_check_in": "Guest register"},
        "admin": {
            "email": f"owner@minshuku{n}.example.jp",
            "display_name": "O",
            "password": PASSWORD,
        },
    }


async def test_applications_from_one_network_meet_a_rate_limit(
    client: httpx.AsyncClient,
) -> None:
    burst = servicers.APPLICATIONS_PER_ADDRESS.burst
    statuses = [
        (await client.post("/v1/servicers", json=_application(n))).status_code
        for n in range(burst + 1)
    ]
    assert statuses == [202] * burst + [429]
    token = await csrf_token(client, "/join")
    page = await client.post("/join", data={"csrf_token": token, "name": "One more"})
    assert page.status_code == 429  # the join page spends the same allowance


async def test_a_name_the_database_cannot_store_is_refused_naming_the_field(
    client: httpx.AsyncClient, sent_mail: list[Mail]
) -> None:
    body = json.dumps(_sakura(name="Ryokan \x00"), ensure_ascii=True).encode()
    refused = await client.post(
        "/v1/servicers", content=body, headers={"content-type": "application/json"}
    )
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert (error["field"], error["code"]) == ("body.name", "unstorable_text")
    surrogate = body.replace(b"\\u0000", b"\\udc80")
    refused = await client.post(
        "/v1/servicers", content=surrogate, headers={"content-type": "application/json"}
    )
    assert refused.json()["errors"][0]["field"] == "body.name"
    assert sent_mail == []


@pytest.mark.usefixtures("minute_refills")
async def test_wrong_passwords_for_many_accounts_from_one_network_meet_a_rate_limit(
    client: httpx.AsyncClient,
) -> None:
    statuses = [
        (
            await client.post(
                "/v1/staff/sessions",
                json={"email": f"clerk{n}@example.jp", "password": "guess 123456", "code": "0"},
            )
        ).status_code
        for n in range(8)
    ]
    assert statuses == [401] * 6 + [429] * 2


@pytest.mark.usefixtures("minute_refills")
async def test_the_staff_sign_in_page_shares_the_networks_allowance_of_failures(
    client: httpx.AsyncClient,
) -> None:
    for n in range(6):
        wrong = {"email": f"desk{n}@example.jp", "password": "guess 123456", "code": "0"}
        assert (await client.post("/v1/staff/sessions", json=wrong)).status_code == 401
    token = await csrf_token(client, "/staff/signin")
    page = await client.post(
        "/staff/signin",
        data={"csrf_token": token, "email": "desk9@example.jp", "password": "x", "code": "0"},
        headers={"accept": "text/html"},
    )
    assert page.status_code == 429
    assert page.headers["retry-after"]


async def test_a_terminal_for_a_purpose_the_operator_has_not_approved_is_refused(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    cast = await build_cast(session, platform)  # Hotel X: approved for check-in only
    refused = await client.post(
        "/v1/servicer/clients",
        headers=cast.x.admin,
        json={
            "kind": "terminal",
            "label": "Shop till",
            "scopes": ["resolve"],
            "purposes": ["hotel_check_in", "tax_free_sale"],
        },
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "purpose_not_approved"
    assert [e["field"] for e in refused.json()["errors"]] == ["purposes"]
    assert "tax_free_sale" in refused.json()["errors"][0]["message"]
    documented = (await client.get("/openapi.json")).json()["paths"]["/v1/servicer/clients"]
    assert "purpose_not_approved" in documented["post"]["responses"]["403"]["description"]


async def test_a_suspended_servicers_terminal_is_refused_at_once(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    cast = await build_cast(session, platform)
    body = {"carrier": {"kind": "ic_card", "id": IDM}, "purpose": "hotel_check_in"}
    assert (await client.post("/v1/resolve", json=body, headers=cast.x.terminal)).status_code == 200
    await client.post(
        f"/v1/operator/servicers/{cast.x.servicer.id}/state",
        json={"state": "suspended", "reason": "Complaint"},
        headers=cast.operator,
    )
    refused = await client.post("/v1/resolve", json=body, headers=cast.x.terminal)
    assert refused.status_code == 401
