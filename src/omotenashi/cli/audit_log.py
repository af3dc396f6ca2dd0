"""`omotenashi audit`: the hash-chained audit log."""

from __future__ import annotations

import asyncio

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command("verify")
@friendly
def audit_verify() -> None:
    """Check every link of the audit chain; report the first broken one."""
    from omotenashi import db
    from omotenashi.runtime import platform
    from omotenashi.security import audit

    settings = load_settings()

    async def run() -> audit.ChainReport:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    return await audit.verify(session)
            finally:
                await engine.dispose()

    report = asyncio.run(run())
    if report.intact:
        typer.echo(f"Audit chain intact: {report.checked} entries checked.")
        return
    typer.secho(
        f"Audit chain broken at entry {report.first_broken_id}: {report.reason} "
        f"({report.checked} entries before it are intact).",
        err=True,
        fg=typer.colors.RED,
    )
    raise typer.Exit(2)
