from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import httpx
import jwt
import pytest
from fastapi import APIRouter, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import basic, token_request
from tests.factories.clients import make_client
from tests.factories.servicers import approved_servicer

from omotenashi.clients import service
from omotenashi.clients.dependencies import ClientWithScope
from omotenashi.clients.models import ApiClient
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import issue_access_token
from omotenashi.runtime import Platform
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerState
from omotenashi.servicers.purposes import PurposeKey

TOKEN_URL = "/v1/oauth/token"


def _probe_routes() -> APIRouter:
    router = APIRouter(prefix="/v1/_probe")

    @router.get("/resolve")
    async def resolve(
        caller: Annotated[AuthenticatedClient, ClientWithScope("resolve")],
    ) -> dict[str, object]:
        return {"client_id": caller.client_id, "purposes": list(caller.purposes)}

    @router.get("/consent")
    async def consent(
        caller: Annotated[AuthenticatedClient, ClientWithScope("consent:request")],
    ) -> dict[str, str]:
        return {"client_id": caller.client_id}

    return router


@pytest.fixture
def probed(app: FastAPI) -> FastAPI:
    app.include_router(_probe_routes())
    return app


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def _assert_invalid_client(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["www-authenticate"].startswith("Basic")
    assert response.headers["cache-control"] == "no-store"


def _assert_invalid_token(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_token"
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


async def _terminal(session: AsyncSession) -> tuple[ApiClient, str]:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    return await make_client(session, servicer)


async def test_basic_authentication_gets_a_bearer_token(
    session: AsyncSession, probed: FastAPI, client: httpx.AsyncClient
) -> None:
    terminal, secret = await _terminal(session)
    response = await token_request(client, terminal.client_id, secret)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 300
    assert body["scope"] == "consent:request resolve"
    assert jwt.get_unverified_header(body["access_token"])["typ"] == "at+jwt"
    probe = await client.get("/v1/_probe/resolve", headers=_bearer(body["access_token"]))
    assert probe.status_code == 200
    assert probe.json() == {"client_id": terminal.client_id, "purposes": ["hotel_check_in"]}


async def test_secret_in_the_body_gets_a_token(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    terminal, secret = await _terminal(session)
    response = await client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": terminal.client_id,
            "client_secret": secret,
        },
    )
    assert response.status_code == 200
    assert response.json()["access_token"]


async def test_wrong_secret_and_unknown_client_get_the_same_answer(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    terminal, secret = await _terminal(session)
    wrong = await token_request(client, terminal.client_id, "not-the-secret")
    unknown = await token_request(client, "omc_nobody", secret)
    _assert_invalid_client(wrong)
    _assert_invalid_client(unknown)
    assert wrong.json() == unknown.json()


async def test_rotated_secret_replaces_the_old_one(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    terminal, old = await _terminal(session)
    new = await service.rotate_secret(
        session, terminal.servicer_id, terminal.id, actor="staff:test"
    )
    _assert_invalid_client(await token_request(client, terminal.client_id, old))
    assert (await token_request(client, terminal.client_id, new)).status_code == 200


async def test_revoked_client_gets_no_token_and_its_live_token_is_refused(
    session: AsyncSession, probed: FastAPI, client: httpx.AsyncClient
) -> None:
    terminal, secret = await _terminal(session)
    issued = (await token_request(client, terminal.client_id, secret)).json()["access_token"]
    await service.revoke(session, terminal.servicer_id, terminal.id, actor="staff:test")
    _assert_invalid_client(await token_request(client, terminal.client_id, secret))
    _assert_invalid_token(await client.get("/v1/_probe/resolve", headers=_bearer(issued)))


async def test_suspended_servicers_client_is_refused(
    session: AsyncSession, probed: FastAPI, client: httpx.AsyncClient
) -> None:
    terminal, secret = await _terminal(session)
    issued = (await token_request(client, terminal.client_id, secret)).json()["access_token"]
    await servicers.set_state(
        session, terminal.servicer_id, ServicerState.suspended, actor="operator:test"
    )
    _assert_invalid_client(await token_request(client, terminal.client_id, secret))
    _assert_invalid_token(await client.get("/v1/_probe/resolve", headers=_bearer(issued)))


async def test_expired_token_is_refused(
    session: AsyncSession, platform: Platform, probed: FastAPI, client: httpx.AsyncClient
) -> None:
    terminal, _ = await _terminal(session)
    expired = issue_access_token(platform.keys, terminal, ttl=timedelta(seconds=-60))
    _assert_invalid_token(await client.get("/v1/_probe/resolve", headers=_bearer(expired)))


async def test_token_for_another_audience_or_tampered_is_refused(
    session: AsyncSession, platform: Platform, probed: FastAPI, client: httpx.AsyncClient
) -> None:
    terminal, _ = await _terminal(session)
    elsewhere = issue_access_token(platform.keys, terminal, audience="another-api")
    _assert_invalid_token(await client.get("/v1/_probe/resolve", headers=_bearer(elsewhere)))
    good = issue_access_token(platform.keys, terminal)
    head, payload, signature = good.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    tampered = f"{head}.{payload}.{flipped}"
    _assert_invalid_token(await client.get("/v1/_probe/resolve", headers=_bearer(tampered)))


async def test_missing_or_malformed_bearer_is_refused(
    probed: FastAPI, client: httpx.AsyncClient
) -> None:
    _assert_invalid_token(await client.get("/v1/_probe/resolve"))
    _assert_invalid_token(await client.get("/v1/_probe/resolve", headers=_bearer("not.a.jwt")))


async def test_scope_can_be_narrowed_but_not_widened(
    session: AsyncSession, probed: FastAPI, client: httpx.AsyncClient
) -> None:
    terminal, secret = await _terminal(session)
    narrowed = await token_request(client, terminal.client_id, secret, scope="resolve")
    assert narrowed.status_code == 200
    assert narrowed.json()["scope"] == "resolve"
    token = narrowed.json()["access_token"]
    assert (await client.get("/v1/_probe/resolve", headers=_bearer(token))).status_code == 200
    refused = await client.get("/v1/_probe/consent", headers=_bearer(token))
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "insufficient_scope"
    widened = await token_request(
        client, terminal.client_id, secret, scope="resolve servicer:admin"
    )
    assert widened.status_code == 400
    assert widened.json()["error"] == "invalid_scope"


async def test_malformed_token_requests_get_oauth_errors(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    terminal, secret = await _terminal(session)
    wrong_grant = await client.post(
        TOKEN_URL, data={"grant_type": "password"}, headers=basic(terminal.client_id, secret)
    )
    assert (wrong_grant.status_code, wrong_grant.json()["error"]) == (400, "unsupported_grant_type")
    no_grant = await client.post(TOKEN_URL, data={}, headers=basic(terminal.client_id, secret))
    assert (no_grant.status_code, no_grant.json()["error"]) == (400, "invalid_request")
    as_json = await client.post(
        TOKEN_URL,
        json={"grant_type": "client_credentials"},
        headers=basic(terminal.client_id, secret),
    )
    assert (as_json.status_code, as_json.json()["error"]) == (400, "invalid_request")
    both = await client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "client_id": terminal.client_id},
        headers=basic(terminal.client_id, secret),
    )
    assert (both.status_code, both.json()["error"]) == (400, "invalid_request")
    anonymous = await client.post(TOKEN_URL, data={"grant_type": "client_credentials"})
    _assert_invalid_client(anonymous)
