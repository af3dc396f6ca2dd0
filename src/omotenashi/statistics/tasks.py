"""Statistics jobs: the recent days' cells recomputed from the raw tables."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.jobs import periodic
from omotenashi.statistics import service


@periodic("statistics.recompute_recent", "*/15 * * * *")
async def recompute_recent(session: AsyncSession) -> None:
    await service.recompute_recent(session)
