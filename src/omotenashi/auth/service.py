"""Sign-in sessions for visitors and staff.

A session is a random bearer secret (in an ``Authorization: Bearer`` header for the API, in an
HttpOnly cookie for the pages). Only its digest is stored, so a copy of the database signs no
one in. Sessions end on sign-out, after their lifetime, after a spell of idleness, and at once
when the visitor is erased or the staff account disabled.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth.errors import NotSignedInError
from omotenashi.auth.models import AuthSession, PrincipalKind
from omotenashi.staff.models import Role, StaffUser
from omotenashi.staff.service import SignedIn
from omotenashi.visitors.models import Visitor

log = structlog.get_logger(__name__)

_PREFIX = {PrincipalKind.visitor: "omv_", PrincipalKind.staff: "oms_"}
LIFETIME = {PrincipalKind.visitor: timedelta(days=30), PrincipalKind.staff: timedelta(hours=12)}
IDLE = {PrincipalKind.visitor: timedelta(days=14), PrincipalKind.staff: timedelta(hours=2)}
# Recording every request's time would turn each read into a write; a minute is precise enough
# for the idle timeout.
_SEEN_GRANULARITY = timedelta(minutes=1)


@dataclass(frozen=True)
class VisitorPrincipal:
    session_id: uuid.UUID
    visitor_id: uuid.UUID
    language: str


@dataclass(frozen=True)
class StaffPrincipal:
    session_id: uuid.UUID
    staff: SignedIn

    @property
    def actor(self) -> str:
        """How the audit log names this person."""
        return f"staff:{self.staff.user_id}"

    @property
    def is_operator(self) -> bool:
        return self.staff.role is Role.operator


Principal = VisitorPrincipal | StaffPrincipal


@dataclass(frozen=True)
class Started:
    token: str  # handed to the caller once; only its digest is kept
    expires_at: datetime


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def _start(
    session: AsyncSession, kind: PrincipalKind, now: datetime | None, **who: uuid.UUID
) -> Started:
    now = now or datetime.now(UTC)
    token = _PREFIX[kind] + secrets.token_urlsafe(32)
    row = AuthSession(
        token_hash=_digest(token),
        kind=kind,
        expires_at=now + LIFETIME[kind],
        last_seen_at=now,
        **who,
    )
    session.add(row)
    await session.flush()
    log.info("auth.session_started", session_id=str(row.id), kind=str(kind))
    return Started(token, row.expires_at)


async def start_visitor_session(
    session: AsyncSession, visitor_id: uuid.UUID, *, now: datetime | None = None
) -> Started:
    return await _start(session, PrincipalKind.visitor, now, visitor_id=visitor_id)


async def start_staff_session(
    session: AsyncSession, signed_in: SignedIn, *, now: datetime | None = None
) -> Started:
    return await _start(session, PrincipalKind.staff, now, staff_user_id=signed_in.user_id)


async def authenticate(
    session: AsyncSession, token: str, *, now: datetime | None = None
) -> Principal:
    """The principal behind a session secret, or :class:`NotSignedInError`."""
    now = now or datetime.now(UTC)
    kind = next((k for k, prefix in _PREFIX.items() if token.startswith(prefix)), None)
    if kind is None or len(token) > 100:
        raise NotSignedInError()
    live = sa.and_(
        AuthSession.token_hash == _digest(token),
        AuthSession.ended_at.is_(None),
        AuthSession.expires_at > now,
        AuthSession.last_seen_at > now - IDLE[kind],
    )
    principal: Principal
    if kind is PrincipalKind.visitor:
        visitor_row = (
            await session.execute(
                sa.select(AuthSession.id, AuthSession.last_seen_at, Visitor.id, Visitor.language)
                .join(Visitor, Visitor.id == AuthSession.visitor_id)
                .where(live, Visitor.data_key.is_not(None))
            )
        ).first()
        if visitor_row is None:
            raise NotSignedInError()
        session_id, last_seen, visitor_id, language = visitor_row
        principal = VisitorPrincipal(session_id, visitor_id, language)
    else:
        staff_row = (
            await session.execute(
                sa.select(
                    AuthSession.id,
                    AuthSession.last_seen_at,
                    StaffUser.id,
                    StaffUser.servicer_id,
                    StaffUser.role,
                )
                .join(StaffUser, StaffUser.id == AuthSession.staff_user_id)
                .where(live, StaffUser.disabled_at.is_(None))
            )
        ).first()
        if staff_row is None:
            raise NotSignedInError()
        session_id, last_seen, user_id, servicer_id, role = staff_row
        principal = StaffPrincipal(session_id, SignedIn(user_id, servicer_id, role))
    if now - last_seen >= _SEEN_GRANULARITY:
        await session.execute(
            sa.update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now)
        )
    return principal


async def end(session: AsyncSession, session_id: uuid.UUID, *, now: datetime | None = None) -> None:
    """Sign out: the secret stops working when this transaction commits."""
    await session.execute(
        sa.update(AuthSession)
        .where(AuthSession.id == session_id, AuthSession.ended_at.is_(None))
        .values(ended_at=now or datetime.now(UTC))
    )
    log.info("auth.session_ended", session_id=str(session_id))
