"""`omotenashi taxfree`: tax-free records."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(help="Tax-free purchase records.", no_args_is_help=True)


@app.command("import-confirmations")
@friendly
def import_confirmations(
    file: Annotated[Path, typer.Argument(help="A file downloaded from the 税関確認情報API")],
    servicer: Annotated[
        str | None, typer.Option("--servicer", help="Apply only to this shop's records")
    ] = None,
) -> None:
    """Apply customs' confirmations from a file: records with every item confirmed become due
    for their refund; any item not confirmed forfeits the whole record."""
    from omotenashi import db
    from omotenashi.runtime import platform
    from omotenashi.taxfree import nta, service

    try:
        answers = nta.confirmation_file(file.read_bytes())
    except OSError as exc:
        typer.secho(
            f"omotenashi: cannot read {file}: {exc.strerror}", err=True, fg=typer.colors.RED
        )
        raise typer.Exit(1) from None
    except ValueError:
        typer.secho(
            f"omotenashi: {file} is not a customs confirmation file.", err=True, fg=typer.colors.RED
        )
        raise typer.Exit(1) from None
    try:
        only = uuid.UUID(servicer) if servicer else None
    except ValueError:
        typer.secho("omotenashi: --servicer takes a servicer id.", err=True, fg=typer.colors.RED)
        raise typer.Exit(1) from None
    settings = load_settings()

    async def run() -> service.Applied:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session, session.begin():
                    return await service.apply_confirmations(
                        session, answers, servicer_id=only, actor="cli:import-confirmations"
                    )
            finally:
                await engine.dispose()

    applied = asyncio.run(run())
    typer.echo(
        f"Confirmed (refund due): {applied.confirmed}; forfeited: {applied.forfeited}; "
        f"not awaiting confirmation: {applied.unknown}."
    )
