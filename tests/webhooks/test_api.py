"""The webhook API as a servicer's back-end uses it, and as another servicer cannot."""

from __future__ import annotations

import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook
from tests.actors import build_cast

from omotenashi.runtime import Platform
from omotenashi.webhooks import tasks

from .conftest import Receiver

HOOKS = "/v1/servicer/webhooks"


@pytest.fixture
def loopback_allowed(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.state.platform.settings, "webhook_loopback_endpoints", True)


async def test_plain_http_is_refused_with_a_problem_naming_the_field(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    cast = await build_cast(session, platform)
    for url, code in (
        ("http://pms.example.jp/hook", "https_required"),
        ("http://127.0.0.1:9/hook", "invalid_url"),  # loopback only in development
    ):
        refused = await client.post(
            HOOKS, json={"url": url, "events": ["consent.granted"]}, headers=cast.x.admin
        )
        assert refused.status_code == 422
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["errors"][0] == {
            "field": "url",
            "code": code,
            "message": refused.json()["errors"][0]["message"],
        }
    unknown = await client.post(
        HOOKS,
        json={"url": "https://pms.example.jp/hook", "events": ["consent.granted", "nope"]},
        headers=cast.x.admin,
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "events[1]"


async def test_a_back_end_registers_receives_and_replays_and_another_servicer_sees_nothing(
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    receiver: Receiver,
    loopback_allowed: None,
) -> None:
    cast = await build_cast(session, platform)
    created = await client.post(
        HOOKS,
        json={"url": receiver.url, "events": ["consent_request.answered"], "description": "PMS"},
        headers=cast.x.backend,
    )
    assert created.status_code == 201, created.text
    endpoint_id, secret = created.json()["endpoint"]["id"], created.json()["secret"]
    assert secret.startswith("whsec_")
    assert secret not in (await client.get(HOOKS, headers=cast.x.admin)).text

    answered = await client.post(
        f"/v1/me/consent-requests/{cast.x.consent_request_token}/accept", headers=cast.a.headers
    )
    assert answered.status_code == 201, answered.text
    log = (await client.get(f"{HOOKS}/{endpoint_id}/deliveries", headers=cast.x.admin)).json()
    [delivery] = log
    assert delivery["type"] == "consent_request.answered"
    await tasks.deliver(session, platform, uuid.UUID(delivery["id"]))
    [got] = receiver.received
    assert Webhook(secret).verify(got.body, got.headers)["data"]["state"] == "accepted"
    log = (await client.get(f"{HOOKS}/{endpoint_id}/deliveries", headers=cast.x.admin)).json()
    assert log[0]["last_status"] == 200
    assert log[0]["state"] == "succeeded"
    assert log[0]["webhook_id"] == got.headers["webhook-id"]

    # Servicer Y cannot see, replay, rotate or delete any of it.
    replay = f"/v1/servicer/webhook-deliveries/{delivery['id']}/replay"
    assert (await client.get(HOOKS, headers=cast.y.admin)).json() == []
    for method, path in (
        ("GET", f"{HOOKS}/{endpoint_id}/deliveries"),
        ("POST", replay),
        ("POST", f"{HOOKS}/{endpoint_id}/rotate"),
        ("DELETE", f"{HOOKS}/{endpoint_id}"),
    ):
        assert (await client.request(method, path, headers=cast.y.admin)).status_code == 404

    replayed = await client.post(replay, headers=cast.x.admin)
    assert replayed.status_code == 202
    await tasks.deliver(session, platform, uuid.UUID(delivery["id"]))
    assert len(receiver.received) == 2
    assert receiver.received[1].headers["webhook-id"] == got.headers["webhook-id"]
    assert (await client.delete(f"{HOOKS}/{endpoint_id}", headers=cast.x.admin)).status_code == 204
