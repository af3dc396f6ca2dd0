"""Conversation jobs: deleting conversations left idle (their screens closed without "End")."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.conversation import service
from omotenashi.jobs import periodic


@periodic("conversation.purge_idle", "*/5 * * * *")
async def purge_idle(session: AsyncSession) -> None:
    await service.purge_expired(session)
