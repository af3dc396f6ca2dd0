"""Who is told of an alert: the targeted visitors, and the fan-out of its delivery to their push
subscriptions, in delivery jobs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import structlog
from sqlalchemy import ColumnElement, Text, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import jobs
from omotenashi.alerts.models import AlertTarget, PushSubscription, StoredAlert
from omotenashi.alerts.reading import get

log = structlog.get_logger(__name__)

FAN_OUT_JOB = "alerts.fan_out"
DELIVER_JOB = "alerts.deliver"
BATCH_SIZE = 250
"""Subscriptions per delivery job: small enough that a retry repeats little, large enough that
a million recipients make a few thousand jobs, not a million."""


def _in_area(alert: StoredAlert) -> ColumnElement[bool]:
    clauses: list[ColumnElement[bool]] = []
    if alert.target_prefectures:
        clauses.append(AlertTarget.prefecture == func.any(alert.target_prefectures))
    if alert.target_municipalities:
        clauses.append(AlertTarget.municipality == func.any(alert.target_municipalities))
    if alert.target_cells:
        clauses.append(AlertTarget.cell == func.any(alert.target_cells))
    return or_(*clauses) if clauses else and_(False)  # type: ignore[arg-type]


def targeted(alert: StoredAlert, now: datetime) -> ColumnElement[bool]:
    """The targeting rows ``alert`` reaches: in its areas, with emergency consent now."""
    return and_(AlertTarget.emergency_until > now, _in_area(alert))


async def targeted_visitors(
    session: AsyncSession, alert: StoredAlert, now: datetime | None = None
) -> list[uuid.UUID]:
    """The visitors to tell (family members are told through who registered them)."""
    now = now or datetime.now(UTC)
    rows = await session.scalars(
        select(AlertTarget.reach_visitor_id).where(targeted(alert, now)).distinct()
    )
    return list(rows.all())


@dataclass(frozen=True)
class FanOut:
    recipients: int
    subscriptions: int
    jobs: int


CANCELLED_NOTICE = "cancelled"


async def fan_out(
    session: AsyncSession,
    alert_id: uuid.UUID,
    *,
    notice: str | None = None,
    now: datetime | None = None,
) -> FanOut:
    """Select the visitors ``alert_id`` reaches and enqueue its delivery to each of their push
    subscriptions, ``BATCH_SIZE`` to a job. The messages were rendered when it was issued.
    With ``notice`` "cancelled", what is delivered is that the alert was withdrawn."""
    now = now or datetime.now(UTC)
    alert = await get(session, alert_id)
    reached = select(AlertTarget.reach_visitor_id).where(targeted(alert, now)).distinct().subquery()
    recipients = int(await session.scalar(select(func.count()).select_from(reached)) or 0)
    numbered = (
        select(
            PushSubscription.id,
            (func.row_number().over(order_by=PushSubscription.id) - 1).label("n"),
        )
        .where(PushSubscription.visitor_id.in_(select(reached.c.reach_visitor_id)))
        .subquery()
    )
    batch = (numbered.c.n // BATCH_SIZE).label("batch")
    batches = (
        await session.execute(
            select(
                func.json_build_object(
                    "alert_id",
                    str(alert.id),
                    "notice",
                    notice,
                    "subscriptions",
                    func.json_agg(numbered.c.id),
                ).cast(Text),
                func.count(),
            ).group_by(batch)
        )
    ).all()
    await jobs.enqueue_many(session, DELIVER_JOB, [payload.encode() for payload, _ in batches])
    subscriptions = sum(int(count) for _, count in batches)
    if notice is None:
        alert.recipients = recipients
    await session.flush()
    log.info(
        "alert.fanned_out",
        alert_id=str(alert.id),
        recipients=recipients,
        subscriptions=subscriptions,
        jobs=len(batches),
    )
    return FanOut(recipients, subscriptions, len(batches))
