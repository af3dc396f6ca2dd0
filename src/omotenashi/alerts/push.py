"""Web Push delivery: each message encrypted for its subscription (RFC 8291, aes128gcm) and
POSTed to the browser's push service (RFC 8030) with the platform's VAPID identity (RFC 8292).

Encryption and the request are pywebpush's; the VAPID header is signed once per push service
per job, not once per message. A push goes only where the platform's egress rule allows
(``omotenashi.egress``): the HTTP session (``guarded_session``) connects only to the global
addresses its resolver found for the endpoint's host, checked when it connects (a host that
re-binds its DNS to an internal address after subscribing is refused), and an endpoint, or a
redirect, whose host is a literal address is judged before anything is sent.

What is pushed is the alert as rendered from fixed phrases in the recipient's language, with
its id, a link and its signature, trimmed to fit a push message.
"""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import structlog
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from pywebpush import WebPusher

from omotenashi import egress

log = structlog.get_logger(__name__)

MAX_PLAINTEXT = 3800
"""Push services must take 4096 bytes of body (RFC 8030 §7.2); aes128gcm adds a 86-byte header,
a padding delimiter and a 16-byte tag, and a margin is kept."""

CONCURRENCY = 64
"""Requests in flight per delivery job."""

TIMEOUT_S = 10


class Outcome(StrEnum):
    delivered = "delivered"
    gone = "gone"
    """404 or 410: the subscription has expired or was withdrawn; it is deleted."""
    retry = "retry"
    """429, 5xx, a timeout or a broken connection: tried again later."""
    rejected = "rejected"
    """Any other 4xx: retrying the same message will not help."""


REFUSED = Outcome.gone
"""An endpoint whose host is, or now resolves only to, addresses a push must not reach (a
private network, the metadata service) ends as ``gone``: its subscription is deleted, so no
later alert tries it again. ``rejected`` would keep it and knock on the same door with each
alert; a real push service never answers from such an address, and the visitor's browser
subscribes again with its push service's real endpoint."""


class RefusedAddressError(Exception):
    """The endpoint's host is, or resolves only to, addresses a push must not reach; nothing
    was sent. Not an ``OSError``, so the connector does not take it for a DNS failure."""

    def __init__(self, host: str) -> None:
        super().__init__("the push endpoint's host is a private address")
        self.host = host


