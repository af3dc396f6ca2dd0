"""Consent's scheduled work: telling servicers of grants that reached their end."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.consent import service
from omotenashi.jobs import periodic


@periodic("webhooks.expired_grants", "* * * * *")
async def expired_grants(session: AsyncSession) -> None:
    await service.announce_expired_grants(session)
