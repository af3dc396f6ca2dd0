"""What other domains may do with auth's tables, as Core pieces (the sign-in sessions' owner).

Only models here, never ``auth.service``: the service reads staff accounts, so a domain that auth
reads (``staff``) can still end its people's sessions without an import circle."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth.models import AuthSession


async def end_all_for_staff(session: AsyncSession, staff_user_id: uuid.UUID) -> None:
    """Sign a staff member out everywhere (account disabled, password changed)."""
    await session.execute(
        sa.update(AuthSession)
        .where(AuthSession.staff_user_id == staff_user_id, AuthSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC))
    )
