"""Carrier jobs: forgetting QR codes that were used long enough ago to have expired."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service
from omotenashi.jobs import periodic


@periodic("carriers.purge_qr_uses", "*/10 * * * *")
async def purge_qr_uses(session: AsyncSession) -> None:
    await service.purge_qr_uses(session)
