"""Webhook rules: endpoints and their secrets, events written to the outbox in the caller's
transaction, the signed body of a delivery, and what an attempt's outcome means (retry, give
up, disable the endpoint). No HTTP here: ``tasks`` sends, this decides.

Signatures follow Standard Webhooks 1.0 through its maintained library (``standardwebhooks``):
``webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">``.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
import structlog
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook

from omotenashi import egress, i18n, jobs
from omotenashi.errors import FieldError
from omotenashi.i18n.markers import N_
from omotenashi.mail import service as mail
from omotenashi.security import audit
from omotenashi.security.encryption import DataKey
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers.models import Servicer
from omotenashi.staff.models import Role, StaffUser
from omotenashi.webhooks import queries
from omotenashi.webhooks.errors import (
    DeliveryNotFoundError,
    EndpointDisabledError,
    EndpointNotFoundError,
    InvalidEndpointError,
    TooManyEndpointsError,
)
from omotenashi.webhooks.models import (
    DeliveryState,
    WebhookCursor,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

log = structlog.get_logger(__name__)

DELIVER_JOB = "webhooks.deliver"

# Every event a servicer can subscribe to, and what it tells. Payloads carry ids and the
# servicer's pairwise ``subject``, never an attribute: the servicer resolves for those.
EVENT_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "consent.granted": "The visitor granted this servicer consent for a purpose.",
        "consent.revoked": "The visitor withdrew a consent they had given this servicer.",
        "consent.expired": "A consent given to this servicer reached its end.",
        "consent_request.answered": "A visitor accepted or declined this servicer's consent "
        "request: a terminal can stop polling its status_url.",
        "feedback.received": "A visitor rated an interaction with this servicer.",
        "alert.issued": "An official alert was issued for an area that holds this servicer.",
        "charge.succeeded": "A charge at one of this servicer's terminals succeeded.",
        "refund.succeeded": "A refund of one of this servicer's charges succeeded.",
        "settlement.created": "A day of this servicer's payments was settled.",
        "tax_free.record_built": "A tax-free purchase record was built at this shop.",
        "tax_free.record_transmitted": "A tax-free record was sent to the tax office.",
        "tax_free.record_accepted": "The tax office accepted a tax-free record.",
        "tax_free.record_rejected": "The tax office rejected a tax-free record: correct it "
        "and send it again.",
        "tax_free.record_confirmed": "Customs confirmed every item of a record: its refund is due.",
        "tax_free.record_not_confirmed": "Customs did not confirm an item of a record.",
        "tax_free.record_refunded": "A tax-free record's refund was paid.",
        "tax_free.record_forfeited": "A tax-free record lost its exemption as a whole.",
    }
)
MAX_ENDPOINTS = 10
SECRET_BYTES = 32  # Standard Webhooks asks for at least 24
SECRET_PREFIX = "whsec_"  # noqa: S105 -- the format's prefix, not a secret
ROTATION_OVERLAP = timedelta(hours=24)
# Exponential backoff: 10 s, 30 s, 90 s, … ×3 each time, each wait at most 12 h; no attempt
# after 3 days from the event.
FIRST_RETRY = timedelta(seconds=10)
BACKOFF_FACTOR = 3
LONGEST_WAIT = timedelta(hours=12)
RETRY_SPAN = timedelta(days=3)
# An endpoint failing this long without one success is disabled.
DISABLE_AFTER = RETRY_SPAN
_SEAL_CONTEXT = b"omotenashi webhook secret v1"
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}

DISABLED_SUBJECT = N_("A webhook endpoint was disabled")
DISABLED_BODY = N_(
    "The webhook endpoint {url} has failed every delivery since {since} and has been "
    "disabled. Fix it, then enable it again on the console's webhook page: {link}"
)


# --- Secrets -------------------------------------------------------------------------------


def _seal_key(root: MasterKey) -> DataKey:
    return DataKey(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SEAL_CONTEXT).derive(
            root.material
        )
    )


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _seal(keys: PlatformKeys, secret: str) -> bytes:
    return _seal_key(keys.derivation).encrypt(secret.encode(), context=_SEAL_CONTEXT)


def _open(keys: PlatformKeys, sealed: bytes) -> str:
    return _seal_key(keys.derivation).decrypt(sealed, context=_SEAL_CONTEXT).decode()


def signing_secrets(
    keys: PlatformKeys, endpoint: WebhookEndpoint, now: datetime
) -> tuple[str, ...]:
    """The current secret, and the previous one while a rotation's overlap lasts."""
    found = [_open(keys, endpoint.secret_sealed)]
    if (
        endpoint.previous_secret_sealed is not None
        and endpoint.previous_secret_until is not None
        and now < endpoint.previous_secret_until
    ):
        found.append(_open(keys, endpoint.previous_secret_sealed))
    return tuple(found)


