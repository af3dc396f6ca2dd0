"""Raw events for statistics tests, written straight into the tables statistics reads."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.consent.models import ConsentRequest, ConsentRequestState
from omotenashi.feedback.models import Feedback
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.statistics.service import day_bounds
from omotenashi.visitors.models import Visitor, VisitorAttribute

DAY = date(2026, 11, 20)


def at(day: date = DAY, hour: int = 10) -> datetime:
    """``hour`` o'clock, Japan time, on ``day``."""
    return day_bounds(day)[0] + timedelta(hours=hour)


async def make_visitors(
    session: AsyncSession, count: int, *, nationality: str | None, language: str
) -> list[uuid.UUID]:
    ids = []
    for _ in range(count):
        visitor = Visitor(language=language, created_at=at())
        session.add(visitor)
        await session.flush()
        if nationality is not None:
            session.add(
                VisitorAttribute(visitor_id=visitor.id, key="nationality", clear_value=nationality)
            )
        ids.append(visitor.id)
    await session.flush()
    return ids


async def resolves(
    session: AsyncSession,
    visitor_ids: list[uuid.UUID],
    servicer_id: uuid.UUID,
    *,
    purpose: str = "hotel_check_in",
    when: datetime | None = None,
    rating: int | None = None,
) -> list[AccessLogEntry]:
    entries = []
    for visitor_id in visitor_ids:
        entry = AccessLogEntry(
            visitor_id=visitor_id,
            at=when or at(),
            servicer_id=servicer_id,
            terminal_id=None,
            purpose=purpose,
            attribute_keys=["name"],
        )
        session.add(entry)
        entries.append(entry)
    await session.flush()
    if rating is not None:
        for entry in entries:
            session.add(
                Feedback(
                    access_log_id=entry.id,
                    visitor_id=entry.visitor_id,
                    servicer_id=servicer_id,
                    purpose=purpose,
                    rating=rating,
                    created_at=entry.at,
                )
            )
        await session.flush()
    return entries


async def consent_requests(
    session: AsyncSession,
    visitor_ids: list[uuid.UUID],
    servicer_id: uuid.UUID,
    *,
    purpose: str = "hotel_check_in",
    state: ConsentRequestState = ConsentRequestState.pending,
) -> None:
    for visitor_id in visitor_ids:
        session.add(
            ConsentRequest(
                visitor_id=visitor_id,
                servicer_id=servicer_id,
                purpose=purpose,
                attributes=["passport"],
                token=secrets.token_urlsafe(24),
                state=state,
                created_at=at(),
                expires_at=at() + timedelta(minutes=10),
            )
        )
    await session.flush()
