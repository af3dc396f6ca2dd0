"""A primary PostgreSQL and its streaming standby, made with the product's own cluster manager
(``pgcluster``: ``initdb``, then ``pg_basebackup`` for the standby)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from omotenashi import db
from omotenashi.pgcluster import EmbeddedCluster, free_port, new_password
from omotenashi.runtime import ensure_database

DATABASE = "omotenashi"


@dataclass
class Replicated:
    primary: EmbeddedCluster
    standby: EmbeddedCluster

    @property
    def url(self) -> str:
        return self.primary.url(DATABASE)

    @property
    def read_url(self) -> str:
        return self.standby.url(DATABASE)

    def stop(self) -> None:
        self.standby.stop()
        self.primary.stop()


def start_primary(root: Path, *, listen: str = "127.0.0.1", hba: str = "") -> EmbeddedCluster:
    """A migrated primary with database ``omotenashi``. ``listen``/``hba``: the addresses it
    listens on and the network it may be reached from, besides 127.0.0.1."""
    primary = EmbeddedCluster(root=root / "primary", password=new_password(), durable=True)
    primary.initialise()
    if listen != "127.0.0.1" or hba:
        with (primary.pgdata / "postgresql.conf").open("a") as conf:
            conf.write(f"listen_addresses = '{listen}'\n")
        with (primary.pgdata / "pg_hba.conf").open("a") as rules:
            rules.write(f"host all all {hba} scram-sha-256\n")
    primary.start()
    asyncio.run(ensure_database(primary.url(), DATABASE))
    db.upgrade(primary.url(DATABASE))
    return primary


def standby_of(primary: EmbeddedCluster, root: Path) -> EmbeddedCluster:
    """A standby to be made of ``primary`` (:func:`start_standby`), its port chosen now."""
    return EmbeddedCluster(
        root=root / "standby", password=primary.password, durable=True, port=free_port()
    )


def start_standby(replicated: Replicated) -> None:
    """``pg_basebackup`` of the primary, then the standby started and caught up."""
    replicated.standby.replicate(replicated.primary)
    replicated.standby.start()
    asyncio.run(catch_up(replicated))


def start_replicated(root: Path) -> Replicated:
    primary = start_primary(root)
    replicated = Replicated(primary, standby_of(primary, root))
    start_standby(replicated)
    return replicated


async def _lsn(url: str, query: str) -> str | None:
    connection = await asyncpg.connect(db.plain_url(url), timeout=5)
    try:
        value = await connection.fetchval(query)
        return None if value is None else str(value)
    finally:
        await connection.close()


async def catch_up(replicated: Replicated, within: float = 60) -> None:
    """Until the standby has replayed everything the primary had written when this was called."""
    written = await _lsn(replicated.url, "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            reached = await _lsn(
                replicated.read_url,
                f"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn",
            )
        except (OSError, asyncpg.PostgresError):
            reached = None
        if reached == "True":
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the standby did not catch up with the primary")
