from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from omotenashi import db, jobs
from omotenashi.maintenance import PURGE_JOB_LOG, purge_job_log
from omotenashi.runtime import Platform


async def test_rolled_back_transaction_enqueues_nothing(engine: AsyncEngine) -> None:
    sessions = db.session_factory(engine)
    async with sessions() as session:
        before = await jobs.pending(session, PURGE_JOB_LOG)
    async with sessions() as session:
        await jobs.enqueue(session, PURGE_JOB_LOG, {"retention_days": 30})
        assert await jobs.pending(session, PURGE_JOB_LOG) == before + 1
        await session.rollback()
    async with sessions() as session:
        assert await jobs.pending(session, PURGE_JOB_LOG) == before


async def test_committed_job_runs_in_the_worker(
    engine: AsyncEngine, database_url: str, platform: Platform
) -> None:
    sessions = db.session_factory(engine)
    async with sessions() as session:
        await session.execute(
            text(
                "INSERT INTO pgqueuer_log (created, job_id, status, priority, entrypoint) "
                "VALUES (now() - interval '40 days', 424242, 'successful', 0, 'old.job'), "
                "       (now(), 424243, 'successful', 0, 'recent.job')"
            )
        )
        await jobs.enqueue(session, PURGE_JOB_LOG, {"retention_days": 30})
        await session.commit()

    pool = await asyncpg.create_pool(db.plain_url(database_url), min_size=1, max_size=3)
    try:
        await jobs.drain(pool, sessions, platform)
    finally:
        await pool.close()

    async with sessions() as session:
        remaining = (
            (
                await session.execute(
                    text("SELECT entrypoint FROM pgqueuer_log WHERE job_id IN (424242, 424243)")
                )
            )
            .scalars()
            .all()
        )
        assert remaining == ["recent.job"]
        assert await jobs.pending(session, PURGE_JOB_LOG) == 0
        await session.execute(text("DELETE FROM pgqueuer_log WHERE job_id = 424243"))
        await session.commit()


async def test_purge_keeps_history_inside_the_retention(session: AsyncSession) -> None:
    await session.execute(
        text(
            "INSERT INTO pgqueuer_log (created, job_id, status, priority, entrypoint) VALUES "
            "(now() - interval '3 days', 9000001, 'successful', 0, 'a'), "
            "(now() - interval '20 days', 9000002, 'exception', 0, 'b')"
        )
    )
    assert await purge_job_log(session, retention_days=14) >= 1
    kept = (
        (
            await session.execute(
                text("SELECT job_id FROM pgqueuer_log WHERE job_id IN (9000001, 9000002)")
            )
        )
        .scalars()
        .all()
    )
    assert kept == [9000001]


async def test_unknown_job_name_is_refused(session: AsyncSession) -> None:
    with pytest.raises(LookupError):
        await jobs.enqueue(session, "no.such.job")
