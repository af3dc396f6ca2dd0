"""Background jobs on PostgreSQL (PgQueuer).

Jobs are enqueued through the caller's SQLAlchemy session, so they live or die with the
transaction that caused them: a rollback drops them, a commit guarantees them. Domains register
their job handlers and schedules here with :func:`job` and :func:`periodic`.
"""

from __future__ import annotations

import asyncio
import importlib
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import asyncpg
import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from omotenashi.db import session_scope

# PgQueuer is imported where it is used: most processes never enqueue or run a job (a CLI
# command, or alembic loading the migration that installs the queue), and importing it takes
# longer than some of those commands' own work.
if TYPE_CHECKING:
    from pgqueuer import PgQueuer
    from pgqueuer.models import Job, Schedule

    from omotenashi.runtime import Platform

log = structlog.get_logger(__name__)

# Modules whose import registers jobs; each domain with a tasks module adds it here.
TASK_MODULES = (
    "omotenashi.maintenance",
    "omotenashi.privacy.tasks",
    "omotenashi.consent.tasks",
    "omotenashi.auth.tasks",
    "omotenashi.carriers.tasks",
    "omotenashi.mail.tasks",
    "omotenashi.statistics.tasks",
    "omotenashi.alerts.tasks",
    "omotenashi.payments.tasks",
    "omotenashi.conversation.tasks",
    "omotenashi.webhooks.tasks",
    "omotenashi.partners.tasks",
    "omotenashi.taxfree.tasks",
)

JobHandler = Callable[[AsyncSession, dict[str, Any], "Platform"], Awaitable[None]]
PeriodicHandler = Callable[[AsyncSession], Awaitable[None]]


@dataclass(frozen=True)
class _Registered:
    handler: JobHandler


@dataclass(frozen=True)
class _Periodic:
    cron: str
    handler: PeriodicHandler


_JOBS: dict[str, _Registered] = {}
_PERIODIC: dict[str, _Periodic] = {}


def job(name: str) -> Callable[[JobHandler], JobHandler]:
    """Register a job handler ``(session, payload, platform)``. It runs in its own transaction,
    committed when it returns; ``platform`` gives it the settings and keys."""

    def register(handler: JobHandler) -> JobHandler:
        _JOBS[name] = _Registered(handler)
        return handler

    return register


def periodic(name: str, cron: str) -> Callable[[PeriodicHandler], PeriodicHandler]:
    """Register a handler run on a cron schedule, once across all workers."""

    def register(handler: PeriodicHandler) -> PeriodicHandler:
        _PERIODIC[name] = _Periodic(cron, handler)
        return handler

    return register


def load_task_modules() -> None:
    for module in TASK_MODULES:
        importlib.import_module(module)


def registered_jobs() -> frozenset[str]:
    load_task_modules()
    return frozenset(_JOBS)


class _SessionDriver:
    """PgQueuer's driver protocol over a SQLAlchemy session's current transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.shutdown = asyncio.Event()

    async def fetch(self, query: str, *args: object) -> list[dict[str, object]]:
        connection = await self._session.connection()
        result = await connection.exec_driver_sql(query, args)
        return [dict(row) for row in result.mappings()]

    async def execute(self, query: str, *args: object) -> str:
        connection = await self._session.connection()
        await connection.exec_driver_sql(query, args)
        return ""

    async def notify(self, channel: str, payload: str) -> None:
        await self.execute("SELECT pg_notify($1, $2)", channel, payload)

    async def add_listener(self, channel: str, callback: object) -> None:
        raise NotImplementedError("listening needs a dedicated connection")


async def enqueue(
    session: AsyncSession,
    name: str,
    payload: dict[str, Any] | None = None,
    *,
    delay: timedelta | None = None,
    dedupe_key: str | None = None,
) -> int:
    """Enqueue job ``name`` in the session's transaction. Payloads hold ids, never personal data."""
    if name not in registered_jobs():
        raise LookupError(f"no job registered as {name!r}")
    from pgqueuer import Queries

    body = json.dumps(payload or {}, separators=(",", ":")).encode()
    ids = await Queries(_SessionDriver(session)).enqueue(  # type: ignore[arg-type]
        name, body, execute_after=delay, dedupe_key=dedupe_key
    )
    log.info("job.enqueued", job=name, job_id=int(ids[0]))
    return int(ids[0])


