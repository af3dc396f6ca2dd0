"""`omotenashi partners`: a travel agency's bulk pre-registration from the command line."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(
    help="Partners: travel agencies pre-register their travellers.", no_args_is_help=True
)

PHASES = {
    "check": "Checking rows",
    "seal": "Sealing travellers' data",
    "store": "Storing",
    "dedupe": "Checking earlier invitations",
    "leaderless": "Binding parties",
    "insert": "Making invitations",
    "invite": "Queuing invitations",
}


@app.command("import")
@friendly
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, readable=True, help="A .csv, .json or .xml (OTA) file"
        ),
    ],
    agency: Annotated[uuid.UUID, typer.Option("--agency", help="The travel agency's servicer id")],
    format: Annotated[
        str | None, typer.Option("--format", help="csv, json or ota (default: from the name)")
    ] = None,
    show_refused: Annotated[
        int, typer.Option("--show-refused", help="How many refused rows to print")
    ] = 50,
) -> None:
    """Import travellers for AGENCY: each good row becomes an invitation e-mailed in the
    traveller's language; each refused row is printed with its reason. All in one transaction."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from omotenashi import db
    from omotenashi.partners import service
    from omotenashi.partners.formats import ImportFormat, guess_format
    from omotenashi.runtime import platform

    settings = load_settings()
    form = ImportFormat(format) if format else guess_format(file.name)
    data = file.read_bytes()

    async def run(progress: Progress) -> service.ImportResult:
        tasks = {phase: progress.add_task(label, total=None) for phase, label in PHASES.items()}

        def tick(phase: str, done: int) -> None:
            progress.update(tasks[phase], completed=done)

        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_scope(db.session_factory(engine)) as session:
                    return await service.import_travellers(
                        session,
                        p.keys,
                        agency,
                        data,
                        form,
                        actor=f"cli:partners-import:{file.name}",
                        progress=tick,
                    )
            finally:
                await engine.dispose()

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
    ) as progress:
        result = asyncio.run(run(progress))
    refused_rows = len({r.row for r in result.refused})
    typer.echo(
        f"Import {result.record.id}: {result.record.rows} rows read, "
        f"{result.invitations} invitations made ({result.mailed} e-mails queued), "
        f"{refused_rows} rows refused."
    )
    for refusal in result.refused[:show_refused]:
        typer.echo(f"  row {refusal.row}: {refusal.field}: {refusal.reason}")
    if len(result.refused) > show_refused:
        typer.echo(f"  … and {len(result.refused) - show_refused} more reasons.")
