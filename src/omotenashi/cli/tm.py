"""`omotenashi tm`: the translation bank's segments in and out as TMX."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(
    help="Translation memory: the bank's segments in and out as TMX.", no_args_is_help=True
)

_SKIPPED_EXAMPLES = 5  # unit numbers shown per reason


@app.command("import")
@friendly
def tm_import(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A TMX file")
    ],
    licence: Annotated[
        str,
        typer.Option(
            help="contributor-only (used for the contributor's content alone, never exported) "
            "or an SPDX identifier such as CC-BY-4.0."
        ),
    ] = "contributor-only",
    contributor: Annotated[
        str, typer.Option(help="operator, or the id of the servicer the segments come from.")
    ] = "operator",
) -> None:
    """Import a TMX file into the translation bank, reporting what was skipped and why."""
    import uuid
    from collections import defaultdict

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from omotenashi import db
    from omotenashi.runtime import platform
    from omotenashi.translation import service as bank
    from omotenashi.translation import tmx
    from omotenashi.translation.models import SegmentOrigin

    servicer_id: uuid.UUID | None = None
    if contributor != "operator":
        try:
            servicer_id = uuid.UUID(contributor)
        except ValueError:
            raise typer.BadParameter(
                "must be operator or a servicer id", param_hint="--contributor"
            ) from None
    settings = load_settings()
    progress = Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
    )
    with progress:
        reading = progress.add_task("Reading", total=None)
        parsed = tmx.read_tmx(
            file.read_bytes(),
            on_progress=lambda done, total: progress.update(reading, completed=done, total=total),
        )
        storing = progress.add_task("Storing", total=len(parsed.segments))

        async def run() -> bank.Added:
            async with platform(settings) as p:
                engine = db.create_engine(p.database_url, pool_size=1)
                try:
                    async with db.session_scope(db.session_factory(engine)) as session:
                        return await bank.contribute(
                            session,
                            parsed.segments,
                            licence=licence,
                            servicer_id=servicer_id,
                            source=f"tmx:{file.name}",
                            actor="cli:tm-import",
                            origin=SegmentOrigin.tmx_import,
                            on_progress=lambda n: progress.advance(storing, n),
                        )
                finally:
                    await engine.dispose()

        added = asyncio.run(run())
    typer.echo(
        f"Imported {file.name}: {added.added} segments added, {added.duplicates} already in "
        f"the bank (licence {licence.strip()}, contributor {contributor})."
    )
    if not parsed.skipped:
        typer.echo("Nothing skipped.")
        return
    units: dict[str, list[int]] = defaultdict(list)
    for skipped in parsed.skipped:
        units[skipped.reason].append(skipped.index)
    typer.echo(f"Skipped {len(parsed.skipped)} (unit numbers count <tu> elements from 0):")
    for reason, indices in sorted(units.items(), key=lambda entry: (-len(entry[1]), entry[0])):
        shown = ", ".join(str(i) for i in indices[:_SKIPPED_EXAMPLES])
        more = ", …" if len(indices) > _SKIPPED_EXAMPLES else ""
        typer.echo(f"  {reason:<22}{len(indices):>7}   units {shown}{more}")


@app.command("export")
@friendly
def tm_export(
    file: Annotated[Path, typer.Argument(dir_okay=False, help="The TMX file to write")],
    source: Annotated[str, typer.Option(help="Source language")] = "ja",
    target: Annotated[str, typer.Option(help="Target language")] = "en",
) -> None:
    """Export a language pair's shareable segments as TMX 1.4b (contributor-only ones stay)."""
    from omotenashi import db
    from omotenashi.runtime import platform
    from omotenashi.translation import service as bank
    from omotenashi.translation import tmx

    settings = load_settings()

    async def run() -> bank.Export:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    return await bank.export(session, source, target)
            finally:
                await engine.dispose()

    exported = asyncio.run(run())
    file.write_bytes(tmx.write_tmx(exported.segments, srclang=source))
    typer.echo(
        f"Exported {len(exported.segments)} segments ({source} → {target}) to {file}; "
        f"{exported.withheld} contributor-only segments were not exported."
    )


@app.command("phrasebook")
@friendly
def tm_phrasebook() -> None:
    """Copy the conversation phrasebook (its files, every language) into the bank; ``serve``
    does this when it starts."""
    from omotenashi.runtime import platform

    settings = load_settings()

    async def run() -> str:
        async with platform(settings) as p:
            return await sync_phrasebook(p.database_url)

    typer.echo(asyncio.run(run()))


async def sync_phrasebook(database_url: str) -> str:
    """Copy the phrasebook into the translation bank; what is there already is skipped."""
    from omotenashi import db
    from omotenashi.conversation import bank as phrasebook_bank

    engine = db.create_engine(database_url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            added = await phrasebook_bank.sync(session)
    finally:
        await engine.dispose()
    return (
        f"Phrasebook in the translation bank: {added.added} segments added, "
        f"{added.duplicates} already there."
    )
