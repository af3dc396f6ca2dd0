"""Auth's tables as Core pieces: closing the sessions of staff who may no longer sign in,
forgetting what a sign-in left behind once it can no longer be used."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth.models import AuthChallenge, AuthSession, EmailCode, OidcAuthorization
from omotenashi.staff.models import StaffUser


async def end_sessions_of_disabled_staff(session: AsyncSession) -> int:
    """Close the sessions still open of staff members whose accounts were disabled. They were
    refused from the moment of disabling (:func:`omotenashi.auth.service.authenticate` admits
    only enabled accounts); this records their end. Returns how many were closed."""
    result = await session.execute(
        sa.update(AuthSession)
        .where(
            AuthSession.ended_at.is_(None),
            AuthSession.staff_user_id.in_(
                sa.select(StaffUser.id).where(StaffUser.disabled_at.is_not(None))
            ),
        )
        .values(ended_at=datetime.now(UTC))
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def forget_lapsed(
    session: AsyncSession,
    leftover: type[EmailCode | AuthChallenge | OidcAuthorization],
    *,
    now: datetime | None = None,
) -> int:
    """Delete the rows of ``leftover`` past their ``expires_at``: an e-mail code (the keyed hash
    of an address), a passkey challenge, an OpenID sign-in that never came back (its nonce and
    verifier), none of which can be used any more. Returns how many."""
    lapsed = leftover.expires_at <= (now or datetime.now(UTC))
    result = await session.execute(sa.delete(leftover).where(lapsed))
    return int(getattr(result, "rowcount", 0) or 0)
