"""A resolve as a touchpoint makes it: identify the carrier, check the terminal, disclose or
ask for consent, and suspend a terminal that resolves abnormally many visitors."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.consent import requests
from omotenashi.consent.models import ConsentRequest
from omotenashi.errors import ForbiddenError
from omotenashi.resolve import service
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey

log = structlog.get_logger(__name__)

ANOMALY_WINDOW = timedelta(minutes=1)


class PurposeNotForTerminalError(ForbiddenError):
    code = "purpose_not_for_terminal"
    title = "This terminal is not set up for this purpose"


@dataclass(frozen=True)
class TerminalSuspended:
    """The terminal went over its ceiling and was revoked (committed, audited)."""

    ceiling: int


@dataclass(frozen=True)
class Presented:
    """What the visitor showed: a card or tag id, or a QR payload."""

    kind: CarrierKind
    value: str


@dataclass(frozen=True)
class ConsentAsked:
    missing: tuple[str, ...]
    request: ConsentRequest


async def identify(
    session: AsyncSession, keys: PlatformKeys, presented: Presented, now: datetime
) -> uuid.UUID:
    carrier_keys = CarrierKeys.from_platform(keys)
    if presented.kind is CarrierKind.qr_device:
        _, visitor_id = await carriers.verify_qr(session, carrier_keys, presented.value, now)
    else:
        _, visitor_id = await carriers.find_visitor_by_card(
            session, carrier_keys, presented.kind, presented.value
        )
    return visitor_id


async def _guard_against_anomaly(
    session: AsyncSession, caller: AuthenticatedClient, visitor_id: uuid.UUID, now: datetime
) -> TerminalSuspended | None:
    """Suspend a terminal about to exceed its ceiling of distinct visitors per minute."""
    client = await clients.get(session, caller.servicer_id, caller.id)
    ceiling = client.max_visitors_per_minute
    window = (AccessLogEntry.terminal_id == caller.id) & (AccessLogEntry.at > now - ANOMALY_WINDOW)
    # Count at most `ceiling` distinct visitors: the cost stays flat however busy the terminal.
    distinct = select(AccessLogEntry.visitor_id).where(window).distinct().limit(ceiling).subquery()
    seen = await session.scalar(select(func.count()).select_from(distinct)) or 0
    if seen < ceiling or await session.scalar(
        select(
            select(AccessLogEntry.id)
            .where(window, AccessLogEntry.visitor_id == visitor_id)
            .exists()
        )
    ):
        return None
    await clients.revoke(session, caller.servicer_id, caller.id, actor="system:anomaly-detector")
    log.warning("resolve.terminal_suspended", client_id=str(caller.id), visitors=seen)
    return TerminalSuspended(ceiling)


async def resolve_at_touchpoint(
    session: AsyncSession,
    keys: PlatformKeys,
    caller: AuthenticatedClient,
    presented: Presented,
    purpose: PurposeKey,
    now: datetime | None = None,
) -> service.Resolution | ConsentAsked | TerminalSuspended:
    now = now or datetime.now(UTC)
    if caller.kind is ClientKind.terminal and str(purpose) not in caller.purposes:
        raise PurposeNotForTerminalError()
    visitor_id = await identify(session, keys, presented, now)
    terminal_id = caller.id if caller.kind is ClientKind.terminal else None
    if terminal_id is not None and (
        suspended := await _guard_against_anomaly(session, caller, visitor_id, now)
    ):
        return suspended
    try:
        return await service.resolve(
            session,
            keys,
            servicer_id=caller.servicer_id,
            visitor_id=visitor_id,
            purpose=purpose,
            terminal_id=terminal_id,
            now=now,
        )
    except ConsentRequiredError as refused:
        missing = tuple(refused.extra.get("missing", ()))
        request = await requests.ask(
            session,
            servicer_id=caller.servicer_id,
            visitor_id=visitor_id,
            purpose=purpose,
            attributes=missing,
            terminal_id=terminal_id,
            now=now,
        )
        return ConsentAsked(missing, request)
