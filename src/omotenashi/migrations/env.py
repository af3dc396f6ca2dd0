"""Alembic environment: async engine, timeouts, and one migrator at a time."""

import asyncio

from alembic import context
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from omotenashi.models import metadata

# Any 64-bit constant; every process that migrates takes the same lock.
MIGRATION_LOCK = 0x6F6D6F74656E6173  # "omotenas"
EXTERNAL_TABLE_PREFIXES = ("pgqueuer",)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave alone the tables that the job-queue library owns (installed by our migration)."""
    if type_ == "table" and name is not None:
        return not name.startswith(EXTERNAL_TABLE_PREFIXES)
    return True


def configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_name=include_name,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=False,
    )


def run_migrations(connection: Connection) -> None:
    configure(connection)
    with context.begin_transaction():
        # Held until commit, so a second start waits and then finds the schema at head.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        connection.execute(text("SET LOCAL lock_timeout = '10s'"))
        connection.execute(text("SET LOCAL statement_timeout = '10min'"))
        context.run_migrations()


async def run_online() -> None:
    engine = create_async_engine(
        context.config.get_main_option("sqlalchemy.url", ""), poolclass=pool.NullPool
    )
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_migrations)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_online())
