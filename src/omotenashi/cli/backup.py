"""`omotenashi backup` and `omotenashi restore`: a consistent dump of the database, and its
return without bringing back anyone erased since (the erasure journal, ``omotenashi.erasures``)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from omotenashi.cli.base import friendly, load_settings


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL for pg_dump/pg_restore without its password, which goes in the environment
    (never on a command line other users can read)."""
    from sqlalchemy.engine import make_url

    from omotenashi import db

    parsed = make_url(db.plain_url(url))
    env = {**os.environ}
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(password=None).render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    from omotenashi.pgcluster import find_binaries

    return find_binaries().tool(name)


def _note_path(dump: Path) -> Path:
    return dump.with_name(dump.name + ".json")


async def _key_ids(url: str, current_key_id: str) -> dict[str, int]:
    from omotenashi import db
    from omotenashi.visitors import service as visitors

    engine = db.create_engine(url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            return (await visitors.master_key_use(session, current_key_id)).counts
    finally:
        await engine.dispose()


@friendly
def backup(
    path: Annotated[
        Path | None,
        typer.Argument(help="Where to write the dump; default <data dir>/backups/<time>.dump."),
    ] = None,
) -> None:
    """A consistent dump of the database (pg_dump, one snapshot), with a note of the master
    key ids its sealed data needs."""
    from omotenashi import db
    from omotenashi.runtime import StartupError, platform

    settings = load_settings()

    async def run() -> None:
        async with platform(settings, migrate=False) as p:
            taken = datetime.now(UTC)
            target = path or settings.data_path / "backups" / f"{taken:%Y%m%dT%H%M%SZ}.dump"
            target.parent.mkdir(parents=True, exist_ok=True)
            url, env = _libpq(p.database_url)
            key_ids = await _key_ids(p.database_url, p.keys.master.key_id)
            engine = db.create_engine(p.database_url, pool_size=1)
            revision = await db.current_revision(engine)
            await engine.dispose()
            done = await asyncio.to_thread(
                subprocess.run,
                [_tool("pg_dump"), "--format=custom", "--file", str(target), "--dbname", url],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise StartupError(f"pg_dump failed: {done.stderr.strip()[-300:]}")
            note: dict[str, Any] = {
                "taken_at": taken.isoformat(),
                "schema_revision": revision,
                # Sealed values in the dump open only with these master keys: keep them (or
                # their successors after `keys rewrap`) as long as the dump is kept.
                "master_key_ids": sorted(key_ids),
                "visitors_by_master_key": key_ids,
                "erasure_journal": str(settings.erasure_journal_path),
            }
            _note_path(target).write_text(json.dumps(note, indent=2) + "\n")
            typer.echo(f"Backup written to {target} (keys needed: {', '.join(sorted(key_ids))}).")

    asyncio.run(run())


@friendly
def restore(
    path: Annotated[Path, typer.Argument(help="A dump written by `omotenashi backup`.")],
) -> None:
    """Replace the database with a backup, then erase again everyone in the erasure journal,
    before anything serves from it. Stop every server and worker first."""
    from omotenashi import db, erasures
    from omotenashi.privacy import service as privacy
    from omotenashi.runtime import StartupError, platform

    settings = load_settings()
    if not path.is_file():
        raise StartupError(f"No backup at {path}; give the path `omotenashi backup` printed.")

    async def run() -> None:
        async with platform(settings, migrate=False) as p:
            url, env = _libpq(p.database_url)
            done = await asyncio.to_thread(
                subprocess.run,
                [
                    _tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--single-transaction",
                    "--no-owner",
                    "--exit-on-error",
                    "--dbname",
                    url,
                    str(path),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise StartupError(f"pg_restore failed: {done.stderr.strip()[-300:]}")
            await db.upgrade_async(p.database_url)  # a backup of an older release
            erased = erasures.read(settings.erasure_journal_path)
            erasures.configure(None)  # they are in the journal already
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_scope(db.session_factory(engine)) as session:
                    again = await privacy.erase(session, erased)
            finally:
                await engine.dispose()
            typer.echo(
                f"Restored {path}; {again} visitor(s) erased since the backup erased again "
                f"({len(erased)} in the journal)."
            )

    asyncio.run(run())
