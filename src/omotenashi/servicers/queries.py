"""Reads of the servicer tables that other domains make."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.servicers.models import Servicer, ServicerCategory, ServicerState


async def lodging_directory(session: AsyncSession, limit: int = 500) -> list[Servicer]:
    """Approved hotels whose municipality is known: where a visitor may say they stay."""
    rows = await session.scalars(
        select(Servicer)
        .where(
            Servicer.category == ServicerCategory.hotel,
            Servicer.state == ServicerState.approved,
            Servicer.municipality_code.is_not(None),
        )
        .order_by(Servicer.name)
        .limit(limit)
    )
    return list(rows.all())
