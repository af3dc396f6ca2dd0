"""The safety check: a visitor answers that they are safe or need help; operators read the
counts per area and who needs help.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts import targeting
from omotenashi.alerts.areas import Point
from omotenashi.alerts.errors import AlertNotAnswerableError, InvalidLocationError
from omotenashi.alerts.location import point as _point
from omotenashi.alerts.models import AlertState, AlertTarget, SafetyAnswer, SafetyCheck
from omotenashi.alerts.reading import current_state, get
from omotenashi.errors import FieldError
from omotenashi.security import audit
from omotenashi.security.keys import PlatformKeys
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor

log = structlog.get_logger(__name__)


async def answer_safety(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    alert_id: uuid.UUID,
    answer: SafetyAnswer,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
) -> SafetyCheck:
    """The visitor says they are safe or need help; answering again replaces the answer."""
    alert = await get(session, alert_id)
    if alert.state is not AlertState.issued:
        raise AlertNotAnswerableError(f"The alert is {current_state(alert)}.")
    cell = None
    if latitude is not None or longitude is not None:
        if latitude is None or longitude is None:
            raise InvalidLocationError(
                "Give both latitude and longitude, or neither.",
                fields=[FieldError("latitude" if latitude is None else "longitude", "Missing.")],
            )
        cell = targeting.location_cell(_point(latitude, longitude))
    target = await session.get(AlertTarget, visitor_id)
    values = {
        "answer": answer,
        "prefecture": target.prefecture if target else None,
        "municipality": target.municipality if target else None,
        "cell": cell,
        "answered_at": datetime.now(UTC),
    }
    await session.execute(
        insert(SafetyCheck)
        .values(alert_id=alert_id, visitor_id=visitor_id, **values)
        .on_conflict_do_update(index_elements=["alert_id", "visitor_id"], set_=values)
    )
    found = await session.get(
        SafetyCheck, {"alert_id": alert_id, "visitor_id": visitor_id}, populate_existing=True
    )
    assert found is not None
    log.info("alerts.safety_answered", alert_id=str(alert_id), answer=str(answer))
    return found


@dataclass(frozen=True)
class AreaCount:
    prefecture: str | None
    municipality: str | None
    safe: int
    need_help: int


@dataclass(frozen=True)
class PersonInNeed:
    """What a rescuer needs of a visitor who asked for help, and no more."""

    visitor_id: uuid.UUID
    answered_at: datetime
    name: Any
    languages: list[str]
    accessibility_needs: Any
    family_members: int
    municipality: str | None
    location: Point | None
    """The centre of the coarse cell they gave, about 1 km from where they were."""


@dataclass(frozen=True)
class SafetyReport:
    counts: list[AreaCount]
    need_help: list[PersonInNeed] = field(default_factory=list)


async def safety_report(
    session: AsyncSession, keys: PlatformKeys, alert_id: uuid.UUID, *, operator: str
) -> SafetyReport:
    """Answers per area, and who needs help. Opening the list is audited; it holds only what
    the visitors' emergency consent covers."""
    await get(session, alert_id)
    counted = (
        await session.execute(
            select(
                SafetyCheck.prefecture,
                SafetyCheck.municipality,
                func.count().filter(SafetyCheck.answer == SafetyAnswer.safe).label("safe"),
                func.count().filter(SafetyCheck.answer == SafetyAnswer.need_help).label("help"),
            )
            .where(SafetyCheck.alert_id == alert_id)
            .group_by(SafetyCheck.prefecture, SafetyCheck.municipality)
            .order_by(SafetyCheck.prefecture, SafetyCheck.municipality)
        )
    ).all()
    counts = [
        AreaCount(row.prefecture, row.municipality, int(row.safe), int(row.help)) for row in counted
    ]
    asking = (
        await session.scalars(
            select(SafetyCheck)
            .where(SafetyCheck.alert_id == alert_id, SafetyCheck.answer == SafetyAnswer.need_help)
            .order_by(SafetyCheck.answered_at)
        )
    ).all()
    keyring = keys.keyring
    people = []
    for check in asking:
        consented = await session.scalar(
            select(AlertTarget.visitor_id).where(
                AlertTarget.visitor_id == check.visitor_id,
                AlertTarget.emergency_until > datetime.now(UTC),
            )
        )
        profile: dict[str, Any] = {}
        if consented is not None:
            profile = await visitors.read_profile(
                session,
                keyring,
                check.visitor_id,
                ["name", "preferred_languages", "accessibility_needs"],
            )
        members = int(
            await session.scalar(
                select(func.count())
                .select_from(Visitor)
                .where(Visitor.registered_by_id == check.visitor_id, Visitor.data_key.is_not(None))
            )
            or 0
        )
        people.append(
            PersonInNeed(
                visitor_id=check.visitor_id,
                answered_at=check.answered_at,
                name=profile.get("name"),
                languages=list(profile.get("preferred_languages") or []),
                accessibility_needs=profile.get("accessibility_needs"),
                family_members=members,
                municipality=check.municipality,
                location=targeting.cell_centre(check.cell) if check.cell is not None else None,
            )
        )
    await audit.record(
        session,
        actor=operator,
        action="alert.safety_report_read",
        target=f"alert:{alert_id}",
        details={"need_help": [str(person.visitor_id) for person in people]},
    )
    return SafetyReport(counts, people)
