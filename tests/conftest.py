"""Test fixtures: one real PostgreSQL cluster per test session, made by the product's own
cluster manager; the schema from `alembic upgrade head`; each test in a rolled-back transaction."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import secrets
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """How pytest-xdist (on by default: see pyproject) shares the tests among its workers.

    A file's tests stay together on one worker (its module fixtures are made once), except
    those marked ``serial``, which all go to one worker, one after another: they time things or
    kill processes and must not run beside each other (``make unit`` runs them on their own,
    after the rest). Files marked ``slow(minutes)`` are handed out first, longest first, so
    that no worker starts a five-minute file when the others are nearly done."""
    for item in items:
        if "e2e" in item.path.parts and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow(1))  # a journey drives a browser against a server
        group = "serial" if item.get_closest_marker("serial") else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=_minutes, reverse=True)


def _minutes(item: pytest.Item) -> float:
    slow = item.get_closest_marker("slow")
    return 0 if slow is None else float(slow.args[0]) if slow.args else 1


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


async def _recreate(admin_url: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(db.plain_url(admin_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
    await ensure_database(admin_url, name)


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
async def own_engine(cluster: EmbeddedCluster) -> AsyncIterator[AsyncEngine]:
    """An engine on a freshly migrated database of this test alone, for a test that must
    commit: its rows are then counted by no other test, in whatever order a worker runs them."""
    name = f"{TEST_DATABASE}_own_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    await _recreate(cluster.url(), name)
    url = cluster.url(name)
    await asyncio.to_thread(db.upgrade, url)
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


@pytest.fixture
async def app(platform: Platform, session: AsyncSession) -> AsyncIterator[FastAPI]:
    application = create_app(platform)

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
    async with application.router.lifespan_context(application):
        yield application


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
