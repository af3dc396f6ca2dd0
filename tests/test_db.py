from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from omotenashi import db

INSERT = (
    "INSERT INTO pgqueuer_log (job_id, status, priority, entrypoint) "
    "VALUES (:job, 'successful', 0, 'test.session_scope')"
)


async def _exists(engine: AsyncEngine, job: int) -> bool:
    async with engine.connect() as conn:
        found = await conn.scalar(
            text("SELECT count(*) FROM pgqueuer_log WHERE job_id = :job"), {"job": job}
        )
    return bool(found)


async def _write_and_return(engine: AsyncEngine, job: int) -> str:
    async with db.session_scope(db.session_factory(engine)) as session:
        await session.execute(text(INSERT), {"job": job})
        return "returned from inside the block"


async def test_returning_from_inside_the_scope_commits(engine: AsyncEngine) -> None:
    await _write_and_return(engine, 7700001)
    try:
        assert await _exists(engine, 7700001)
    finally:
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM pgqueuer_log WHERE job_id = 7700001"))


async def _write_and_fail(engine: AsyncEngine, job: int) -> None:
    async with db.session_scope(db.session_factory(engine)) as session:
        await session.execute(text(INSERT), {"job": job})
        raise RuntimeError("the handler failed")


async def test_an_error_inside_the_scope_rolls_everything_back(engine: AsyncEngine) -> None:
    with pytest.raises(RuntimeError):
        await _write_and_fail(engine, 7700002)
    assert not await _exists(engine, 7700002)


async def test_a_database_out_of_reach_is_unavailable_and_a_bug_is_not() -> None:
    """What becomes a 503 to retry (the database down or too slow) and what stays a 500."""
    from omotenashi.pgcluster import free_port

    nowhere = db.create_engine(f"postgresql://u:p@127.0.0.1:{free_port()}/none", timeout=2)
    try:
        with pytest.raises(ConnectionRefusedError) as refused:
            async with nowhere.connect() as conn:
                await conn.execute(text("SELECT 1"))
    finally:
        await nowhere.dispose()
    assert db.is_unavailable(refused.value)
    # The same kinds raised by our own code (an outside service, a file) are not the database.
    assert not db.is_unavailable(ConnectionRefusedError("a translation service"))
    assert not db.is_unavailable(TimeoutError())
    assert not db.is_unavailable(ValueError("a bug"))


async def test_a_slow_statement_is_cut_at_the_timeout_and_is_unavailable(
    database_url: str,
) -> None:
    engine = db.create_engine(database_url, pool_size=1, timeout=0.5)
    try:
        with pytest.raises(TimeoutError) as slow:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT pg_sleep(5)"))
    finally:
        await engine.dispose()
    assert db.is_unavailable(slow.value)
