"""Tap-to-consent: when a touchpoint needs what the visitor has not granted, it asks; the
visitor sees exactly who, what and why on their own phone and accepts or declines; the
touchpoint learns the answer by polling the request."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.consent import queries, receipts
from omotenashi.consent import service as grants
from omotenashi.consent.errors import (
    ConsentRequestAnsweredError,
    ConsentRequestNotFoundError,
    InvalidGrantError,
)
from omotenashi.consent.models import ConsentGrant, ConsentRequest, ConsentRequestState
from omotenashi.errors import FieldError
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers import service as servicers
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors
from omotenashi.visitors.errors import VisitorNotFoundError
from omotenashi.webhooks import service as webhooks

log = structlog.get_logger(__name__)

REQUEST_LIFETIME = timedelta(minutes=5)


def answer_path(request: ConsentRequest) -> str:
    """Where the visitor answers (the touchpoint shows it as a QR code)."""
    return f"/consent/requests/{request.token}"


async def ask(
    session: AsyncSession,
    *,
    servicer_id: uuid.UUID,
    visitor_id: uuid.UUID,
    purpose: PurposeKey,
    attributes: Sequence[str],
    terminal_id: uuid.UUID | None = None,
    now: datetime | None = None,
    live: bool = True,
) -> ConsentRequest:
    """A servicer approved for ``purpose`` asks the visitor for ``attributes`` of it; in its
    sandbox (``live`` false) only its own sandbox visitors, else only live ones: a visitor of
    the other mode is as unknown as no visitor."""
    now = now or datetime.now(UTC)
    allowed = await servicers.attributes_for(session, servicer_id, purpose)
    visitor = await visitors.get(session, visitor_id)
    if visitor.live != live or (not live and visitor.sandbox_of != servicer_id):
        raise VisitorNotFoundError()
    wanted = list(dict.fromkeys(attributes))
    errors = [
        FieldError(f"attributes[{i}]", f"{key} is not used for {purpose}.", "not_in_purpose")
        for i, key in enumerate(wanted)
        if key not in allowed
    ]
    if not wanted:
        errors.append(FieldError("attributes", "Ask for at least one item."))
    if errors:
        raise InvalidGrantError(fields=errors)
    request = ConsentRequest(
        visitor_id=visitor_id,
        servicer_id=servicer_id,
        terminal_id=terminal_id,
        purpose=str(purpose),
        attributes=wanted,
        token=secrets.token_urlsafe(24),
        state=ConsentRequestState.pending,
        created_at=now,
        expires_at=now + REQUEST_LIFETIME,
        live=live,
    )
    session.add(request)
    await session.flush()
    log.info("consent.requested", request_id=str(request.id), purpose=str(purpose))
    return request


async def for_visitor(
    session: AsyncSession, visitor_id: uuid.UUID, token: str, now: datetime | None = None
) -> ConsentRequest:
    """The pending request behind ``token``, if it is this visitor's and not expired."""
    request = await session.scalar(
        select(ConsentRequest).where(
            ConsentRequest.token == token, ConsentRequest.visitor_id == visitor_id
        )
    )
    if request is None or request.expires_at <= (now or datetime.now(UTC)):
        raise ConsentRequestNotFoundError()
    return request


async def accept(
    session: AsyncSession,
    keys: PlatformKeys,
    visitor_id: uuid.UUID,
    token: str,
    now: datetime | None = None,
) -> ConsentGrant:
    now = now or datetime.now(UTC)
    request = await for_visitor(session, visitor_id, token, now)
    if request.state is not ConsentRequestState.pending:
        raise ConsentRequestAnsweredError()
    grant = await grants.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey(request.purpose),
        attributes=request.attributes,
        servicer_id=request.servicer_id,
        now=now,
    )
    request.state, request.decided_at, request.grant_id = (
        ConsentRequestState.accepted,
        now,
        grant.id,
    )
    await session.flush()
    log.info("consent.request_accepted", request_id=str(request.id), grant_id=str(grant.id))
    await _answered(session, request, now)
    return grant


async def decline(
    session: AsyncSession, visitor_id: uuid.UUID, token: str, now: datetime | None = None
) -> ConsentRequest:
    now = now or datetime.now(UTC)
    request = await for_visitor(session, visitor_id, token, now)
    if request.state is not ConsentRequestState.pending:
        raise ConsentRequestAnsweredError()
    request.state, request.decided_at = ConsentRequestState.declined, now
    await session.flush()
    log.info("consent.request_declined", request_id=str(request.id))
    await _answered(session, request, now)
    return request


async def _answered(session: AsyncSession, request: ConsentRequest, now: datetime) -> None:
    """Tell the asking servicer, so that its terminal can stop polling."""
    await webhooks.emit(
        session,
        request.servicer_id,
        "consent_request.answered",
        {
            "request_id": str(request.id),
            "state": str(request.state),
            "purpose": request.purpose,
            "terminal_id": str(request.terminal_id) if request.terminal_id else None,
            "grant_id": str(request.grant_id) if request.grant_id else None,
        },
        visitor_id=request.visitor_id,
        now=now,
        live=request.live,
    )


async def status(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    request_id: uuid.UUID,
    *,
    live: bool | None = None,
) -> ConsentRequest:
    """What the asking servicer sees while it waits; another servicer sees nothing, nor a
    caller of the other mode than ``live`` (None: either, for the servicer's own pages)."""
    query = select(ConsentRequest).where(
        ConsentRequest.id == request_id, ConsentRequest.servicer_id == servicer_id
    )
    if live is not None:
        query = query.where(queries.in_mode(live, ConsentRequest))
    request = await session.scalar(query)
    if request is None:
        raise ConsentRequestNotFoundError()
    return request


async def receipt_for_servicer(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    request_id: uuid.UUID,
    *,
    live: bool | None = None,
) -> str:
    """The servicer's signed copy of the receipt of the grant that answered its request: the
    visitor named by the servicer's pairwise subject id, never by their own id. The servicer sees
    the receipt of what it asked for and nothing else of the visitor's consents.

    Signed as it is asked for (Ed25519 signatures are deterministic: the same copy each time,
    while the signing key stays)."""
    asked = await status(session, servicer_id, request_id, live=live)
    record = (
        await session.get(ConsentGrant, {"visitor_id": asked.visitor_id, "id": asked.grant_id})
        if asked.grant_id
        else None
    )
    if record is None:
        raise ConsentRequestNotFoundError("The request was not accepted, so there is no receipt.")
    subject = subject_id(pairwise_key(keys.derivation), servicer_id, record.visitor_id)
    claims = receipts.for_servicer(receipts.verify(record.receipt, keys), subject)
    return receipts.sign(claims, keys)
