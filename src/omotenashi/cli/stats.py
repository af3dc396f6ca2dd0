"""`omotenashi stats`: the daily statistics cells."""

from __future__ import annotations

import asyncio
import datetime
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(help="Statistics: the daily cells behind the charts.", no_args_is_help=True)


@app.command("rebuild")
@friendly
def stats_rebuild(
    since: Annotated[
        datetime.datetime,
        typer.Option("--since", formats=["%Y-%m-%d"], help="First day (Japan time), YYYY-MM-DD"),
    ],
    until: Annotated[
        datetime.datetime | None,
        typer.Option("--until", formats=["%Y-%m-%d"], help="Last day; default today"),
    ] = None,
) -> None:
    """Recompute the statistics cells of every day since a date from the raw tables."""
    from omotenashi import db
    from omotenashi.runtime import platform
    from omotenashi.statistics import service as statistics

    settings = load_settings()
    first = since.date()
    last = until.date() if until else statistics.today()

    async def run() -> int:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                made = 0
                with typer.progressbar(length=(last - first).days + 1, label="Days") as bar:
                    day = first
                    while day <= last:
                        # One transaction per day: a long rebuild keeps what it finished.
                        async with db.session_scope(db.session_factory(engine)) as session:
                            made += await statistics.recompute_day(session, day)
                        day += datetime.timedelta(days=1)
                        bar.update(1)
                return made
            finally:
                await engine.dispose()

    if first > last:
        typer.secho("--since is after --until; nothing to rebuild.", err=True, fg=typer.colors.RED)
        raise typer.Exit(2)
    made = asyncio.run(run())
    typer.echo(f"Rebuilt {(last - first).days + 1} days from {first} to {last}: {made} cells.")
