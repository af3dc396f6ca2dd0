"""What a visitor's data export holds of alerts."""

from __future__ import annotations

import uuid
from typing import Any

import h3
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts.models import AlertTarget, SafetyCheck
from omotenashi.alerts.subscriptions import subscriptions_of


async def export_for(session: AsyncSession, visitor_id: uuid.UUID) -> dict[str, Any]:
    """What the alerts domain holds about a visitor: the targeting row (area and any shared
    cell), push subscriptions and safety answers."""
    target = await session.get(AlertTarget, visitor_id)
    answers = (
        await session.scalars(select(SafetyCheck).where(SafetyCheck.visitor_id == visitor_id))
    ).all()
    return {
        "targeting": None
        if target is None
        else {
            "prefecture": target.prefecture,
            "municipality": target.municipality,
            "location_cell": h3.int_to_str(target.cell) if target.cell is not None else None,
            "location_shared_at": target.cell_at.isoformat() if target.cell_at else None,
            "emergency_consent_until": target.emergency_until.isoformat(),
        },
        "push_subscriptions": [
            {
                "id": str(found.id),
                "endpoint": found.endpoint,
                "created_at": found.created_at.isoformat(),
                "last_delivered_at": found.last_delivered_at.isoformat()
                if found.last_delivered_at
                else None,
            }
            for found in await subscriptions_of(session, visitor_id)
        ],
        "safety_answers": [
            {
                "alert_id": str(answer.alert_id),
                "answer": str(answer.answer),
                "location_cell": h3.int_to_str(answer.cell) if answer.cell is not None else None,
                "answered_at": answer.answered_at.isoformat(),
            }
            for answer in answers
        ],
    }


# Coarse location.
