"""A resolve as a touchpoint makes it: identify the carrier, check the terminal, disclose or
ask for consent, and suspend a terminal that resolves abnormally many visitors."""

from __future__ import annotations

import uuid
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError, QrReplayedError
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients import service as clients
from omotenashi.clients.errors import (
    InsufficientScopeError,
    InvalidTokenError,
    TerminalSuspendedError,
)
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken
from omotenashi.consent import requests
from omotenashi.consent.errors import ConsentRequestNotFoundError
from omotenashi.consent.models import ConsentRequest, ConsentRequestState
from omotenashi.db import Executor, HotExecutor, OpenSession
from omotenashi.errors import ForbiddenError, TooManyRequestsError
from omotenashi.resolve import service
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey

log = structlog.get_logger(__name__)

REQUIRED_SCOPE = "resolve"

ANOMALY_WINDOW = service.ANOMALY_WINDOW


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


def _card(keys: PlatformKeys, presented: Presented) -> service.Card:
    card_id = carriers.parse_card_id(presented.kind, presented.value)
    lookup_hash = CarrierKeys.from_platform(keys).lookup_hash(presented.kind, card_id)
    return service.Card(presented.kind, lookup_hash)


async def _suspend(
    session: AsyncSession, servicer_id: uuid.UUID, decision: service.Decision
) -> TerminalSuspended:
    assert decision.terminal_id is not None
    assert decision.ceiling is not None
    terminal_id = decision.terminal_id
    await clients.suspend(session, servicer_id, terminal_id, actor="system:anomaly-detector")
    log.warning(
        "resolve.terminal_suspended", client_id=str(terminal_id), visitors=decision.visitors_seen
    )
    return TerminalSuspended(decision.ceiling)


async def resolve_at_touchpoint(
    session: Executor,
    keys: PlatformKeys,
    caller: AuthenticatedClient,
    presented: Presented,
    purpose: PurposeKey,
    now: datetime | None = None,
    *,
    refusals: OpenSession | None = None,
) -> service.Resolution | ConsentAsked | TerminalSuspended:
    """Resolve what the visitor presented at the caller's touchpoint, as signed-in staff do at
    a desk through its terminal: the same decision as the terminal's own with its token
    (:func:`resolve_with_token`), so its purposes, rate, ceiling and a QR code's single use are
    checked by the same statement, and a rule changes in one place for both.

    What a refusal leaves behind (a tap-to-consent request; the terminal suspended and audited)
    is written in a transaction of ``refusals`` when given, else in ``session``'s own (which
    must then be a session)."""
    return await _resolve_as_client(
        session, keys, caller.client_id, caller.servicer_id, presented, purpose, now, refusals
    )


async def resolve_with_token(
    connection: HotExecutor,
    keys: PlatformKeys,
    token: AccessToken,
    presented: Presented,
    purpose: PurposeKey,
    now: datetime | None = None,
    *,
    refusals: OpenSession | None = None,
) -> service.Resolution | ConsentAsked | TerminalSuspended:
    """Resolve for the API client behind a verified access token: its authorisation, its rate,
    the QR code's single use and the disclosure are all decided by the one statement (a card
    needs no other; a QR code, one read of its device before). Refusals raise as the
    dependencies of other routes do: 401, 403 (a suspended terminal's too), 429 with
    Retry-After, 409."""
    if REQUIRED_SCOPE not in token.scopes:
        raise InsufficientScopeError(REQUIRED_SCOPE)
    return await _resolve_as_client(
        connection, keys, token.client_id, token.servicer_id, presented, purpose, now, refusals
    )


async def _resolve_as_client(
    connection: HotExecutor,
    keys: PlatformKeys,
    client_id: str,
    servicer_id: uuid.UUID,
    presented: Presented,
    purpose: PurposeKey,
    now: datetime | None,
    refusals: OpenSession | None,
) -> service.Resolution | ConsentAsked | TerminalSuspended:
    now = now or datetime.now(UTC)
    whom: uuid.UUID | service.Card
    qr: service.QrCode | None = None
    if presented.kind is CarrierKind.qr_device:
        carrier_keys = CarrierKeys.from_platform(keys)
        carrier_id, step, whom = await carriers.check_qr(
            connection, carrier_keys, presented.value, now
        )
        qr = service.QrCode(carrier_id, step)
    else:
        whom = _card(keys, presented)
    decision = await service.decide(
        connection,
        servicer_id=servicer_id,
        purpose=purpose,
        whom=whom,
        client_id=client_id,
        qr=qr,
        now=now,
    )
    match decision.outcome:
        case service.Outcome.invalid_token:
            raise InvalidTokenError()
        case service.Outcome.terminal_suspended:
            raise TerminalSuspendedError()
        case service.Outcome.insufficient_scope:
            raise InsufficientScopeError(REQUIRED_SCOPE)
        case service.Outcome.purpose_not_for_terminal:
            raise PurposeNotForTerminalError()
        case service.Outcome.rate_limited:
            raise TooManyRequestsError(decision.retry_after)
        case service.Outcome.qr_replayed:
            assert qr is not None
            log.warning("carrier.qr_replayed", carrier_id=str(qr.carrier_id), step=qr.step)
            raise QrReplayedError()
    return await _settle(connection, keys, decision, now, refusals)


async def _settle(
    session: HotExecutor,
    keys: PlatformKeys,
    decision: service.Decision,
    now: datetime,
    refusals: OpenSession | None,
) -> service.Resolution | ConsentAsked | TerminalSuspended:
    """The touchpoint's answer to a decision: the resolution, or what a refusal leaves."""
    match decision.outcome:
        case service.Outcome.not_found:
            raise CarrierNotFoundError()  # the same whatever the reason: unknown, revoked, erased
        case service.Outcome.over_ceiling:
            async with _transaction(session, refusals) as writing:
                return await _suspend(writing, decision.servicer_id, decision)
        case service.Outcome.consent_required:
            assert decision.visitor_id is not None
            async with _transaction(session, refusals) as writing:
                request = await requests.ask(
                    writing,
                    servicer_id=decision.servicer_id,
                    visitor_id=decision.visitor_id,
                    purpose=decision.purpose,
                    attributes=decision.missing,
                    terminal_id=decision.terminal_id,
                    now=now,
                    live=decision.live,
                )
            return ConsentAsked(decision.missing, request)
    return service.disclosed(keys, decision)


def _transaction(
    session: HotExecutor, refusals: OpenSession | None
) -> AbstractAsyncContextManager[AsyncSession]:
    if refusals is not None:
        return refusals()
    assert isinstance(session, AsyncSession), "a connection in autocommit needs `refusals`"
    return nullcontext(session)


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
    asked = await requests.status(session, caller.servicer_id, request_id, live=caller.live)
    if asked.terminal_id != caller.id:  # only the touchpoint that asked; others see nothing
        raise ConsentRequestNotFoundError()
    if asked.state is not ConsentRequestState.accepted or asked.expires_at <= now:
        return asked
    decision = await service.decide(
        session,
        servicer_id=caller.servicer_id,
        purpose=PurposeKey(asked.purpose),
        whom=asked.visitor_id,
        terminal_id=caller.id,
        ceiling=caller.max_visitors_per_minute,
        now=now,
        live=caller.live,
    )
    if decision.outcome is service.Outcome.over_ceiling:
        return await _suspend(session, caller.servicer_id, decision)
    resolution = service.disclosed(keys, decision)
    asked.state = ConsentRequestState.fulfilled  # shown once; after that, the carrier again
    await session.flush()
    return resolution
