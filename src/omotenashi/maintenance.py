"""Housekeeping jobs of the platform itself."""

from __future__ import annotations

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.config import Settings
from omotenashi.jobs import job, periodic
from omotenashi.runtime import Platform

log = structlog.get_logger(__name__)

PURGE_JOB_LOG = "maintenance.purge_job_log"


async def purge_job_log(session: AsyncSession, retention_days: int) -> int:
    """Delete the queue's history (finished jobs, statistics) older than ``retention_days``."""
    cutoff = {"days": retention_days}
    deleted = await session.execute(
        text("DELETE FROM pgqueuer_log WHERE created < now() - make_interval(days => :days)"),
        cutoff,
    )
    await session.execute(
        text(
            "DELETE FROM pgqueuer_statistics WHERE created < now() - make_interval(days => :days)"
        ),
        cutoff,
    )
    count = int(getattr(deleted, "rowcount", 0) or 0)
    log.info("maintenance.job_log_purged", rows=count, retention_days=retention_days)
    return count


@job(PURGE_JOB_LOG)
async def purge_job_log_now(
    session: AsyncSession, payload: dict[str, object], platform: Platform
) -> None:
    days = payload.get("retention_days")
    await purge_job_log(
        session, days if isinstance(days, int) else platform.settings.job_log_retention_days
    )


@periodic(PURGE_JOB_LOG + ".daily", "15 3 * * *")
async def purge_job_log_daily(session: AsyncSession) -> None:
    await purge_job_log(session, Settings().job_log_retention_days)
