"""Reads of the servicer tables that other domains make, and servicers' rules as Core pieces."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.servicers.models import (
    PurposeState,
    Servicer,
    ServicerCategory,
    ServicerPurpose,
    ServicerState,
)


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


def approved(servicer: Any = Servicer) -> ColumnElement[bool]:
    """A servicer that may act: approved by the operator (not pending, suspended or refused)."""
    return servicer.state == ServicerState.approved  # type: ignore[no-any-return]


def purpose_approved(purpose: Any = ServicerPurpose) -> ColumnElement[bool]:
    """A purpose the operator approved for the servicer (false where there is no such row, as
    when it comes from an outer join)."""
    return purpose.state.is_not_distinct_from(PurposeState.approved)  # type: ignore[no-any-return]
