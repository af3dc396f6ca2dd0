"""Web Push delivery: each message encrypted for its subscription (RFC 8291, aes128gcm) and
POSTed to the browser's push service (RFC 8030) with the platform's VAPID identity (RFC 8292).

Encryption and the request are pywebpush's; the VAPID header is signed once per push service
per job, not once per message. What is pushed is the alert as rendered from fixed phrases in the
recipient's language, with its id, a link and its signature, trimmed to fit a push message.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import structlog
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from pywebpush import WebPusher

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
    """Sends messages over one HTTP connection pool, signing a VAPID header per push service."""

    def __init__(
        self,
        vapid_key: ec.EllipticCurvePrivateKey,
        subject: str,
        http: aiohttp.ClientSession,
        *,
        ttl: int = 86_400,
        urgency: str = "high",
        topic: str | None = None,
    ) -> None:
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