def signature_header(
    secrets_: Sequence[str], message_id: str, timestamp: datetime, body: bytes
) -> str:
    """``webhook-signature``: one ``v1,…`` per secret, space-separated."""
    return " ".join(Webhook(s).sign(message_id, timestamp, body) for s in secrets_)


# --- Endpoints -----------------------------------------------------------------------------


def _private_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def check_url(url: str, *, allow_loopback: bool) -> list[FieldError]:
    """https only, to a public host; plain http to this machine only in development."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 -- raises on a port out of range
    except ValueError:
        return [FieldError("url", "Give an absolute https URL.", "invalid_url")]
    loopback = host in _LOOPBACK_NAMES or (
        _private_address(host) and ipaddress.ip_address(host).is_loopback
    )
    if not host or parts.scheme not in {"https", "http"} or parts.username or parts.password:
        return [FieldError("url", "Give an absolute https URL without credentials.", "invalid_url")]
    if loopback:
        if allow_loopback:
            return []
        return [FieldError("url", "This machine's own addresses are not allowed.", "invalid_url")]
    if parts.scheme != "https":
        return [FieldError("url", "Webhook endpoints must use https.", "https_required")]
    if _private_address(host):
        return [FieldError("url", "Private network addresses are not allowed.", "invalid_url")]
    return []


async def check_host(url: str, *, allow_loopback: bool) -> list[FieldError]:
    """Registration's early word on a hostname that resolves to a private address (a literal
    address is judged by ``check_url``). DNS that cannot answer now is no refusal: every
    delivery checks the addresses it connects to anyway (``egress``), which is the real
    guard, against a host that re-binds its DNS later too."""
    host = (urlsplit(url).hostname or "").lower()
    if not host or host in _LOOPBACK_NAMES:
        return []
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return []
    if await egress.resolves_privately(host, allow_loopback=allow_loopback):
        return [
            FieldError("url", "The host resolves to a private network address.", "private_address")
        ]
    return []


def _check_events(events: Iterable[str]) -> tuple[list[str], list[FieldError]]:
    wanted = list(dict.fromkeys(events))
    errors = [
        FieldError(f"events[{i}]", f"{name} is not an event type.", "unknown_event")
        for i, name in enumerate(wanted)
        if name not in EVENT_TYPES
    ]
    if not wanted:
        errors.append(FieldError("events", "Choose at least one event.", "required"))
    return wanted, errors


async def create_endpoint(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    *,
    url: str,
    events: Iterable[str],
    description: str | None = None,
    actor: str,
    allow_loopback: bool = False,
    now: datetime | None = None,
    live: bool = True,
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret, which is shown this once. A sandbox endpoint
    (``live`` false) receives the events of the servicer's sandbox only; a live one never
    does."""
    now = now or datetime.now(UTC)
    url = url.strip()
    wanted, errors = _check_events(events)
    errors = check_url(url, allow_loopback=allow_loopback) + errors
    if len(url) > 2000:
        errors.append(FieldError("url", "At most 2000 characters.", "too_long"))
    if not errors:
        errors = await check_host(url, allow_loopback=allow_loopback)
    if errors:
        raise InvalidEndpointError(fields=errors)
    count = await session.scalar(
        sa.select(sa.func.count()).select_from(queries.endpoints_of(servicer_id).subquery())
    )
    if (count or 0) >= MAX_ENDPOINTS:
        raise TooManyEndpointsError(f"A servicer may have at most {MAX_ENDPOINTS} endpoints.")
    secret = new_secret()
    endpoint = WebhookEndpoint(
        servicer_id=servicer_id,
        url=url,
        description=(description or "").strip() or None,
        events=wanted,
        secret_sealed=_seal(keys, secret),
        created_at=now,
        live=live,
    )
    session.add(endpoint)
    await session.flush()
    await _audit(session, actor, "webhook.endpoint_created", endpoint)
    log.info("webhook.endpoint_created", endpoint_id=str(endpoint.id), events=len(wanted))
    return endpoint, secret


async def endpoints(
    session: AsyncSession, servicer_id: uuid.UUID, *, live: bool | None = None
) -> list[WebhookEndpoint]:
    found = await session.scalars(
        queries.endpoints_of(servicer_id, live).order_by(
            WebhookEndpoint.live.desc(), WebhookEndpoint.created_at
        )
    )
    return list(found)