async def enqueue_many(
    session: AsyncSession,
    name: str,
    payloads: Sequence[dict[str, Any] | bytes],
    *,
    delay: timedelta | None = None,
) -> int:
    """Enqueue one job ``name`` per payload in a single statement (a fan-out's batches).
    A payload given as bytes is already JSON. Returns how many were enqueued."""
    if name not in registered_jobs():
        raise LookupError(f"no job registered as {name!r}")
    if not payloads:
        return 0
    bodies: list[bytes | None] = [
        payload
        if isinstance(payload, bytes)
        else json.dumps(payload, separators=(",", ":")).encode()
        for payload in payloads
    ]
    count = len(bodies)
    from pgqueuer import Queries

    await Queries(_SessionDriver(session)).enqueue(  # type: ignore[arg-type]
        [name] * count, bodies, [0] * count, [delay] * count, [None] * count
    )
    log.info("job.enqueued_many", job=name, jobs=count)
    return count


def install_sql() -> str:
    """The queue's schema, for the migration that installs it."""
    from pgqueuer.adapters.persistence.qb import QueryBuilderEnvironment

    sql: str = QueryBuilderEnvironment().build_install_query()
    return sql


async def pending(session: AsyncSession, name: str | None = None) -> int:
    """How many jobs wait in the queue (all, or of one name)."""
    if name is None:
        result = await session.execute(text("SELECT count(*) FROM pgqueuer"))
    else:
        result = await session.execute(
            text("SELECT count(*) FROM pgqueuer WHERE entrypoint = :name"), {"name": name}
        )
    return int(result.scalar_one())


def build_worker(
    pool: asyncpg.Pool, sessions: async_sessionmaker[AsyncSession], platform: Platform
) -> PgQueuer:
    """A PgQueuer worker over ``pool`` that runs every registered job and schedule."""
    from pgqueuer import PgQueuer

    load_task_modules()
    queue = PgQueuer.from_asyncpg_pool(pool)

    for name, registered in _JOBS.items():

        async def run_job(
            job: Job, _handler: JobHandler = registered.handler, _name: str = name
        ) -> None:
            payload = json.loads(job.payload) if job.payload else {}
            structlog.contextvars.bind_contextvars(job=_name, job_id=int(job.id))
            try:
                async with session_scope(sessions) as session:
                    await _handler(session, payload, platform)
                log.info("job.done")
            except Exception:
                log.exception("job.failed")
                raise
            finally:
                structlog.contextvars.unbind_contextvars("job", "job_id")

        queue.entrypoint(name)(run_job)

    for name, scheduled in _PERIODIC.items():

        async def run_periodic(
            schedule: Schedule, _handler: PeriodicHandler = scheduled.handler, _name: str = name
        ) -> None:
            structlog.contextvars.bind_contextvars(schedule=_name)
            try:
                async with session_scope(sessions) as session:
                    await _handler(session)
                log.info("schedule.done")
            except Exception:
                log.exception("schedule.failed")
                raise
            finally:
                structlog.contextvars.unbind_contextvars("schedule")

        queue.schedule(name, scheduled.cron)(run_periodic)

    return queue


async def drain(
    pool: asyncpg.Pool, sessions: async_sessionmaker[AsyncSession], platform: Platform
) -> None:
    """Run every job waiting now, then return (tests, `omotenashi worker --drain`)."""
    from pgqueuer.types import QueueExecutionMode

    worker = build_worker(pool, sessions, platform)
    await worker.qm.run(mode=QueueExecutionMode.drain, dequeue_timeout=timedelta(seconds=1))
