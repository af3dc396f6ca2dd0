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
from omotenashi.webhooks import service

log = structlog.get_logger(__name__)

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
_client: httpx.AsyncClient | None = None


def _http() -> httpx.AsyncClient:
    """One pooled client per worker process; redirects are not followed (the URL registered is
    the one the secret is for) and no proxy from the environment is used."""
    global _client
    if _client is None or _client.is_closed:
        _client = httpx.AsyncClient(
            timeout=TIMEOUT,
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=50),
        )
    return _client


async def send(attempt: service.Attempt) -> tuple[int | None, str | None]:
    """POST the attempt; the endpoint's status, or None and why there was no answer. The
    answer's body is neither read into the log nor kept."""
    try:
        response = await _http().post(attempt.url, content=attempt.body, headers=attempt.headers)
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
    status, error = await send(attempt)
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
