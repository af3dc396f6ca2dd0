"""Privacy jobs: erasure after the stay."""

from __future__ import annotations

from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.config import Settings
from omotenashi.jobs import periodic
from omotenashi.privacy import service

log = structlog.get_logger(__name__)


@periodic("visitors.erase_departed", "30 * * * *")
async def erase_departed_visitors(session: AsyncSession) -> None:
    days = Settings().visitor_retention_days
    erased = await service.erase_departed(session, datetime.now(UTC).date(), days)
    log.info("visitors.departed_erased", count=erased, retention_days=days)