async def endpoint(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    *,
    live: bool | None = None,
) -> WebhookEndpoint:
    """One of the servicer's endpoints; another servicer's is not found, nor one of the other
    mode than ``live``."""
    found = await session.scalar(
        queries.endpoints_of(servicer_id, live).where(WebhookEndpoint.id == endpoint_id)
    )
    if found is None:
        raise EndpointNotFoundError()
    return found


async def rotate_secret(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    *,
    actor: str,
    now: datetime | None = None,
    live: bool | None = None,
) -> tuple[WebhookEndpoint, str]:
    """A new secret; the one it replaces keeps signing beside it for ``ROTATION_OVERLAP``, so
    a receiver can switch without losing an event."""
    now = now or datetime.now(UTC)
    found = await endpoint(session, servicer_id, endpoint_id, live=live)
    secret = new_secret()
    found.previous_secret_sealed = found.secret_sealed
    found.previous_secret_until = now + ROTATION_OVERLAP
    found.secret_sealed = _seal(keys, secret)
    await session.flush()
    await _audit(session, actor, "webhook.secret_rotated", found)
    log.info("webhook.secret_rotated", endpoint_id=str(endpoint_id))
    return found, secret


async def delete_endpoint(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    *,
    actor: str,
    live: bool | None = None,
) -> None:
    found = await endpoint(session, servicer_id, endpoint_id, live=live)
    await _audit(session, actor, "webhook.endpoint_deleted", found)
    await session.delete(found)
    await session.flush()
    log.info("webhook.endpoint_deleted", endpoint_id=str(endpoint_id))


async def enable_endpoint(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    *,
    actor: str,
    live: bool | None = None,
) -> WebhookEndpoint:
    found = await endpoint(session, servicer_id, endpoint_id, live=live)
    found.disabled_at = found.disabled_reason = found.failing_since = None
    await session.flush()
    await _audit(session, actor, "webhook.endpoint_enabled", found)
    log.info("webhook.endpoint_enabled", endpoint_id=str(endpoint_id))
    return found


async def _audit(session: AsyncSession, actor: str, action: str, target: WebhookEndpoint) -> None:
    await audit.record(
        session,
        actor=actor,
        action=action,
        target=f"webhook_endpoint:{target.id}",
        details={"servicer_id": str(target.servicer_id)},
    )


# --- Events --------------------------------------------------------------------------------


async def _deliver_to(
    session: AsyncSession, event: WebhookEvent, endpoints_: Sequence[WebhookEndpoint]
) -> int:
    for target in endpoints_:
        delivery = WebhookDelivery(
            event_id=event.id,
            endpoint_id=target.id,
            created_at=event.created_at,
            next_attempt_at=event.created_at,
            live=event.live,
        )
        session.add(delivery)
        await session.flush()
        await jobs.enqueue(session, DELIVER_JOB, {"delivery_id": str(delivery.id)})
    return len(endpoints_)


async def emit(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    event_type: str,
    data: Mapping[str, Any],
    *,
    visitor_id: uuid.UUID | None = None,
    now: datetime | None = None,
    live: bool = True,
) -> WebhookEvent | None:
    """Write ``event_type`` to the outbox in the caller's transaction, with a delivery queued
    for each of the servicer's endpoints that asked for it: a rollback drops them all, a commit
    guarantees them. ``data`` holds ids only; ``visitor_id`` is kept to name the visitor by the
    servicer's pairwise subject and is never sent. None when no endpoint wants the event.
    ``live`` false: an event of the servicer's sandbox, for its sandbox endpoints only."""
    assert event_type in EVENT_TYPES, event_type
    targets = list(
        await session.scalars(
            queries.subscribed(event_type, live).where(WebhookEndpoint.servicer_id == servicer_id)
        )
    )
    if not targets:
        return None
    event = WebhookEvent(
        servicer_id=servicer_id,
        type=event_type,
        data=dict(data),
        visitor_id=visitor_id,
        created_at=now or datetime.now(UTC),
        live=live,
    )
    session.add(event)
    await session.flush()
    await _deliver_to(session, event, targets)
    log.info("webhook.emitted", event_id=str(event.id), type=event_type)
    return event


