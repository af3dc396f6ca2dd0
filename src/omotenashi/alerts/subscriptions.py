"""A visitor's browser push subscriptions."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import structlog
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import egress
from omotenashi.alerts.errors import InvalidSubscriptionError, SubscriptionNotFoundError
from omotenashi.alerts.models import PushSubscription
from omotenashi.errors import FieldError

log = structlog.get_logger(__name__)

_B64URL = re.compile(r"[A-Za-z0-9_-]+=*")


def _b64url_bytes(value: str) -> bytes | None:
    import base64

    if not _B64URL.fullmatch(value):
        return None
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except ValueError:
        return None


def _check_subscription(
    endpoint: str, p256dh: str, auth: str, *, allow_loopback: bool
) -> list[FieldError]:
    from urllib.parse import urlsplit

    errors = []
    try:
        url = urlsplit(endpoint)
        host = url.hostname or ""
    except ValueError:
        url, host = None, ""
    loopback = host in {"127.0.0.1", "localhost", "::1"}
    secure = url is not None and url.scheme == "https" and not loopback
    local = url is not None and allow_loopback and loopback and url.scheme in {"http", "https"}
    if not host or not (secure or local):
        errors.append(
            FieldError("endpoint", "Must be the https URL the browser's push service gave.")
        )
    key = _b64url_bytes(p256dh)
    if key is None or len(key) != 65 or key[0] != 4:
        errors.append(FieldError("keys.p256dh", "Must be an uncompressed P-256 key, base64url."))
    secret = _b64url_bytes(auth)
    if secret is None or len(secret) != 16:
        errors.append(FieldError("keys.auth", "Must be 16 bytes, base64url."))
    return errors


PRIVATE_ENDPOINT = "The push service's address is on a private network; it cannot be used."


async def _check_host(endpoint: str, *, allow_loopback: bool) -> list[FieldError]:
    """An endpoint whose host is, or resolves to, an address the platform must not reach (a
    private network, the cloud's metadata service; this machine unless in development) is
    refused now. DNS that cannot answer now is no refusal: every push checks the addresses it
    connects to anyway (``push.guarded_session``), against a host that re-binds later too."""
    from urllib.parse import urlsplit

    host = urlsplit(endpoint).hostname or ""
    if await egress.resolves_privately(host, allow_loopback=allow_loopback):
        return [FieldError("endpoint", PRIVATE_ENDPOINT, "private_address")]
    return []


async def subscribe(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    allow_loopback: bool = False,
) -> PushSubscription:
    """Keep a browser's push subscription for the visitor. The same endpoint sent again (the
    browser renewed its keys, or another visitor signed in on that browser) replaces the old."""
    errors = _check_subscription(endpoint, p256dh, auth, allow_loopback=allow_loopback)
    if not errors:
        errors = await _check_host(endpoint, allow_loopback=allow_loopback)
    if errors:
        raise InvalidSubscriptionError(fields=errors)
    now = datetime.now(UTC)
    values = {"visitor_id": visitor_id, "p256dh": p256dh, "auth": auth, "created_at": now}
    subscription_id = await session.scalar(
        insert(PushSubscription)
        .values(id=uuid.uuid4(), endpoint=endpoint, **values)
        .on_conflict_do_update(index_elements=["endpoint"], set_=values)
        .returning(PushSubscription.id)
    )
    found = await session.get(
        PushSubscription,
        {"visitor_id": visitor_id, "id": subscription_id},
        populate_existing=True,
    )
    assert found is not None
    log.info("push.subscribed", subscription_id=str(found.id))
    return found


async def unsubscribe(
    session: AsyncSession, visitor_id: uuid.UUID, subscription_id: uuid.UUID
) -> None:
    result = await session.execute(
        delete(PushSubscription).where(
            PushSubscription.id == subscription_id, PushSubscription.visitor_id == visitor_id
        )
    )
    if not getattr(result, "rowcount", 0):
        raise SubscriptionNotFoundError()
    log.info("push.unsubscribed", subscription_id=str(subscription_id))


async def subscriptions_of(session: AsyncSession, visitor_id: uuid.UUID) -> list[PushSubscription]:
    return list(
        (
            await session.scalars(
                select(PushSubscription)
                .where(PushSubscription.visitor_id == visitor_id)
                .order_by(PushSubscription.created_at)
            )
        ).all()
    )


# What a visitor's export holds of alerts.
