"""Test fixtures: one real PostgreSQL cluster per test session, made by the product's own
cluster manager; the schema from `alembic upgrade head`; each test in a rolled-back transaction."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import ipaddress
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from starlette.datastructures import State
from tests import scheduling
from tests.cli import cli_env, run_cli
from tests.factories import platform_keys
from tests.mailbox import Mail

from omotenashi import db
from omotenashi.app import create_app
from omotenashi.config import Settings
from omotenashi.deps import (
    get_autocommit_connection,
    get_read_session,
    get_session,
    session_source,
)
from omotenashi.mail import service as mail
from omotenashi.pgcluster import EmbeddedCluster, new_password
from omotenashi.runtime import Platform, ensure_database
from omotenashi.security.keys import PlatformKeys, load_keys

TEST_DATABASE = "omotenashi_test"

# The modules imported by now (the whole app) live as long as the worker: frozen, so that no
# collection walks them again, and collections of the young made rarer. A test makes many
# short-lived objects and few cycles: some 10 % of a worker's CPU went to the cyclic collector.
gc.collect()
gc.freeze()
gc.set_threshold(100_000, 50, 100)


def pytest_configure(config: pytest.Config) -> None:
    scheduling.start(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    scheduling.finish(config)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> scheduling.FileScheduling:
    return scheduling.FileScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    scheduling.order(items)
    scheduling.note_serial(config, items)


@pytest.fixture(scope="session")
def workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="omotenashi-tests-"))
    os.chmod(path, 0o755)  # noqa: S103 - the server runs as another user when tests are root
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def cluster(workdir: Path) -> Iterator[EmbeddedCluster]:
    with EmbeddedCluster(
        root=workdir / "postgres", password=new_password(), durable=False
    ).running() as running:
        yield running


@pytest.fixture(scope="session")
def database_url(cluster: EmbeddedCluster) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{TEST_DATABASE}_{worker}"
    asyncio.run(_recreate(cluster.url(), name))
    url = cluster.url(name)
    db.upgrade(url)
    return url


async def _recreate(admin_url: str, name: str, template: str | None = None) -> None:
    """Drop database ``name`` and make it again: empty, or a copy of database ``template``."""
    import asyncpg

    conn = await asyncpg.connect(db.plain_url(admin_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template is not None:
            await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await conn.close()
    await ensure_database(admin_url, name)


@pytest.fixture(scope="session")
def migrated(cluster: EmbeddedCluster) -> str:
    """The name of a database that every migration made, once per worker, and that nothing
    connects to afterwards: ``_recreate(..., template=migrated)`` copies it (CREATE DATABASE
    ... TEMPLATE) for a test that needs a freshly migrated database of its own, in a fraction
    of the time the whole migration chain takes."""
    name = f"{TEST_DATABASE}_migrated_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    asyncio.run(_recreate(cluster.url(), name))
    db.upgrade(cluster.url(name))
    return name


@pytest.fixture(scope="session")
def settings(workdir: Path) -> Settings:
    return Settings(data_dir=workdir / "data")


@pytest.fixture(scope="session")
def platform(settings: Settings, database_url: str) -> Platform:
    return Platform(settings=settings, database_url=database_url, keys=load_keys(settings))


@pytest.fixture(scope="session")
def keys() -> PlatformKeys:
    return platform_keys()


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = db.create_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def own_engine(cluster: EmbeddedCluster, migrated: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a freshly migrated database of this test alone, for a test that must
    commit: its rows are then counted by no other test, in whatever order a worker runs them."""
    name = f"{TEST_DATABASE}_own_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    await _recreate(cluster.url(), name, template=migrated)
    url = cluster.url(name)
    engine = db.create_engine(url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose commits are savepoints inside a transaction rolled back at the end."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
            autoflush=False,
        )
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()


class _Reused:
    """One application per worker, its overrides and state set afresh for every test.

    Building the application costs some 40 ms, and FastAPI builds each route's request handling
    the first time a request is matched against it (some 2.5 ms a route): a new application for
    every test spent about half a second of each test on that alone. Tests may change the
    application's state and overrides (they are put back after each test) or add routes (then
    the next test gets a new application)."""

    def __init__(self) -> None:
        self.platform: Platform | None = None
        self.app: FastAPI | None = None
        self.state: dict[str, object] = {}
        self.routes = 0

    def get(self, platform: Platform) -> FastAPI:
        if self.app is None or self.platform is not platform:
            self.platform, self.app = platform, create_app(platform)
            self.state = dict(self.app.state._state)
            self.routes = len(self.app.router.routes)
        return self.app

    def reset(self, app: FastAPI) -> None:
        app.dependency_overrides.clear()
        app.state = State(dict(self.state))
        app.state.metrics.requests.clear()
        app.state.metrics.latency.clear()
        if len(app.router.routes) != self.routes:
            self.app = None


_reused = _Reused()


@pytest.fixture
async def app(platform: Platform, session: AsyncSession) -> AsyncIterator[FastAPI]:
    application = _reused.get(platform)

    async def test_session() -> AsyncIterator[AsyncSession]:
        yield session
        await session.commit()

    @asynccontextmanager
    async def test_transaction() -> AsyncIterator[AsyncSession]:
        yield session
        await session.commit()

    # Every way a route reaches the database goes through the test's own transaction.
    application.dependency_overrides[get_session] = test_session
    application.dependency_overrides[get_read_session] = test_session

    async def test_connection() -> AsyncIterator[AsyncConnection]:
        yield await session.connection()

    application.dependency_overrides[get_autocommit_connection] = test_connection
    application.dependency_overrides[session_source] = lambda: test_transaction
    try:
        async with application.router.lifespan_context(application):
            yield application
    finally:
        _reused.reset(application)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    # A network address of its own: rate limits are kept outside the test's transaction, so
    # tests sharing one address would spend each other's allowance.
    address = str(ipaddress.IPv6Address("2001:db8::") + secrets.randbits(64))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(address, 123))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def sent_mail(monkeypatch: pytest.MonkeyPatch) -> list[Mail]:
    """The e-mails queued during the test, opened (the queued payload itself is sealed)."""
    sent: list[Mail] = []

    async def capture(*_: object, to: str, subject: str, body: str) -> None:
        sent.append(Mail(to, subject, body))

    monkeypatch.setattr(mail, "enqueue", capture)
    return sent


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data directory for a CLI command to start its embedded cluster in. Each command stops
    the cluster it started; should one have died first, its server is stopped here."""
    tmp_path.chmod(0o755)
    yield tmp_path / "var"
    pid_file = tmp_path / "var" / "postgres" / "data" / "postmaster.pid"
    if pid_file.is_file():
        with contextlib.suppress(ValueError, ProcessLookupError):
            os.kill(int(pid_file.read_text().split("\n")[0]), signal.SIGINT)


@pytest.fixture(scope="session")
def first_started(workdir: Path) -> Path:
    """A data directory as the first `omotenashi` command leaves it: keys generated, the embedded
    cluster initialised and migrated, and stopped. Made once per worker, by the product."""
    made = workdir / "first-started"
    upgraded = run_cli(["db", "upgrade"], cli_env(made))
    assert upgraded.returncode == 0, upgraded.stderr[-3000:]
    return made


@pytest.fixture
def started_data_dir(data_dir: Path, first_started: Path) -> Path:
    """A data directory of this test alone as the first command leaves it (a copy of
    ``first_started``, owners and modes kept), for tests of some other command: they need not
    pay initdb and the whole migration chain again. Tests of a first start take ``data_dir``."""
    subprocess.run(["cp", "-a", str(first_started), str(data_dir)], check=True)
    return data_dir
