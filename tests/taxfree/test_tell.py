"""The visitor told in their language: a push to their browser and an e-mail."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import http_ece
import pytest
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.taxfree import CARD, CART, buyer, shop, till

from omotenashi.alerts import subscriptions
from omotenashi.carriers.models import CarrierKind
from omotenashi.japan import JST
from omotenashi.runtime import Platform
from omotenashi.taxfree import service, tasks


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture
async def push_inbox(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[str, list[bytes]]]:
    """A push service on 127.0.0.1 that keeps what it is sent (this machine, as in
    development: pushes may go to it)."""
    monkeypatch.setattr(platform.settings, "push_loopback_endpoints", True)
    received: list[bytes] = []

    async def accept(request: web.Request) -> web.Response:
        received.append(await request.read())
        return web.Response(status=201)

    app = web.Application()
    app.router.add_post("/{tail:.*}", accept)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}", received
    finally:
        await runner.cleanup()


async def test_a_forfeited_record_is_explained_in_vietnamese_by_push_and_e_mail(
    session: AsyncSession,
    platform: Platform,
    push_inbox: tuple[str, list[bytes]],
    sent_mail: list[Any],
) -> None:
    servicer = await shop(session, platform.keys)
    lan = await buyer(session, platform.keys, language="vi")
    key, secret = ec.generate_private_key(ec.SECP256R1()), os.urandom(16)
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    await subscriptions.subscribe(
        session,
        lan.id,  # type: ignore[attr-defined]
        endpoint=f"{push_inbox[0]}/push/lan",
        p256dh=_b64(point),
        auth=_b64(secret),
        allow_loopback=True,
    )
    counter = await till(session, servicer)
    now = datetime.now(JST)
    found = await service.identify(session, platform.keys, counter, CarrierKind.ic_card, CARD, now)
    record = await service.build_record(
        session, platform.keys, servicer.id, found, CART, actor="staff:clerk", now=now
    )
    late = datetime.combine(record.deadline + timedelta(days=1), datetime.min.time(), JST)
    assert await service.forfeit_overdue(session, late) == 1

    assert await tasks.tell(session, platform, record.id, "forfeited")

    (body,) = push_inbox[1]
    opened = json.loads(
        http_ece.decrypt(body, private_key=key, auth_secret=secret, version="aes128gcm")
    )
    assert opened["headline"] == "Không hoàn thuế cho giao dịch mua tại Ginza Denki 株式会社"
    assert opened["url"].endswith("/me/tax-free")
    (mail,) = sent_mail
    assert mail.to == "anna@example.org"
    assert "Thời hạn 90 ngày" in mail.body  # why: the deadline passed
    assert "L898902C3" not in mail.body
