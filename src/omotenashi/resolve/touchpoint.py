"""A resolve as a touchpoint makes it: identify the carrier, check the terminal, disclose or
ask for consent, and suspend a terminal that resolves abnormally many visitors."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy import bindparam, case, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.consent import requests
from omotenashi.consent.errors import ConsentRequestNotFoundError
from omotenashi.consent.models import ConsentRequest, ConsentRequestState
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
        return visitor_id
    return await carriers.visitor_by_card(session, carrier_keys, presented.kind, presented.value)


_IN_WINDOW = (AccessLogEntry.terminal_id == bindparam("terminal_id")) & (
    AccessLogEntry.at > bindparam("since")
)
# NULL when the terminal already served this visitor in the window (one more resolve of them
# cannot raise its count, so the count is not even made); otherwise how many distinct visitors
# it served, counting at most `ceiling` so the cost stays flat however busy the terminal.
_VISITORS_SEEN = select(
    case(
        (
            exists().where(_IN_WINDOW, AccessLogEntry.visitor_id == bindparam("visitor_id")),
            None,
        ),
        else_=select(func.count())
        .select_from(
            select(AccessLogEntry.visitor_id)
            .where(_IN_WINDOW)
            .distinct()
            .limit(bindparam("ceiling"))
            .subquery()
        )
        .scalar_subquery(),
    )
)


async def _guard_against_anomaly(
    session: AsyncSession, caller: AuthenticatedClient, visitor_id: uuid.UUID, now: datetime
) -> TerminalSuspended | None:
    """Suspend a terminal about to exceed its ceiling of distinct visitors per minute (the
    ceiling as read when its token was checked, earlier in this transaction)."""
    ceiling = caller.max_visitors_per_minute
    seen: int | None = await session.scalar(
        _VISITORS_SEEN,
        {
            "terminal_id": caller.id,
            "since": now - ANOMALY_WINDOW,
            "visitor_id": visitor_id,
            "ceiling": ceiling,
        },
    )
    if seen is None or seen < ceiling:
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


async def resolve_answered(
    session: AsyncSession,
    keys: PlatformKeys,
    caller: AuthenticatedClient,
    request_id: uuid.UUID,
    now: datetime | None = None,
) -> service.Resolution | ConsentRequest | TerminalSuspended:
    """What the touchpoint that asked may now see: once the visitor accepted (and while the
    request lives), the resolution for the visitor and purpose it named, without showing the
    carrier again; until then, the request as it stands."""
    now = now or datetime.now(UTC)
    asked = await requests.status(session, caller.servicer_id, request_id)
    if asked.terminal_id != caller.id:  # only the touchpoint that asked; others see nothing
        raise ConsentRequestNotFoundError()
    if asked.state is not ConsentRequestState.accepted or asked.expires_at <= now:
        return asked
    if suspended := await _guard_against_anomaly(session, caller, asked.visitor_id, now):
        return suspended
    resolution = await service.resolve(
        session,
        keys,
        servicer_id=caller.servicer_id,
        visitor_id=asked.visitor_id,
        purpose=PurposeKey(asked.purpose),
        terminal_id=caller.id,
        now=now,
    )
    asked.state = ConsentRequestState.fulfilled  # shown once; after that, the carrier again
    await session.flush()
    return resolution
