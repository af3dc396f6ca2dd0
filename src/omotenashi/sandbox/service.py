"""The sandbox's rules: make test visitors (a sample profile, a test IC card from the reserved
range, a simulated phone), show their rotating QR code, and let them consent as a test needs.

A test visitor is an ordinary visitor row with ``live`` false, owned by one servicer
(``sandbox_of``): resolve, consent requests and webhooks reach it only from that servicer's
sandbox clients, and it counts in no statistics. Its card and phone are ordinary carriers, so
a sandbox resolve runs the very statement a live one does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import text
from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import Carrier, CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.consent import queries as consent_queries
from omotenashi.consent import requests as consent_requests
from omotenashi.consent import service as consent
from omotenashi.consent.models import ConsentGrant, ConsentRequest, ConsentRequestState
from omotenashi.errors import FieldError
from omotenashi.i18n import BY_CODE
from omotenashi.sandbox import queries
from omotenashi.sandbox.errors import (
    InvalidSandboxVisitorError,
    SandboxFullError,
    SandboxRequestNotFoundError,
    SandboxVisitorNotFoundError,
)
from omotenashi.sandbox.models import SandboxVisitor
from omotenashi.security import audit
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers import service as servicers
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.visitors import service as visitors

log = structlog.get_logger(__name__)

MAX_VISITORS = 50  # a sandbox's test visitors at once
LABEL_MAX = 100
CARD_LABEL = "Test IC card"
DEVICE_LABEL = "QR simulator"


def sample_profile(now: datetime) -> dict[str, object]:
    """What a test visitor has filled in: every item a purpose may ask, plainly fictional
    (ICAO's specimen state UTO on the passport)."""
    arrival = now.date()
    return {
        "name": {"surname": "SANDBOX", "given_names": "TEST"},
        "nationality": "AU",
        "passport": {
            "document_type": "P",
            "number": "TEST00001",
            "issuing_state": "UTO",
            "expiry_date": (arrival + timedelta(days=3650)).isoformat(),
        },
        "email": "sandbox@example.com",
        "preferred_languages": ["en", "ja"],
        "stay": {
            "arrival": arrival.isoformat(),
            "departure": (arrival + timedelta(days=7)).isoformat(),
        },
    }


@dataclass(frozen=True)
class TestVisitor:
    """A test visitor as its servicer sees it."""

    id: uuid.UUID
    label: str
    subject: str  # the servicer's pairwise subject for it, as resolve answers
    card_idm: str
    created_at: datetime


def _view(keys: PlatformKeys, row: SandboxVisitor) -> TestVisitor:
    subject = subject_id(pairwise_key(keys.derivation), row.servicer_id, row.visitor_id)
    return TestVisitor(row.visitor_id, row.label, subject, row.card_idm, row.created_at)


async def create_visitor(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    *,
    label: str,
    language: str = "en",
    actor: str,
    now: datetime | None = None,
) -> TestVisitor:
    """A new test visitor of the servicer's sandbox: a sample profile, a fresh test IC card
    (IDm ``FFFF…``) and a simulated phone for rotating QR codes."""
    now = now or datetime.now(UTC)
    errors = text.unstorable_fields(label=label)
    if not errors and not 0 < len(label.strip()) <= LABEL_MAX:
        errors.append(FieldError("label", f"Give a name of 1 to {LABEL_MAX} characters."))
    if language not in BY_CODE:
        errors.append(FieldError("language", "Unknown language.", "unknown_language"))
    if errors:
        raise InvalidSandboxVisitorError(fields=errors)
    await servicers.get(session, servicer_id)
    count = await session.scalar(
        sa.select(sa.func.count()).select_from(queries.visitors_of(servicer_id).subquery())
    )
    if (count or 0) >= MAX_VISITORS:
        raise SandboxFullError(f"A sandbox holds at most {MAX_VISITORS} test visitors.")
    visitor = await visitors.create_visitor(
        session, keys.keyring, language=language, sandbox_of=servicer_id
    )
    await visitors.update_profile(session, keys.keyring, visitor.id, sample_profile(now))
    carrier_keys = CarrierKeys.from_platform(keys)
    idm = carriers.new_test_idm()
    card = await carriers.link_card(
        session, carrier_keys, visitor.id, CarrierKind.ic_card, idm, CARD_LABEL
    )
    assert card is not None, "a fresh test IDm is linked to no one"
    device, _ = await carriers.register_device(session, carrier_keys, visitor.id, DEVICE_LABEL)
    row = SandboxVisitor(
        visitor_id=visitor.id,
        servicer_id=servicer_id,
        label=label.strip(),
        card_idm=idm,
        device_id=device.id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="sandbox.visitor_created",
        target=f"visitor:{visitor.id}",
        details={"servicer_id": str(servicer_id)},
    )
    log.info("sandbox.visitor_created", visitor_id=str(visitor.id), servicer_id=str(servicer_id))
    return _view(keys, row)


async def list_visitors(
    session: AsyncSession, keys: PlatformKeys, servicer_id: uuid.UUID
) -> list[TestVisitor]:
    rows = await session.scalars(
        queries.visitors_of(servicer_id).order_by(SandboxVisitor.created_at)
    )
    return [_view(keys, row) for row in rows]


async def _row(
    session: AsyncSession, servicer_id: uuid.UUID, visitor_id: uuid.UUID
) -> SandboxVisitor:
    row = await session.scalar(
        queries.visitors_of(servicer_id).where(SandboxVisitor.visitor_id == visitor_id)
    )
    if row is None:
        raise SandboxVisitorNotFoundError()
    return row


async def get_visitor(
    session: AsyncSession, keys: PlatformKeys, servicer_id: uuid.UUID, visitor_id: uuid.UUID
) -> TestVisitor:
    """One of the servicer's test visitors; anyone else's (a live visitor's too) is not found."""
    return _view(keys, await _row(session, servicer_id, visitor_id))


async def qr_code(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    visitor_id: uuid.UUID,
    now: datetime | None = None,
) -> tuple[str, int]:
    """The rotating code (OM2) the test visitor's simulated phone shows now, made by the same
    code as a visitor's pass, and the seconds it stays current."""
    now = now or datetime.now(UTC)
    row = await _row(session, servicer_id, visitor_id)
    device = await session.get(Carrier, {"visitor_id": row.visitor_id, "id": row.device_id})
    if device is None or device.sealed_secret is None or device.revoked_at is not None:
        raise SandboxVisitorNotFoundError()
    carrier_keys = CarrierKeys.from_platform(keys)
    secret = carrier_keys.unseal_secret(device.id, device.sealed_secret)
    payload = carriers.qr2_payload(device.id, secret, carrier_keys.qr_public_key, now)
    step = carriers.QR_STEP_SECONDS
    return payload, step - int(now.timestamp()) % step


def _sandbox_requests(servicer_id: uuid.UUID) -> sa.Select[ConsentRequest]:
    return sa.select(ConsentRequest).where(
        ConsentRequest.servicer_id == servicer_id,
        consent_queries.in_mode(False, ConsentRequest),
    )


async def pending_requests(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    visitor_id: uuid.UUID,
    now: datetime | None = None,
) -> list[ConsentRequest]:
    """The servicer's consent requests the test visitor has not answered yet, newest first."""
    await _row(session, servicer_id, visitor_id)
    rows = await session.scalars(
        _sandbox_requests(servicer_id)
        .where(
            ConsentRequest.visitor_id == visitor_id,
            ConsentRequest.state == ConsentRequestState.pending,
            ConsentRequest.expires_at > (now or datetime.now(UTC)),
        )
        .order_by(ConsentRequest.created_at.desc())
    )
    return list(rows)


async def answer(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    request_id: uuid.UUID,
    *,
    accept: bool,
    now: datetime | None = None,
) -> ConsentRequest:
    """The test visitor answers one of the servicer's sandbox consent requests, as a visitor
    would on their phone (the grant, its receipt and the webhook follow as they do live). A
    live request is not found."""
    request = await session.scalar(
        _sandbox_requests(servicer_id).where(ConsentRequest.id == request_id)
    )
    if request is None:
        raise SandboxRequestNotFoundError()
    if accept:
        await consent_requests.accept(session, keys, request.visitor_id, request.token, now)
    else:
        await consent_requests.decline(session, request.visitor_id, request.token, now)
    await session.refresh(request)
    return request


async def grant(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    visitor_id: uuid.UUID,
    purpose: PurposeKey,
    now: datetime | None = None,
) -> ConsentGrant:
    """The test visitor consents to everything ``purpose`` needs, for this servicer."""
    await _row(session, servicer_id, visitor_id)
    return await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=purpose,
        attributes=PURPOSES[purpose].attributes,
        servicer_id=servicer_id,
        now=now,
    )
