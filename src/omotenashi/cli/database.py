"""`omotenashi db`: database schema migrations."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)


@app.command("upgrade")
@friendly
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database schema (to the newest revision by default)."""
    from omotenashi import db
    from omotenashi.runtime import platform

    settings = load_settings()

    async def run() -> None:
        async with platform(settings, migrate=False) as p:
            await db.upgrade_async(p.database_url, revision)
            engine = db.create_engine(p.database_url, pool_size=1)
            typer.echo(f"Database schema is at {await db.current_revision(engine)}.")
            await engine.dispose()

    asyncio.run(run())


@app.command("current")
@friendly
def db_current() -> None:
    """Show the database's schema revision and the newest one this code knows."""
    from omotenashi import db
    from omotenashi.runtime import platform

    settings = load_settings()

    async def run() -> None:
        async with platform(settings, migrate=False) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            current = await db.current_revision(engine)
            await engine.dispose()
        head = db.head_revision()
        state = "up to date" if current == head else "behind: run `omotenashi db upgrade`"
        typer.echo(f"current: {current}\nhead:    {head}\n{state}")

    asyncio.run(run())
