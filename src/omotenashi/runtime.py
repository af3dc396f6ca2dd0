"""Bringing the platform up for an entry point: database (embedded or given), keys, schema."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import structlog

from omotenashi import db, erasures
from omotenashi.config import Settings
from omotenashi.pgcluster import ClusterError, EmbeddedCluster
from omotenashi.security.keys import PlatformKeys, load_keys

log = structlog.get_logger(__name__)

DATABASE = "omotenashi"


class StartupError(Exception):
    """The platform cannot start; the message is one sentence saying what to fix."""


@dataclass(frozen=True)
class Platform:
    settings: Settings
    database_url: str
    keys: PlatformKeys


async def ensure_database(admin_url: str, name: str) -> None:
    """Create database ``name`` on the server at ``admin_url`` unless it exists."""
    conn = await asyncpg.connect(db.plain_url(admin_url))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{name}"')
            log.info("db.created", database=name)
    finally:
        await conn.close()


async def check_connection(url: str) -> None:
    """Connect once, translating every failure into a sentence a person can act on."""
    try:
        conn = await asyncio.wait_for(asyncpg.connect(db.plain_url(url)), timeout=10)
    except (asyncpg.InvalidPasswordError, asyncpg.InvalidAuthorizationSpecificationError) as exc:
        raise StartupError(
            "PostgreSQL refused the user or password in OMOTENASHI_DATABASE_URL; correct them."
        ) from exc
    except asyncpg.InvalidCatalogNameError as exc:
        raise StartupError(
            "The database named in OMOTENASHI_DATABASE_URL does not exist; create it "
            "(createdb) or correct the URL."
        ) from exc
    except (OSError, TimeoutError) as exc:
        raise StartupError(
            "Cannot reach PostgreSQL at the host and port in OMOTENASHI_DATABASE_URL; "
            "check that the server runs and the URL is right."
        ) from exc
    except (asyncpg.PostgresError, ValueError) as exc:
        raise StartupError(
            f"PostgreSQL at OMOTENASHI_DATABASE_URL cannot be used ({type(exc).__name__}); "
            "check the URL."
        ) from exc
    else:
        await conn.close()


def _validated_url(settings: Settings) -> str:
    assert settings.database_url is not None
    raw = settings.database_url.get_secret_value()
    try:
        return db.async_url(raw)
    except Exception as exc:
        raise StartupError(
            "OMOTENASHI_DATABASE_URL is not a PostgreSQL URL; write it as "
            "postgresql://user:password@host:5432/database."
        ) from exc


@contextlib.asynccontextmanager
async def platform(settings: Settings, *, migrate: bool = True) -> AsyncIterator[Platform]:
    """The database and keys for one run; an embedded cluster is stopped when the run ends."""
    try:
        keys = load_keys(settings)
    except Exception as exc:
        raise StartupError(str(exc)) from exc
    url = None if settings.embedded else _validated_url(settings)
    # Every domain's tables registered, whichever services the run imports: a foreign key or
    # relationship naming another domain's table must find it (migrations used to load them).
    # (After the checks above: a second of imports a mistyped setting need not wait for.)
    import omotenashi.models  # noqa: F401

    erasures.configure(settings.erasure_journal_path)
    if url is not None:
        await check_connection(url)
        yield Platform(settings, url, keys)
        return

    assert keys.database_password is not None
    cluster = EmbeddedCluster(
        root=settings.data_path / "postgres",
        password=keys.database_password,
        bin_dir=settings.pg_bin_dir,
        port=settings.pg_port or None,
    )
    try:
        await asyncio.to_thread(cluster.start)
    except ClusterError as exc:
        raise StartupError(str(exc)) from exc
    try:
        await ensure_database(cluster.url(), DATABASE)
        url = cluster.url(DATABASE)
        if migrate:
            await db.upgrade_async(url)
        yield Platform(settings, url, keys)
    finally:
        await asyncio.to_thread(cluster.stop)
