from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import http_ece
import jwt
import pytest
import pywebpush
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import NANAO, fixture
from tests.factories.alerts import lodging_visitor

from omotenashi import egress, jobs
from omotenashi.alerts import fanout, lifecycle, push, signatures, subscriptions, tasks
from omotenashi.alerts.errors import InvalidSubscriptionError
from omotenashi.alerts.models import PushSubscription, StoredAlert
from omotenashi.runtime import Platform


def b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64_text(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# RFC 8291 Appendix A.
PLAINTEXT = b"When I grow up, I want to be a watermelon"
AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"
AS_PUBLIC = (
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"
)
UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
UA_PUBLIC = (
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
)
SALT = "DGv6ra1nlYgDCS1FRnbzlw"
AUTH = "BTBZMqHH6r4Tts7J_aSIgg"
BODY = (
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6T"
    "lzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4"
    "a-fN"
)


def _private(raw: str) -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(int.from_bytes(b64(raw), "big"), ec.SECP256R1())


def test_encryption_matches_the_rfc_8291_example_byte_for_byte(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The library that encrypts every push, given the RFC's sender key and salt (which it
    otherwise draws at random), writes exactly the RFC's message."""
    sender = _private(AS_PRIVATE)
    assert push.application_server_key(sender) == AS_PUBLIC
    encrypt = http_ece.encrypt

    def with_rfc_salt(*args: Any, **kwargs: Any) -> bytes:
        kwargs["salt"] = b64(SALT)
        result: bytes = encrypt(*args, **kwargs)
        return result

    monkeypatch.setattr(pywebpush.ec, "generate_private_key", lambda *_a, **_k: sender)
    monkeypatch.setattr(pywebpush.http_ece, "encrypt", with_rfc_salt)
    pusher = pywebpush.WebPusher(
        {"endpoint": "https://push.example.net/x", "keys": {"p256dh": UA_PUBLIC, "auth": AUTH}}
    )
    encoded = pusher.encode(PLAINTEXT, content_encoding="aes128gcm")
    assert encoded["body"] == b64(BODY)


def test_the_rfc_example_decrypts_with_the_user_agent_key() -> None:
    opened = http_ece.decrypt(
        b64(BODY), private_key=_private(UA_PRIVATE), auth_secret=b64(AUTH), version="aes128gcm"
    )
    assert opened == PLAINTEXT


def test_push_message_is_trimmed_to_fit() -> None:
    data = push.message(
        alert_id="a",
        rendering={"headline": "H", "lines": ["x" * 500] * 20, "action": "Run"},
        language="en",
        alert_type="t",
        severity=4,
        status="normal",
        source="s",
        issued_at="2026-01-01T00:00:00+00:00",
        url="https://example/alerts/a",
        signature="sig",
    )
    message = json.loads(data)
    assert len(data) <= push.MAX_PLAINTEXT
    assert message["headline"] == "H"
    assert message["action"] == "Run"
    assert 0 < len(message["lines"]) < 20


# A push service on 127.0.0.1.


@dataclass
class PushService:
    base: str
    port: int = 0
    status: dict[str, int] = field(default_factory=dict)
    redirect: dict[str, str] = field(default_factory=dict)
    received: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
async def push_service(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[PushService]:
    """A push service on this machine, which pushes may reach (development's setting)."""
    monkeypatch.setattr(platform.settings, "push_loopback_endpoints", True)
    state = PushService(base="")

    async def accept(request: web.Request) -> web.Response:
        body = await request.read()
        state.received.append(
            (request.path, {k.lower(): v for k, v in request.headers.items()}, body)
        )
        if request.path in state.redirect:
            return web.Response(status=307, headers={"Location": state.redirect[request.path]})
        return web.Response(status=state.status.get(request.path, 201))

    app = web.Application()
    app.router.add_post("/{tail:.*}", accept)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    state.port = port = runner.addresses[0][1]
    state.base = f"http://127.0.0.1:{port}"
    try:
        yield state
    finally:
        await runner.cleanup()


@dataclass
class Browser:
    key: ec.EllipticCurvePrivateKey
    auth: bytes

    @property
    def p256dh(self) -> str:
        return b64_text(
            self.key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def open(self, body: bytes) -> dict[str, Any]:
        plain = http_ece.decrypt(
            body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"
        )
        opened: dict[str, Any] = json.loads(plain)
        return opened


def browser() -> Browser:
    import os

    return Browser(ec.generate_private_key(ec.SECP256R1()), os.urandom(16))


async def _subscribed(
    session: AsyncSession, platform: Platform, endpoint: str, language: str
) -> tuple[Browser, PushSubscription]:
    visitor = await lodging_visitor(session, platform.keys, NANAO, language=language)
    device = browser()
    subscription = await subscriptions.subscribe(
        session,
        visitor,
        endpoint=endpoint,
        p256dh=device.p256dh,
        auth=b64_text(device.auth),
        allow_loopback=True,
    )
    return device, subscription


async def _eew(session: AsyncSession, platform: Platform) -> StoredAlert:
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    return done.alert


async def test_push_reaches_a_local_push_service_encrypted_in_the_visitors_language(
    session: AsyncSession, platform: Platform, push_service: PushService
) -> None:
    device, subscription = await _subscribed(
        session, platform, f"{push_service.base}/push/tagalog", "tl"
    )
    alert = await _eew(session, platform)
    counts = await tasks.deliver_batch(session, platform, alert.id, [subscription.id])
    assert counts[push.Outcome.delivered] == 1
    [(path, headers, body)] = push_service.received
    assert path == "/push/tagalog"
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["urgency"] == "high"
    assert PLAINTEXT not in body
    assert b"tl" not in body[:100]
    message = device.open(body)
    assert message["language"] == "tl"
    assert message["alert_id"] == str(alert.id)
    assert message["headline"] == alert.renderings["tl"]["headline"]
    assert message["action"] == alert.renderings["tl"]["action"]
    assert signatures.verify(platform.keys.signing_key, message["signature"])["jti"] == str(
        alert.id
    )
    # RFC 8292: the push service can check who sent it.
    scheme, _, value = headers["authorization"].partition(" ")
    assert scheme == "vapid"
    parts = dict(part.strip().split("=", 1) for part in value.split(","))
    assert parts["k"] == push.application_server_key(platform.keys.vapid_key)  # type: ignore[arg-type]
    assert platform.keys.vapid_key is not None
    claims = jwt.decode(
        parts["t"],
        platform.keys.vapid_key.public_key(),
        algorithms=["ES256"],
        audience=push_service.base,
    )
    assert claims["sub"] == platform.settings.vapid_subject
    await session.refresh(subscription)
    assert subscription.last_delivered_at is not None
    await session.refresh(alert)
    assert alert.delivered == 1


async def test_gone_subscription_is_deleted(
    session: AsyncSession, platform: Platform, push_service: PushService
) -> None:
    _, subscription = await _subscribed(session, platform, f"{push_service.base}/gone", "en")
    push_service.status["/gone"] = 410
    alert = await _eew(session, platform)
    counts = await tasks.deliver_batch(session, platform, alert.id, [subscription.id])
    assert counts[push.Outcome.gone] == 1
    session.expunge(subscription)
    gone = {"visitor_id": subscription.visitor_id, "id": subscription.id}
    assert await session.get(PushSubscription, gone) is None


async def test_failing_push_service_is_retried_later(
    session: AsyncSession, platform: Platform, push_service: PushService
) -> None:
    _, subscription = await _subscribed(session, platform, f"{push_service.base}/busy", "en")
    push_service.status["/busy"] = 503
    alert = await _eew(session, platform)
    before = await jobs.pending(session, fanout.DELIVER_JOB)
    counts = await tasks.deliver_batch(session, platform, alert.id, [subscription.id])
    assert counts[push.Outcome.retry] == 1
    assert await jobs.pending(session, fanout.DELIVER_JOB) == before + 1
    # The last attempt gives up and counts the failure.
    await tasks.deliver_batch(
        session, platform, alert.id, [subscription.id], attempt=tasks.MAX_ATTEMPTS - 1
    )
    assert await jobs.pending(session, fanout.DELIVER_JOB) == before + 1
    await session.refresh(alert)
    assert alert.failed == 1


async def test_cancelled_alert_is_not_pushed(
    session: AsyncSession, platform: Platform, push_service: PushService
) -> None:
    _, subscription = await _subscribed(session, platform, f"{push_service.base}/late", "en")
    alert = await _eew(session, platform)
    await lifecycle.ingest(session, platform.keys, fixture("eew_cancel_vxse43.xml"), actor="t")
    assert await tasks.deliver_batch(session, platform, alert.id, [subscription.id]) == {}
    assert push_service.received == []


@pytest.mark.parametrize(
    ("endpoint", "p256dh", "auth", "field"),
    [
        ("http://push.example.net/x", UA_PUBLIC, AUTH, "endpoint"),
        ("http://127.0.0.1:9/x", UA_PUBLIC, AUTH, "endpoint"),
        ("https://push.example.net/x", "BAAA", AUTH, "keys.p256dh"),
        ("https://push.example.net/x", UA_PUBLIC, "short", "keys.auth"),
    ],
)
async def test_subscription_that_cannot_be_pushed_to_is_refused(
    endpoint: str,
    p256dh: str,
    auth: str,
    field: str,
    session: AsyncSession,
    platform: Platform,
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    with pytest.raises(InvalidSubscriptionError) as raised:
        await subscriptions.subscribe(session, visitor, endpoint=endpoint, p256dh=p256dh, auth=auth)
    assert [error.field for error in raised.value.fields] == [field]


async def test_withdrawal_is_pushed_to_those_who_got_the_alert(
    session: AsyncSession, platform: Platform, push_service: PushService
) -> None:
    device, subscription = await _subscribed(session, platform, f"{push_service.base}/w", "ko")
    alert = await _eew(session, platform)
    await fanout.fan_out(session, alert.id)
    await tasks.deliver_batch(session, platform, alert.id, [subscription.id])
    before = await jobs.pending(session, fanout.FAN_OUT_JOB)
    await lifecycle.ingest(session, platform.keys, fixture("eew_cancel_vxse43.xml"), actor="t")
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == before + 1
    told = await fanout.fan_out(session, alert.id, notice=fanout.CANCELLED_NOTICE)
    assert told.subscriptions == 1
    await tasks.deliver_batch(
        session, platform, alert.id, [subscription.id], notice=fanout.CANCELLED_NOTICE
    )
    message = device.open(push_service.received[-1][2])
    assert message["alert_id"] == str(alert.id)
    assert message["state"] == "cancelled"
    assert message["language"] == "ko"
    assert "headline" not in message


# Web Push is no way into the internal network: where a visitor's browser says its push
# service is, the platform posts, so that address must be on the public internet.

RESOLVED = {
    "push.internal.example": ["10.1.2.3"],
    "half.example": ["93.184.216.34", "10.0.0.1"],
    "push.example.net": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
}


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS for the names above, without a network; any other name goes to the real one."""
    real = egress.addresses

    async def addresses(host: str, port: int) -> list[str]:
        if host in RESOLVED:
            return RESOLVED[host]
        return await real(host, port)

    monkeypatch.setattr(egress, "addresses", addresses)


@pytest.mark.usefixtures("names")
@pytest.mark.parametrize(
    ("endpoint", "code"),
    [
        ("https://10.0.0.5/x", "private_address"),
        ("https://169.254.169.254/latest", "private_address"),
        ("https://[::ffff:10.0.0.1]/x", "private_address"),
        ("https://0.0.0.0/x", "private_address"),
        ("https://127.0.0.2/x", "private_address"),
        ("https://push.internal.example/x", "private_address"),
        ("https://half.example/x", "private_address"),
        ("https://localhost/x", "invalid"),
    ],
)
async def test_subscription_to_a_private_address_is_refused(
    endpoint: str, code: str, session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    with pytest.raises(InvalidSubscriptionError) as raised:
        await subscriptions.subscribe(
            session, visitor, endpoint=endpoint, p256dh=UA_PUBLIC, auth=AUTH
        )
    [error] = raised.value.fields
    assert (error.field, error.code) == ("endpoint", code)
    assert await subscriptions.subscriptions_of(session, visitor) == []


@pytest.mark.usefixtures("names")
@pytest.mark.parametrize(
    "endpoint", ["https://93.184.216.34/push/x", "https://push.example.net/push/x"]
)
async def test_subscription_to_a_public_push_service_is_kept(
    endpoint: str, session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    await subscriptions.subscribe(session, visitor, endpoint=endpoint, p256dh=UA_PUBLIC, auth=AUTH)
    [kept] = await subscriptions.subscriptions_of(session, visitor)
    assert kept.endpoint == endpoint


async def test_this_machine_is_a_push_service_only_in_development(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    endpoint = "https://localhost/x"
    await subscriptions.subscribe(
        session, visitor, endpoint=endpoint, p256dh=UA_PUBLIC, auth=AUTH, allow_loopback=True
    )
    assert [kept.endpoint for kept in await subscriptions.subscriptions_of(session, visitor)] == [
        endpoint
    ]


async def test_no_push_goes_to_a_host_that_now_resolves_to_this_machine(
    session: AsyncSession,
    platform: Platform,
    push_service: PushService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Subscribed while this machine was a push service (development); now it is not one, so
    # "localhost" is a name that resolves to a private address, as a re-bound name would.
    _, by_name = await _subscribed(
        session, platform, f"http://localhost:{push_service.port}/by-name", "en"
    )
    _, by_address = await _subscribed(session, platform, f"{push_service.base}/by-address", "en")
    monkeypatch.setattr(platform.settings, "push_loopback_endpoints", False)
    alert = await _eew(session, platform)
    before = await jobs.pending(session, fanout.DELIVER_JOB)
    counts = await tasks.deliver_batch(session, platform, alert.id, [by_name.id, by_address.id])
    assert push_service.received == []
    # Gone, not retried: the subscriptions are deleted and no later alert tries them.
    assert (counts[push.Outcome.gone], counts[push.Outcome.retry]) == (2, 0)
    assert await jobs.pending(session, fanout.DELIVER_JOB) == before
    for subscription in (by_name, by_address):
        session.expunge(subscription)
        key = {"visitor_id": subscription.visitor_id, "id": subscription.id}
        assert await session.get(PushSubscription, key) is None


async def test_a_redirect_to_a_private_address_is_not_followed(
    session: AsyncSession, platform: Platform, push_service: PushService
) -> None:
    push_service.redirect["/moved"] = "http://169.254.169.254/latest/meta-data/"
    _, subscription = await _subscribed(session, platform, f"{push_service.base}/moved", "en")
    alert = await _eew(session, platform)
    counts = await tasks.deliver_batch(session, platform, alert.id, [subscription.id])
    assert counts[push.Outcome.gone] == 1
    assert [path for path, _, _ in push_service.received] == ["/moved"]