async def emit_in_area(
    session: AsyncSession,
    event_type: str,
    data: Mapping[str, Any],
    *,
    prefectures: Sequence[str],
    municipalities: Sequence[str],
    now: datetime | None = None,
) -> int:
    """``event_type`` for every servicer located in one of the areas (by the JIS code of its
    municipality, whose first two digits are its prefecture). Returns the events written."""

    code = Servicer.municipality_code
    in_area = sa.or_(
        sa.func.substr(code, 1, 2) == sa.any_(sa.cast(list(prefectures), _TEXT_ARRAY)),
        sa.func.substr(code, 1, 5) == sa.any_(sa.cast(list(municipalities), _TEXT_ARRAY)),
    )
    servicer_ids = await session.scalars(
        sa.select(WebhookEndpoint.servicer_id)
        .distinct()
        .join(Servicer, Servicer.id == WebhookEndpoint.servicer_id)
        .where(
            WebhookEndpoint.disabled_at.is_(None),
            sa.literal(event_type) == sa.any_(WebhookEndpoint.events),
            WebhookEndpoint.live,  # an area's alerts are live events: never for a sandbox
            in_area,
        )
    )
    written = 0
    for servicer_id in list(servicer_ids):
        if await emit(session, servicer_id, event_type, data, now=now) is not None:
            written += 1
    return written


_TEXT_ARRAY = sa.ARRAY(sa.Text())


def body(keys: PlatformKeys, event: WebhookEvent) -> bytes:
    """The JSON an endpoint receives: the same bytes on every attempt of the event."""
    data = dict(event.data)
    if event.visitor_id is not None:
        data["subject"] = subject_id(
            pairwise_key(keys.derivation), event.servicer_id, event.visitor_id
        )
    envelope = {
        "type": event.type,
        "timestamp": event.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "data": data,
    }
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True).encode()


def message_id(event: WebhookEvent) -> str:
    return f"msg_{event.id.hex}"


