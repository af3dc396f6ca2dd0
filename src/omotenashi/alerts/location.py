"""A visitor's coarse location (an H3 cell, never the point), shared so that alerts for drawn
areas reach them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import structlog
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts import targeting
from omotenashi.alerts.areas import Point
from omotenashi.alerts.errors import EmergencyConsentRequiredError, InvalidLocationError
from omotenashi.alerts.models import AlertTarget
from omotenashi.errors import FieldError

log = structlog.get_logger(__name__)


def point(latitude: float, longitude: float) -> Point:
    try:
        return Point(latitude, longitude)
    except ValueError as error:
        raise InvalidLocationError(
            str(error), fields=[FieldError("latitude", str(error))]
        ) from None


async def share_location(
    session: AsyncSession, visitor_id: uuid.UUID, latitude: float, longitude: float
) -> int:
    """Keep the visitor's location as a coarse H3 cell (never the point) so alerts for drawn
    areas reach them. Needs their emergency consent; returns the cell."""
    cell = targeting.location_cell(point(latitude, longitude))
    result = await session.execute(
        update(AlertTarget)
        .where(AlertTarget.visitor_id == visitor_id)
        .values(cell=cell, cell_at=datetime.now(UTC))
    )
    if not getattr(result, "rowcount", 0):
        raise EmergencyConsentRequiredError(
            "Sharing a location for alerts needs an active grant for the emergency purpose."
        )
    log.info("alerts.location_shared", visitor_id=str(visitor_id))
    return cell


async def forget_location(session: AsyncSession, visitor_id: uuid.UUID) -> None:
    await session.execute(
        update(AlertTarget)
        .where(AlertTarget.visitor_id == visitor_id)
        .values(cell=None, cell_at=None)
    )
    log.info("alerts.location_forgotten", visitor_id=str(visitor_id))


# Safety check.
