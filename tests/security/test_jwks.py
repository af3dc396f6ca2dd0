"""Anyone outside can check what the platform signs: its keys are published as a JWKS, every JWS
names its key, and a JOSE library other than the one that signs (joserfc; the platform signs
with PyJWT) verifies receipts, alerts and access tokens with nothing but the published set."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jws
from joserfc.jwk import KeySet, OKPKey
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import fixture
from tests.factories import approved_servicer, platform_keys
from tests.factories.staff import staff_headers

from omotenashi.alerts import signatures
from omotenashi.app import create_app
from omotenashi.auth import service as auth
from omotenashi.clients import service as clients
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.clients.tokens import issue_access_token, verify_access_token
from omotenashi.consent import receipts
from omotenashi.runtime import Platform
from omotenashi.security import jwks
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role
from omotenashi.visitors import service as visitors

# The platform's JWS headers say "EdDSA" (RFC 8037), the name every JOSE library knows; joserfc
# warns that RFC 9864 prefers "Ed25519", which PyJWT cannot sign with yet.
pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")

JWKS = "/.well-known/jwks.json"


async def _published(client: httpx.AsyncClient) -> KeySet:
    answer = await client.get(JWKS)
    assert answer.status_code == 200
    return KeySet.import_key_set(answer.json())


def _verified(token: str, key_set: KeySet) -> tuple[dict[str, Any], bytes]:
    """What joserfc makes of ``token`` with the published keys alone (it raises if forged)."""
    found = jws.deserialize_compact(token, key_set, algorithms=["EdDSA"])
    return found.headers(), found.payload


async def test_the_signing_keys_are_published_as_a_cacheable_jwks(
    client: httpx.AsyncClient, platform: Platform
) -> None:
    answer = await client.get(JWKS)
    assert answer.status_code == 200
    assert "max-age=" in answer.headers["cache-control"]
    assert "public" in answer.headers["cache-control"]
    (key,) = answer.json()["keys"]
    assert {k: key[k] for k in ("kty", "crv", "use", "alg")} == {
        "kty": "OKP",
        "crv": "Ed25519",
        "use": "sig",
        "alg": "EdDSA",
    }
    assert "d" not in key
    assert key["kid"] == OKPKey.import_key(key).thumbprint()  # RFC 7638, recomputed elsewhere
    assert key["kid"] == jwks.kid(platform.keys.signing_key)
    described = (await client.get("/openapi.json")).json()["paths"][JWKS]["get"]
    assert "security" not in described  # public: nothing to sign in with
    assert described["responses"]["200"]


async def test_a_receipt_verifies_with_a_stock_jose_library(
    session: AsyncSession, client: httpx.AsyncClient, platform: Platform
) -> None:
    visitor = await visitors.create_visitor(session, Keyring(platform.keys.master), language="en")
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    started = await auth.start_visitor_session(session, visitor.id)
    me = {"authorization": f"Bearer {started.token}"}
    granted = await client.post(
        "/v1/me/consents",
        json={"purpose": "hotel_check_in", "attributes": ["name"], "servicer_id": str(hotel.id)},
        headers=me,
    )
    assert granted.status_code == 201
    header, payload = _verified(granted.json()["receipt_jws"], await _published(client))
    claims = receipts.verify(granted.json()["receipt_jws"], platform.keys)
    assert header["typ"] == "consent-receipt+jwt"
    assert header["kid"] == claims["publicKey"]["kid"] == jwks.kid(platform.keys.signing_key)
    assert claims["publicKey"] == jwks.public_jwk(platform.keys.signing_key)
    assert b'"consentReceiptID"' in payload


async def test_an_alert_verifies_with_a_stock_jose_library(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    ingested = await client.post(
        "/v1/alerts/ingest",
        content=fixture("eew_vxse43.xml"),
        headers={**await _operator(session), "content-type": "application/xml"},
    )
    assert ingested.status_code == 201
    alert = ingested.json()["alert"]
    header, payload = _verified(alert["signature"], await _published(client))
    assert header["typ"] == signatures.ALERT_TOKEN_TYPE
    assert alert["id"].encode() in payload


async def test_an_access_token_verifies_with_a_stock_jose_library(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    terminal, secret = await clients.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Front desk",
        scopes=("resolve",),
        purposes=("hotel_check_in",),
        actor="staff:test",
    )
    issued = await client.post(
        "/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": terminal.client_id,
            "client_secret": secret,
        },
    )
    assert issued.status_code == 200
    header, _ = _verified(issued.json()["access_token"], await _published(client))
    assert header["typ"] == "at+jwt"


async def test_what_a_retired_key_signed_still_verifies_and_the_key_stays_published(
    platform: Platform,
) -> None:
    retired = platform_keys()
    current = PlatformKeys(
        master=retired.master,
        signing_key=Ed25519PrivateKey.generate(),
        previous_signing_keys=(jwks.raw_public(retired.signing_key),),
    )
    terminal = _terminal()
    token = issue_access_token(retired, terminal)
    receipt = receipts.sign({"consentReceiptID": "r-1"}, retired)
    alert = _alert(retired)

    assert verify_access_token(current, token).client_id == terminal.client_id
    assert receipts.verify(receipt, current)["consentReceiptID"] == "r-1"
    assert signatures.verify(current, alert)["jti"] == "a-1"
    app = create_app(Platform(platform.settings, platform.database_url, current))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as outside:
        published = await _published(outside)
    assert [key.kid for key in published] == [
        jwks.kid(current.signing_key),
        jwks.kid(retired.signing_key),
    ]
    for token_of_old in (token, receipt, alert):
        assert _verified(token_of_old, published)[0]["kid"] == jwks.kid(retired.signing_key)


async def test_a_key_no_longer_published_is_not_accepted() -> None:
    forgotten, current = platform_keys(), platform_keys()
    token = issue_access_token(forgotten, _terminal())
    with pytest.raises(Exception, match="token"):
        verify_access_token(current, token)
    with pytest.raises(Exception, match="publish"):
        receipts.verify(receipts.sign({"consentReceiptID": "r-1"}, forgotten), current)
    with pytest.raises(signatures.BadSignature):
        signatures.verify(current, _alert(forgotten))


def _terminal() -> ApiClient:
    return ApiClient(
        client_id="desk-1",
        servicer_id=uuid.uuid4(),
        kind=ClientKind.terminal,
        scopes=["resolve"],
        purposes=["hotel_check_in"],
    )


def _alert(keys: PlatformKeys) -> str:
    now = datetime.now(UTC)
    return signatures.sign(
        keys.signing_key,
        alert_id="a-1",
        canonical=b"{}",
        alert_type="earthquake",
        severity=4,
        status="actual",
        source="JMA",
        issued_at=now,
        expires_at=now + timedelta(hours=1),
    )


async def _operator(session: AsyncSession) -> dict[str, str]:
    return await staff_headers(session, "ops@example.jp", Role.operator)
