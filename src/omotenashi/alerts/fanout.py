"""Who is told of an alert: the targeted visitors, and the fan-out of its delivery to their push
subscriptions, in delivery jobs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy import ColumnElement, Text, and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import jobs
from omotenashi.alerts.models import (
    AlertState,
    AlertTarget,
    FanOutProgress,
    PushSubscription,
    StoredAlert,
)
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
    """Where a fan-out stands after one slice: subscriptions and delivery jobs enqueued so far,
    and, once ``finished``, the visitors the alert reached."""

    recipients: int
    subscriptions: int
    jobs: int
    finished: bool = True


CANCELLED_NOTICE = "cancelled"
ALERT_NOTICE = "alert"
"""The progress row of the alert's own fan-out (a withdrawal's is ``CANCELLED_NOTICE``)."""

FIRST_SLICE = 5_000
LAST_SLICE = 250_000
"""Push subscriptions looked at per fan-out transaction: the first slice is small, so it commits
and its pushes can leave at once, not after every visitor of a nationwide alert was queued (5 s
at a million); each next slice, a job of its own, is as large as all before it (up to
``LAST_SLICE``), so a million subscriptions take about ten transactions, not hundreds."""

STALLED_AFTER = timedelta(minutes=1)
"""A fan-out unfinished and untouched this long lost its job (a worker crashed, or the job
failed): the schedule enqueues it again, and it goes on from where it was."""


async def start(session: AsyncSession, alert_id: uuid.UUID, *, notice: str | None = None) -> None:
    """Record that ``alert_id`` (or its withdrawal) is to be fanned out and enqueue the first
    slice, in the caller's transaction."""
    now = datetime.now(UTC)
    await session.execute(
        insert(FanOutProgress)
        .values(
            alert_id=alert_id,
            notice=notice or ALERT_NOTICE,
            subscriptions=0,
            jobs=0,
            scanned=0,
            started_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing()
    )
    await jobs.enqueue(session, FAN_OUT_JOB, _payload(alert_id, notice))


def _payload(alert_id: uuid.UUID, notice: str | None) -> dict[str, str]:
    payload = {"alert_id": str(alert_id)}
    if notice is not None:
        payload["notice"] = notice
    return payload


async def began(session: AsyncSession, alert_id: uuid.UUID) -> bool:
    """Whether the alert's fan-out has enqueued any delivery (so its withdrawal must follow)."""
    found = await session.scalar(
        select(FanOutProgress.subscriptions).where(
            FanOutProgress.alert_id == alert_id, FanOutProgress.notice == ALERT_NOTICE
        )
    )
    return bool(found)


async def _progress(
    session: AsyncSession, alert_id: uuid.UUID, notice: str | None
) -> FanOutProgress:
    """The fan-out's progress row, locked until the caller's transaction ends: two runs of the
    same fan-out (a retried job beside its continuation) take slices one after the other."""
    now = datetime.now(UTC)
    await session.execute(
        insert(FanOutProgress)
        .values(
            alert_id=alert_id,
            notice=notice or ALERT_NOTICE,
            subscriptions=0,
            jobs=0,
            scanned=0,
            started_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing()
    )
    progress = await session.scalar(
        select(FanOutProgress)
        .where(
            FanOutProgress.alert_id == alert_id, FanOutProgress.notice == (notice or ALERT_NOTICE)
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert progress is not None
    return progress


async def fan_out(
    session: AsyncSession,
    alert_id: uuid.UUID,
    *,
    notice: str | None = None,
    slice_size: int | None = None,
) -> FanOut:
    """Enqueue the delivery of ``alert_id`` to the next slice of push subscriptions (in id order)
    of the visitors it reaches, ``BATCH_SIZE`` to a job, and the fan-out of the slice after it.
    The messages were rendered when it was issued. With ``notice`` "cancelled", what is
    delivered is that the alert was withdrawn.

    Exactly once per subscription: the slice's delivery jobs, the next slice's job and the
    progress past the slice commit together, under a lock on the progress row; a run after a
    crash (or a duplicate run) finds the progress where the last commit left it."""
    progress = await _progress(session, alert_id, notice)
    alert = await get(session, alert_id)
    expected = AlertState.cancelled if notice == CANCELLED_NOTICE else AlertState.issued
    if progress.finished_at is not None or alert.state is not expected:
        # Done already, or the alert was replaced or withdrawn meanwhile: nothing more to send.
        if progress.finished_at is None:
            progress.finished_at = progress.updated_at = datetime.now(UTC)
            await session.flush()
        return FanOut(alert.recipients, progress.subscriptions, progress.jobs)
    in_slice: list[ColumnElement[bool]] = []
    if progress.after_subscription_id is not None:
        in_slice.append(PushSubscription.id > progress.after_subscription_id)
    size = slice_size or min(LAST_SLICE, max(FIRST_SLICE, progress.scanned))
    last = await session.scalar(
        select(PushSubscription.id)
        .where(*in_slice)
        .order_by(PushSubscription.id)
        .offset(max(1, size) - 1)
        .limit(1)
    )
    if last is not None:
        in_slice.append(PushSubscription.id <= last)
    reached = select(AlertTarget.reach_visitor_id).where(targeted(alert, progress.started_at))
    numbered = (
        select(
            PushSubscription.id,
            (func.row_number().over(order_by=PushSubscription.id) - 1).label("n"),
        )
        .where(*in_slice, PushSubscription.visitor_id.in_(reached))
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
    now = datetime.now(UTC)
    progress.subscriptions += sum(int(count) for _, count in batches)
    progress.jobs += len(batches)
    progress.scanned += size
    progress.updated_at = now
    if last is not None:
        progress.after_subscription_id = last
        await jobs.enqueue(session, FAN_OUT_JOB, _payload(alert.id, notice))
    else:
        progress.finished_at = now
        if notice is None:
            reached_visitors = reached.distinct().subquery()
            alert.recipients = int(
                await session.scalar(select(func.count()).select_from(reached_visitors)) or 0
            )
    await session.flush()
    log.info(
        "alert.fanned_out",
        alert_id=str(alert.id),
        subscriptions=progress.subscriptions,
        jobs=progress.jobs,
        finished=last is None,
    )
    return FanOut(alert.recipients, progress.subscriptions, progress.jobs, finished=last is None)


async def resume_stalled(session: AsyncSession, now: datetime | None = None) -> int:
    """Enqueue again every fan-out that stalled (``STALLED_AFTER``); how many."""
    now = now or datetime.now(UTC)
    stalled = (
        await session.execute(
            select(FanOutProgress.alert_id, FanOutProgress.notice).where(
                FanOutProgress.finished_at.is_(None),
                FanOutProgress.updated_at < now - STALLED_AFTER,
            )
        )
    ).all()
    for alert_id, notice in stalled:
        await jobs.enqueue(
            session, FAN_OUT_JOB, _payload(alert_id, None if notice == ALERT_NOTICE else notice)
        )
    if stalled:
        log.warning("alert.fan_outs_resumed", count=len(stalled))
    return len(stalled)
