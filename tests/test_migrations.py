from __future__ import annotations

import asyncio
import os
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from tests.conftest import TEST_DATABASE, _recreate

from omotenashi import db
from omotenashi.models import metadata
from omotenashi.pgcluster import EmbeddedCluster


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection,
        opts={
            "include_name": lambda name, type_, parents: (
                not (type_ == "table" and name is not None and name.startswith("pgqueuer"))
            ),
            "compare_type": True,
            "compare_server_default": True,
        },
    )
    return list(compare_metadata(context, metadata))


async def test_models_and_migrations_do_not_drift(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        differences = await conn.run_sync(_diff)
    assert differences == []


async def test_database_is_at_the_newest_migration(engine: AsyncEngine) -> None:
    assert await db.current_revision(engine) == db.head_revision()


def test_the_head_is_read_from_the_files_as_alembic_reads_it() -> None:
    assert db.head_revision() == db._alembic_head()


async def test_the_revision_is_read_as_alembic_reads_it(
    engine: AsyncEngine, cluster: EmbeddedCluster
) -> None:
    async with engine.connect() as conn:
        expected = await conn.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )
    assert await db.current_revision(engine) == expected
    empty = f"{TEST_DATABASE}_unmigrated_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    await _recreate(cluster.url(), empty)
    unmigrated = db.create_engine(cluster.url(empty), pool_size=1)
    try:
        assert await db.current_revision(unmigrated) is None  # as alembic: no version table
    finally:
        await unmigrated.dispose()


async def test_concurrent_upgrades_from_separate_processes_all_succeed(
    database_url: str, engine: AsyncEngine
) -> None:
    """Two servers starting at once: the advisory lock makes the second wait, not fail."""
    script = "import sys; from omotenashi import db; db.upgrade(sys.argv[1])"
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            script,
            database_url,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = await asyncio.gather(*(p.communicate() for p in processes))
    assert [p.returncode for p in processes] == [0, 0, 0], results
    assert await db.current_revision(engine) == db.head_revision()


def test_migration_files_are_date_prefixed() -> None:
    names = [p.name for p in (db.MIGRATIONS / "versions").glob("*.py")]
    assert names
    assert all(name[:4].isdigit() and name[4] == "-" and name[10] == "-" for name in names)