class GuardedResolver(AbstractResolver):
    """aiohttp's resolver, keeping only the addresses the egress rule allows; the connector
    connects to what it returns, so the address checked is the one connected to. Literal
    addresses never reach a resolver: ``LiteralGuard`` judges those."""

    def __init__(self, *, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback
        self._resolver = DefaultResolver()

    def _allowed(self, address: str) -> bool:
        try:
            return not egress.refused(address, allow_loopback=self.allow_loopback)
        except ValueError:
            return False

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._resolver.resolve(host, port, family)
        allowed = [entry for entry in found if self._allowed(entry["host"])]
        if not allowed:
            raise RefusedAddressError(host)
        return allowed

    async def close(self) -> None:
        await self._resolver.close()


def _refused_literal(host: str, *, allow_loopback: bool) -> bool:
    address = egress.literal(host)
    return address is not None and egress.refused(address, allow_loopback=allow_loopback)


class LiteralGuard:
    """A client middleware run for every request the session sends, redirects included: a
    literal address in the URL is judged here, as aiohttp asks no resolver about it."""

    def __init__(self, *, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback

    async def __call__(
        self, request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        host = request.url.host or ""
        if _refused_literal(host, allow_loopback=self.allow_loopback):
            raise RefusedAddressError(host)
        return await handler(request)


def guarded_session(*, allow_loopback: bool, limit: int = 100) -> aiohttp.ClientSession:
    """The HTTP session every push goes out on (``allow_loopback``: this machine too, in
    development); no proxy from the environment, which would resolve the host itself."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(
            limit=limit, resolver=GuardedResolver(allow_loopback=allow_loopback)
        ),
        middlewares=(LiteralGuard(allow_loopback=allow_loopback),),
        trust_env=False,
    )


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str

    def info(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


def application_server_key(key: ec.EllipticCurvePrivateKey) -> str:
    """The VAPID public key as browsers take it in ``PushManager.subscribe``."""
    raw = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def message(
    *,
    alert_id: str,
    rendering: dict[str, Any],
    language: str,
    alert_type: str,
    severity: int,
    status: str,
    source: str,
    issued_at: str,
    url: str,
    signature: str | None,
) -> bytes:
    """The JSON a service worker receives, lines dropped from the end until it fits."""
    lines = list(rendering["lines"])
    while True:
        body = {
            "alert_id": alert_id,
            "language": language,
            "type": alert_type,
            "severity": severity,
            "status": status,
            "source": source,
            "issued_at": issued_at,
            "headline": rendering["headline"],
            "lines": lines,
            "action": rendering["action"],
            "url": url,
            "signature": signature,
        }
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        if len(data) <= MAX_PLAINTEXT or not lines:
            return data
        lines.pop()


def notice(
    *,
    alert_id: str,
    notice: str,
    language: str,
    alert_type: str,
    source: str,
    issued_at: str,
    url: str,
) -> bytes:
    """A change to an alert already pushed (``notice``: "cancelled"). It carries no text: the
    page or service worker says it in the visitor's language and drops the alert it kept."""
    body = {
        "alert_id": alert_id,
        "notice": notice,
        "state": notice,
        "language": language,
        "type": alert_type,
        "source": source,
        "issued_at": issued_at,
        "url": url,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


class Sender:
    """Sends messages over one HTTP connection pool, signing a VAPID header per push service.
    ``http`` should be a ``guarded_session``; an endpoint at a literal address is judged here
    whatever the session (``allow_loopback`` as the session's)."""

    def __init__(
        self,
        vapid_key: ec.EllipticCurvePrivateKey,
        subject: str,
        http: aiohttp.ClientSession,
        *,
        ttl: int = 86_400,
        urgency: str = "high",
        topic: str | None = None,
        allow_loopback: bool = False,
    ) -> None:
        self._allow_loopback = allow_loopback
        self._vapid = Vapid02(private_key=vapid_key)
        self._subject = subject
        self._http = http
        self._ttl = ttl
        self._urgency = urgency
        self._topic = topic
        self._headers: dict[str, dict[str, str]] = {}
        self._limit = asyncio.Semaphore(CONCURRENCY)

    def _vapid_headers(self, endpoint: str) -> dict[str, str]:
        url = urlsplit(endpoint)
        audience = f"{url.scheme}://{url.netloc}"
        headers = self._headers.get(audience)
        if headers is None:
            signed = self._vapid.sign(
                {"aud": audience, "sub": self._subject, "exp": int(time.time()) + 12 * 3600}
            )
            headers = {str(name): str(value) for name, value in signed.items()}
            self._headers[audience] = headers
        extra = {"Urgency": self._urgency}
        if self._topic:
            extra["Topic"] = self._topic
        return {**headers, **extra}

    async def send(self, subscription: Subscription, data: bytes) -> tuple[Outcome, int | None]:
        """Encrypt ``data`` for ``subscription`` and post it; the outcome and, for a retry,
        the seconds the push service asked us to wait."""
        host = urlsplit(subscription.endpoint).hostname or ""
        if _refused_literal(host, allow_loopback=self._allow_loopback):
            log.warning("push.refused_address", host=host)
            return REFUSED, None
        async with self._limit:
            try:
                pusher = WebPusher(subscription.info(), aiohttp_session=self._http)
                response = await pusher.send_async(
                    data,
                    self._vapid_headers(subscription.endpoint),
                    ttl=self._ttl,
                    content_encoding="aes128gcm",
                    timeout=aiohttp.ClientTimeout(total=TIMEOUT_S),
                )
            except RefusedAddressError as refused:
                log.warning("push.refused_address", host=refused.host)
                return REFUSED, None
            except (aiohttp.ClientError, TimeoutError):
                return Outcome.retry, None
        status = int(getattr(response, "status", 0))
        if 200 <= status < 300:
            return Outcome.delivered, None
        if status in (404, 410):
            return Outcome.gone, None
        if status == 429 or status >= 500:
            retry_after = getattr(response, "headers", {}).get("Retry-After", "")
            return Outcome.retry, int(retry_after) if retry_after.isdigit() else None
        return Outcome.rejected, None


async def send_all(
    sender: Sender, messages: Iterable[tuple[Subscription, bytes]]
) -> list[tuple[Outcome, int | None]]:
    return await asyncio.gather(*(sender.send(sub, data) for sub, data in messages))
