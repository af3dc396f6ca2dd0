"""Carrier jobs: telling a card's holder that someone else tried to link it, and forgetting QR
codes that were used long enough ago to have expired."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service
from omotenashi.jobs import job, periodic
from omotenashi.runtime import Platform


@job(service.TELL_HOLDER_JOB)
async def tell_holder(
    session: AsyncSession, payload: dict[str, object], platform: Platform
) -> None:
    carrier_id = uuid.UUID(str(payload["carrier_id"]))
    await service.tell_holder(session, platform.keys, carrier_id, site=platform.settings.base_url)


@periodic("carriers.purge_qr_uses", "*/10 * * * *")
async def purge_qr_uses(session: AsyncSession) -> None:
    await service.purge_qr_uses(session)
