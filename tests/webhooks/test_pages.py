"""The console's webhook page, as a servicer's administrator uses it (Japanese first)."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import csrf_token, signed_in_staff, text_of

from omotenashi.consent import service as consent
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role
from omotenashi.visitors import service as visitors
from omotenashi.webhooks import tasks
from omotenashi.webhooks.models import WebhookDelivery

from .conftest import Receiver


async def test_an_administrator_adds_an_endpoint_reads_the_log_and_replays(
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    app: FastAPI,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app.state.platform.settings, "webhook_loopback_endpoints", True)
    servicer = await approved_servicer(session, "Hotel Pages", PurposeKey.food_service)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, servicer.id)
    token = await csrf_token(client, "/console/webhooks")

    refused = await client.post(
        "/console/webhooks",
        data={
            "csrf_token": token,
            "url": "http://pms.example.jp/hook",
            "events": "consent.granted",
        },
    )
    assert refused.status_code == 422
    assert "公開サーバーのhttpsアドレス" in text_of(refused)

    added = await client.post(
        "/console/webhooks",
        data={"csrf_token": token, "url": receiver.url, "events": ["consent.granted"]},
    )
    assert added.status_code == 200
    assert "whsec_" in added.text

    visitor = await visitors.create_visitor(session, Keyring(platform.keys.master), language="ko")
    await consent.grant(
        session,
        platform.keys,
        visitor.id,
        purpose=PurposeKey.food_service,
        attributes=["allergens"],
        servicer_id=servicer.id,
    )
    receiver.answers = [500]
    delivery_id = await session.scalar(sa.select(WebhookDelivery.id))
    assert delivery_id is not None
    await tasks.deliver(session, platform, delivery_id)

    page = await client.get("/console/webhooks")
    assert page.status_code == 200
    shown = text_of(page)
    assert "配信ログ" in shown
    assert "HTTP 500" in shown
    assert "再送待ち" in shown

    replayed = await client.post(
        f"/console/webhooks/deliveries/{delivery_id}/replay", data={"csrf_token": token}
    )
    assert replayed.status_code in (302, 303)
    await tasks.deliver(session, platform, delivery_id)
    assert "配信済み" in text_of(await client.get("/console/webhooks"))
    assert len(receiver.received) == 2

    forged = await client.post(f"/console/webhooks/deliveries/{delivery_id}/replay", data={})
    assert forged.status_code == 403