# --- Delivery ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """What ``tasks`` sends for one attempt."""

    delivery_id: uuid.UUID
    url: str
    headers: dict[str, str]
    body: bytes


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt."""
    factor: int = BACKOFF_FACTOR ** min(max(attempts - 1, 0), 20)
    wait: timedelta = FIRST_RETRY * factor
    return min(wait, LONGEST_WAIT)


async def _loaded(
    session: AsyncSession, delivery_id: uuid.UUID
) -> tuple[WebhookDelivery, WebhookEvent, WebhookEndpoint] | None:
    row = (
        await session.execute(
            sa.select(WebhookDelivery, WebhookEvent, WebhookEndpoint)
            .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookDelivery.id == delivery_id)
            .with_for_update(of=WebhookDelivery, skip_locked=True)
        )
    ).first()
    return None if row is None else (row[0], row[1], row[2])


async def prepare(
    session: AsyncSession, keys: PlatformKeys, delivery_id: uuid.UUID, now: datetime
) -> Attempt | None:
    """The attempt to make now, or None when there is none (delivered, given up, deleted,
    or already being attempted by another worker). A delivery to a disabled endpoint fails."""
    loaded = await _loaded(session, delivery_id)
    if loaded is None:
        return None
    delivery, event, target = loaded
    if delivery.state is not DeliveryState.pending:
        return None
    if target.disabled_at is not None:
        delivery.state, delivery.last_error = DeliveryState.failed, "endpoint disabled"
        delivery.next_attempt_at = None
        await session.flush()
        return None
    payload = body(keys, event)
    msg_id = message_id(event)
    return Attempt(
        delivery_id=delivery.id,
        url=target.url,
        headers={
            "content-type": "application/json",
            "user-agent": "OmotenashiCloud-Webhooks/1",
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature_header(
                signing_secrets(keys, target, now), msg_id, now, payload
            ),
        },
        body=payload,
    )


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    retry_in: timedelta | None = None
    endpoint_disabled: bool = False


async def record(
    session: AsyncSession,
    keys: PlatformKeys,
    delivery_id: uuid.UUID,
    *,
    status: int | None,
    error: str | None,
    now: datetime,
    site: str = "",
) -> Outcome:
    """Write an attempt's result and decide what follows: done, a retry after the backoff, or
    giving up after ``RETRY_SPAN`` (and disabling an endpoint that failed all that time)."""
    loaded = await _loaded(session, delivery_id)
    if loaded is None:
        return Outcome(delivered=False)
    delivery, event, target = loaded
    delivery.attempts += 1
    delivery.last_attempt_at, delivery.last_status = now, status
    delivery.last_error = None if error is None else error[:200]
    if status is not None and 200 <= status < 300:
        delivery.state, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryState.succeeded,
            now,
            None,
        )
        target.failing_since = None
        await session.flush()
        log.info("webhook.delivered", delivery_id=str(delivery.id), attempts=delivery.attempts)
        return Outcome(delivered=True)
    if target.failing_since is None:
        target.failing_since = now
    wait = retry_delay(delivery.attempts)
    if now + wait <= event.created_at + RETRY_SPAN:
        delivery.next_attempt_at = now + wait
        await session.flush()
        log.info("webhook.retry", delivery_id=str(delivery.id), status=status, wait=wait.seconds)
        return Outcome(delivered=False, retry_in=wait)
    delivery.state, delivery.next_attempt_at = DeliveryState.failed, None
    disabled = False
    if target.disabled_at is None and target.failing_since <= now - DISABLE_AFTER:
        await _disable(session, keys, target, now, site)
        disabled = True
    await session.flush()
    log.info("webhook.given_up", delivery_id=str(delivery.id), attempts=delivery.attempts)
    return Outcome(delivered=False, endpoint_disabled=disabled)


async def _disable(
    session: AsyncSession, keys: PlatformKeys, target: WebhookEndpoint, now: datetime, site: str
) -> None:
    target.disabled_at, target.disabled_reason = (
        now,
        "failing since " + (target.failing_since or now).isoformat(timespec="minutes"),
    )
    admins = await session.scalars(
        sa.select(StaffUser.email).where(
            StaffUser.servicer_id == target.servicer_id,
            StaffUser.role == Role.servicer_admin,
            StaffUser.disabled_at.is_(None),
        )
    )
    since = (target.failing_since or now).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for address in admins:
        # Japanese first, English after: staff read Japanese; a vendor's engineer may not.
        parts = []
        for code in ("ja", "en"):
            gettext = i18n.translations(code).gettext
            parts.append(
                gettext(DISABLED_BODY).format(
                    url=target.url, since=since, link=f"{site}/console/webhooks"
                )
            )
        subject = " / ".join(i18n.translations(c).gettext(DISABLED_SUBJECT) for c in ("ja", "en"))
        await mail.enqueue(
            session, keys.derivation, to=address, subject=subject, body="\n\n".join(parts)
        )
    log.info("webhook.endpoint_disabled", endpoint_id=str(target.id))


async def deliveries(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    *,
    endpoint_id: uuid.UUID | None = None,
    limit: int = 50,
    live: bool | None = None,
) -> list[tuple[WebhookDelivery, WebhookEvent, WebhookEndpoint]]:
    """The servicer's delivery log, newest first (of one mode when ``live`` is given)."""
    statement = queries.deliveries_of(servicer_id, live)
    if endpoint_id is not None:
        await endpoint(session, servicer_id, endpoint_id, live=live)
        statement = statement.where(WebhookDelivery.endpoint_id == endpoint_id)
    rows = await session.execute(
        statement.order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id).limit(limit)
    )
    return [(d, e, p) for d, e, p in rows]


async def replay(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    delivery_id: uuid.UUID,
    now: datetime | None = None,
    *,
    live: bool | None = None,
) -> WebhookDelivery:
    """Send a delivery again now, with the same ``webhook-id``: the receiver can tell it has
    seen the event. A delivery to a disabled endpoint is refused until it is enabled."""
    now = now or datetime.now(UTC)
    row = (
        await session.execute(
            queries.deliveries_of(servicer_id, live).where(WebhookDelivery.id == delivery_id)
        )
    ).first()
    if row is None:
        raise DeliveryNotFoundError()
    delivery, _, target = row
    if target.disabled_at is not None:
        raise EndpointDisabledError("Enable the endpoint before replaying its deliveries.")
    delivery.state, delivery.next_attempt_at = DeliveryState.pending, now
    await session.flush()
    await jobs.enqueue(session, DELIVER_JOB, {"delivery_id": str(delivery.id)})
    log.info("webhook.replayed", delivery_id=str(delivery.id))
    return delivery


# --- Scans that turn time into events ---------------------------------------------------------


async def advance_cursor(session: AsyncSession, name: str, now: datetime) -> datetime | None:
    """Move the scan ``name`` on to ``now``, under a lock, and say where it stood: the window
    (returned, ``now``] is the scan's to announce. None on the first scan, which starts at
    ``now`` (nothing before it is announced)."""
    cursor = await session.get(WebhookCursor, name, with_for_update=True)
    if cursor is None:
        session.add(WebhookCursor(name=name, position=now))
        await session.flush()
        return None
    since, cursor.position = cursor.position, now
    await session.flush()
    return since
