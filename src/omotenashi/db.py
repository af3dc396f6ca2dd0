"""Database kernel: the declarative base, engines, sessions and migrations."""

from __future__ import annotations

import ast
import asyncio
import functools
import re
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import asyncpg
import orjson
import sqlalchemy as sa
import structlog
from sqlalchemy import MetaData
from sqlalchemy.dialects.postgresql import asyncpg as postgresql_asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

if TYPE_CHECKING:
    from alembic.config import Config

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MIGRATIONS = Path(__file__).parent / "migrations"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: sa.DateTime(timezone=True)}


class UUIDPrimaryKey:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())


class LiveFlag:
    """Live data (true) or a servicer's sandbox (false). Every row a sandbox can create carries
    it, and every query that scopes such rows to a caller compares it with the caller's own:
    a sandbox client sees only sandbox rows, a live one never sees them."""

    live: Mapped[bool] = mapped_column(default=True, server_default=sa.text("true"))


def text_enum(kind: type[StrEnum], name: str, length: int = 32) -> sa.Enum:
    """A column of ``kind``'s values stored as text (no PostgreSQL enum type to migrate when a
    value is added), checked by SQLAlchemy on the way in."""
    return sa.Enum(
        kind,
        name=name,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
    )


def async_url(url: str) -> str:
    """The SQLAlchemy URL with the asyncpg driver, whatever form the operator wrote."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("only PostgreSQL URLs are supported")
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def plain_url(url: str) -> str:
    """The libpq form (``postgresql://``) for asyncpg pools and psql."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


_SERVER_SETTINGS = {"application_name": "omotenashi", "timezone": "UTC"}

# The hot path's statements are few, prepared once per connection and run thousands of times a
# second. Planning resolve's deciding statement with each run's values cost PostgreSQL more than
# running it, so its connections plan each statement once, without the values; the statements
# are written so that this plan is the one the values would choose (see `resolve.service`).
HOT_PATH_SETTINGS = {"plan_cache_mode": "force_generic_plan"}


# How long a statement, a connection attempt or a wait for a pooled connection may take before
# the request fails with 503 (``OMOTENASHI_DATABASE_TIMEOUT``): a server cut off from its
# database answers at once that it cannot serve, rather than holding every client until the TCP
# retransmissions give up, and serves again by itself when the link returns.
DEFAULT_TIMEOUT = 10.0


def create_engine(
    url: str,
    *,
    pool_size: int = 10,
    autocommit: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    pre_ping: bool = False,
) -> AsyncEngine:
    """An engine keeping ``pool_size`` connections open. A request beyond that waits for one
    (up to 30 s) rather than opening another: a connection opened for a burst and closed after
    it costs PostgreSQL a new backend process each time, far more than the wait, and more
    connections than cores do not make PostgreSQL faster.

    ``autocommit``: each statement commits on its own, with no BEGIN and COMMIT around it; for
    the hot path, whose statements are planned once (:data:`HOT_PATH_SETTINGS`).

    ``timeout``: seconds a connection attempt, a statement or the wait for a pooled connection
    may take (:data:`DEFAULT_TIMEOUT`). ``pre_ping``: test a pooled connection before use (for a
    standby that may have restarted since)."""
    return create_async_engine(
        async_url(url),
        isolation_level="AUTOCOMMIT" if autocommit else "READ COMMITTED",
        pool_size=pool_size,
        max_overflow=0,
        pool_timeout=timeout,
        pool_pre_ping=pre_ping,
        connect_args={
            "server_settings": _SERVER_SETTINGS | (HOT_PATH_SETTINGS if autocommit else {}),
            "timeout": timeout,
            "command_timeout": timeout,
        },
    )


def is_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` says the database cannot be reached now (down, restarting, cut off, or
    too slow to answer), as opposed to a bug or bad data: the request gets a 503 to retry.
    A bare timeout or socket error counts only when raised inside the database driver or
    SQLAlchemy (an outside service out of reach is not the database)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(
            current,
            sa.exc.TimeoutError
            | asyncpg.InterfaceError
            | asyncpg.PostgresConnectionError
            | asyncpg.CannotConnectNowError
            | asyncpg.AdminShutdownError
            | asyncpg.CrashShutdownError
            | asyncpg.QueryCanceledError,
        ):
            return True
        if isinstance(current, sa.exc.DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, TimeoutError | OSError) and _raised_in_driver(current):
            return True
        current = getattr(current, "orig", None) or current.__cause__
    return False


_DRIVER_MODULES = ("asyncpg", "sqlalchemy")


def _raised_in_driver(exc: BaseException) -> bool:
    traceback = exc.__traceback__
    while traceback is not None:
        module = traceback.tb_frame.f_globals.get("__name__", "")
        if module.startswith(_DRIVER_MODULES):
            return True
        traceback = traceback.tb_next
    return False


# How far behind the primary a standby is, in seconds: 0 while it has replayed all it received
# and still streams (an idle primary sends nothing to replay), else the age of the last
# transaction it replayed. Not a standby at all (pointed at a primary): 0.
_STANDBY_LAG = sa.text(
    "SELECT CASE"
    " WHEN NOT pg_is_in_recovery() THEN 0"
    " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
    "  AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0"
    " ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()),"
    "  'Infinity') END::float8"
)


class Standby:
    """A streaming standby for read-heavy pages (``OMOTENASHI_READ_DATABASE_URL``), used only
    while it is at most ``max_lag`` seconds behind the primary. Its lag is measured at most once
    per ``check_every`` seconds (one statement, shared by every request in between); a standby
    that lags, is down or does not answer within a second is left aside until a later check
    finds it well again."""

    def __init__(self, url: str, *, max_lag: float, check_every: float = 1.0) -> None:
        self.engine = create_engine(url, pool_size=5, timeout=2.0, pre_ping=True)
        self.sessions = session_factory(self.engine)
        self.max_lag = max_lag
        self.check_every = check_every
        self.lag: float | None = None  # the last measure; None: unreachable
        self._fresh_until = 0.0
        self._lock = asyncio.Lock()

    async def usable(self) -> bool:
        if asyncio.get_running_loop().time() >= self._fresh_until:
            async with self._lock:
                if asyncio.get_running_loop().time() >= self._fresh_until:
                    self.lag = await self._measure()
                    self._fresh_until = asyncio.get_running_loop().time() + self.check_every
        return self.lag is not None and self.lag <= self.max_lag

    def set_aside(self) -> None:
        """A read on the standby just failed: use the primary until the next check."""
        self.lag = None
        self._fresh_until = asyncio.get_running_loop().time() + self.check_every

    async def _measure(self) -> float | None:
        try:
            async with asyncio.timeout(1.0), self.engine.connect() as connection:
                lag = float((await connection.execute(_STANDBY_LAG)).scalar_one())
        except Exception as exc:  # whatever the reason, the primary serves meanwhile
            structlog.get_logger(__name__).warning("standby.unreachable", error=type(exc).__name__)
            return None
        if lag > self.max_lag:
            structlog.get_logger(__name__).info("standby.lagging", lag_s=round(lag, 3))
        return lag

    async def dispose(self) -> None:
        await self.engine.dispose()


# Opens a session whose transaction commits when its block ends.
OpenSession = Callable[[], AbstractAsyncContextManager[AsyncSession]]


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def session_scope(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One transaction per entry point: commit when the block ends normally (``return``
    included), roll back on any error."""
    async with factory() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


def alembic_config(url: str) -> Config:
    # Alembic is imported only to migrate or to read the revisions: a command against a
    # database it does not migrate (a deployment's, given by URL) need not load it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", async_url(url).replace("%", "%%"))
    config.set_main_option(
        "file_template",
        "%%(year)d-%%(month).2d-%%(day).2d-%%(hour).2d%%(minute).2d_%%(slug)s",
    )
    config.set_main_option("timezone", "UTC")
    return config


@functools.cache
def head_revision() -> str | None:
    """The newest revision of the migrations this code carries (read from their files once).

    Every command and server start asks it, and importing alembic to read it took longer than
    most commands' own work (half a second, then every migration module loaded). So the files'
    ``revision`` and ``down_revision`` are read as plain text when they form one chain, as
    ours do; anything else (branches, merges) is left to alembic's ScriptDirectory, which
    tests/test_migrations.py checks this against."""
    links: dict[str, tuple[str, ...]] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found["down_revision"])
        except (KeyError, ValueError, SyntaxError):
            return _alembic_head()
        links[revision] = (down,) if isinstance(down, str) else tuple(down or ())
    heads = set(links) - {down for downs in links.values() for down in downs}
    if len(heads) != 1 or any(len(downs) > 1 for downs in links.values()):
        return _alembic_head()
    return heads.pop()


# A migration file's own ``revision = "..."`` and ``down_revision = ...`` lines (typed or not).
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)


def _alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("postgresql://unused@localhost/unused"))
    return script.get_current_head()


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate to ``revision``. Runs its own event loop: call from sync code or a thread."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)
    structlog.get_logger(__name__).info("db.migrated", revision=revision)


async def upgrade_async(url: str, revision: str = "head") -> None:
    """Migrate to ``revision``. A database already at the newest revision, as it is on every
    start but the first after a release, is only asked which revision it is at: alembic's
    environment (every model, an engine of its own, the migration lock) is not set up for it."""
    if revision == "head":
        engine = create_engine(url, pool_size=1)
        try:
            current = await current_revision(engine)
        finally:
            await engine.dispose()
        if current is not None and current == head_revision():
            return
    await asyncio.to_thread(upgrade, url, revision)


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at (None before the first migration), read from alembic's
    version table without importing alembic (see :func:`head_revision`)."""
    async with engine.connect() as conn:
        if await conn.scalar(sa.text("SELECT to_regclass('alembic_version')")) is None:
            return None
        versions = (await conn.scalars(sa.text("SELECT version_num FROM alembic_version"))).all()
    if len(versions) > 1:  # as alembic's get_current_revision: one head expected
        raise RuntimeError(f"The database is at several revisions: {', '.join(versions)}.")
    return str(versions[0]) if versions else None


def execute_script(connection: sa.Connection, sql: str) -> None:
    """Run a multi-statement SQL script inside a migration's transaction.

    asyncpg prepares single statements; a script (with functions and triggers) needs its
    simple-query path, reached through the raw driver connection of the same transaction.
    """
    from sqlalchemy.util import await_only

    driver_connection = connection.connection.driver_connection
    assert driver_connection is not None
    await_only(driver_connection.execute(sql))


# The hot path (``POST /v1/resolve``) runs its Core statements on a raw asyncpg pool, without
# SQLAlchemy's connection, result and type layers (DESIGN §4): each statement is compiled once
# per process for asyncpg, and asyncpg prepares it once per connection.
_RAW_DIALECT = postgresql_asyncpg.dialect(paramstyle="numeric_dollar")  # type: ignore[no-untyped-call]
_RAW_COMPILED: dict[int, tuple[sa.Executable, str, tuple[str, ...], dict[str, Any]]] = {}


def _raw_compiled(statement: sa.Executable) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    found = _RAW_COMPILED.get(id(statement))
    if found is None or found[0] is not statement:
        compiled = statement.compile(dialect=_RAW_DIALECT)  # type: ignore[attr-defined]
        names = tuple(compiled.positiontup or ())
        defaults = {name: bind.value for name, bind in compiled.binds.items()}
        found = (statement, str(compiled), names, defaults)
        _RAW_COMPILED[id(statement)] = found
    return found[1], found[2], found[3]


# What runs a Core statement: a session (in its transaction) or, on the hot path, a connection.
Executor = AsyncSession | AsyncConnection


class RawRow:
    """A row of a raw statement, its columns read as attributes like a SQLAlchemy row's."""

    __slots__ = ("_record",)

    def __init__(self, record: Any) -> None:
        self._record = record

    def __getattr__(self, name: str) -> Any:
        try:
            return self._record[name]
        except KeyError:
            raise AttributeError(name) from None


class RawResult:
    def __init__(self, records: list[Any]) -> None:
        self._records = records

    def one(self) -> RawRow:
        if len(self._records) != 1:
            raise sa.exc.NoResultFound() if not self._records else sa.exc.MultipleResultsFound()
        return RawRow(self._records[0])

    def one_or_none(self) -> RawRow | None:
        if len(self._records) > 1:
            raise sa.exc.MultipleResultsFound()
        return RawRow(self._records[0]) if self._records else None


class RawConnection:
    """An asyncpg connection that runs the hot path's Core statements (in autocommit: each
    statement commits on its own). Parameters are passed as given: plain values (str, uuid,
    bytes, datetime, lists), which is all the hot path binds."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    async def execute(self, statement: sa.Executable, params: dict[str, Any]) -> RawResult:
        sql, names, defaults = _raw_compiled(statement)
        values = [params[name] if name in params else defaults[name] for name in names]
        return RawResult(await self.connection.fetch(sql, *values))


# What runs the hot path's statements: any :data:`Executor`, or a raw asyncpg connection.
HotExecutor = AsyncSession | AsyncConnection | RawConnection


async def _raw_connection_setup(connection: Any) -> None:
    for kind in ("json", "jsonb"):
        await connection.set_type_codec(
            kind, encoder=orjson_text, decoder=orjson.loads, schema="pg_catalog"
        )


def orjson_text(value: Any) -> str:
    return orjson.dumps(value).decode()


async def _raw_connection_reset(connection: Any) -> None:
    """Before a connection goes back to the pool. asyncpg's default sends a reset query (unlock
    advisory locks, close cursors, unlisten, reset settings) on every release: a round trip and
    a statement per resolve for state the hot path never makes. Only a transaction left open (a
    statement cancelled midway) is ended."""
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


async def create_raw_pool(
    url: str, *, size: int = 10, statement_timeout: float = DEFAULT_TIMEOUT
) -> Any:
    """The hot path's pool: up to ``size`` asyncpg connections in autocommit, planned as
    :data:`HOT_PATH_SETTINGS` says. Connections open on first use, so a server starts (and
    answers ``/healthz``, and 503 on ``/readyz``) while its database is unreachable, and
    recovers by itself when it returns."""
    return await asyncpg.create_pool(
        plain_url(url),
        min_size=0,
        max_size=size,
        init=_raw_connection_setup,
        reset=_raw_connection_reset,
        server_settings=_SERVER_SETTINGS | HOT_PATH_SETTINGS,
        timeout=statement_timeout,
        command_timeout=statement_timeout,
    )
