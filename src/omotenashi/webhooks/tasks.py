"""Webhook jobs: one attempt of one delivery, its retry queued after the backoff. (The scans that
make events live with their owners: consent/tasks.py, payments/tasks.py.)"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import jobs
from omotenashi.runtime import Platform
from omotenashi.webhooks import egress, service

log = structlog.get_logger(__name__)

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=50)
# One client per worker process and loopback setting (development allows this machine).
_clients: dict[bool, httpx.AsyncClient] = {}


def _http(allow_loopback: bool) -> httpx.AsyncClient:
    """One pooled client per worker process; every connection it opens goes to an address
    checked public (``egress``); redirects are not followed (the URL registered is the one the
    secret is for) and no proxy from the environment is used."""
    client = _clients.get(allow_loopback)
    if client is None or client.is_closed:
        client = _clients[allow_loopback] = httpx.AsyncClient(
            transport=egress.GuardedTransport(allow_loopback=allow_loopback, limits=LIMITS),
            timeout=TIMEOUT,
            follow_redirects=False,
            trust_env=False,
        )
    return client


async def send(
    attempt: service.Attempt, *, allow_loopback: bool = False
) -> tuple[int | None, str | None]:
    """POST the attempt; the endpoint's status, or None and why there was no answer. The
    answer's body is neither read into the log nor kept. An endpoint whose host resolves to a
    private address is not connected to at all: a failure like any unanswered attempt."""
    client = _http(allow_loopback)
    try:
        response = await client.post(attempt.url, content=attempt.body, headers=attempt.headers)
    except egress.PrivateAddressError:
        log.warning("webhook.private_address_refused", delivery_id=str(attempt.delivery_id))
        return None, egress.PRIVATE_REASON
    except httpx.TimeoutException:
        return None, "timeout"
    except httpx.HTTPError as exc:
        return None, f"no answer: {type(exc).__name__}"
    return response.status_code, None if response.is_success else f"HTTP {response.status_code}"


async def deliver(
    session: AsyncSession,
    platform: Platform,
    delivery_id: uuid.UUID,
    *,
    now: datetime | None = None,
) -> service.Outcome | None:
    """One attempt of one delivery, its result recorded, and its retry queued if one is due."""
    attempt = await service.prepare(session, platform.keys, delivery_id, now or datetime.now(UTC))
    if attempt is None:
        return None
    status, error = await send(attempt, allow_loopback=platform.settings.webhook_loopback_endpoints)
    outcome = await service.record(
        session,
        platform.keys,
        delivery_id,
        status=status,
        error=error,
        now=datetime.now(UTC) if now is None else now,
        site=platform.settings.public_url or "",
    )
    if outcome.retry_in is not None:
        await jobs.enqueue(
            session,
            service.DELIVER_JOB,
            {"delivery_id": str(delivery_id)},
            delay=outcome.retry_in,
        )
    return outcome


@jobs.job(service.DELIVER_JOB)
async def deliver_job(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    await deliver(session, platform, uuid.UUID(str(payload["delivery_id"])))
