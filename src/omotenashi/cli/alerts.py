"""`omotenashi alerts`: ingest a JMA report, poll JMA's feeds."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

if TYPE_CHECKING:
    from omotenashi.alerts.feed import FeedPoll

app = typer.Typer(help="Disaster and emergency alerts.", no_args_is_help=True)


@app.command("ingest")
@friendly
def alerts_ingest(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, readable=True, help="A JMA XML report"),
    ],
) -> None:
    """Ingest a JMA disaster-information XML report: issue (or cancel) the alert it carries.
    A report that cannot be read is refused with its reason, and nothing is stored."""
    from omotenashi import db
    from omotenashi.alerts import lifecycle as alerts
    from omotenashi.runtime import platform

    settings = load_settings()
    document = file.read_bytes()

    async def run() -> alerts.Ingested:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_scope(db.session_factory(engine)) as session:
                    return await alerts.ingest(
                        session,
                        p.keys,
                        document,
                        actor=f"cli:alerts-ingest:{file.name}",
                        policy=alerts.IngestPolicy.from_settings(settings),
                    )
            finally:
                await engine.dispose()

    done = asyncio.run(run())
    if done.alert is not None:
        alert = done.alert
        verb = "Already ingested as" if done.duplicate else "Issued"
        typer.echo(
            f"{verb} alert {alert.id}: {alert.type} ({alert.status}), {alert.state}, "
            f"source {alert.source}."
        )
        typer.echo(f"  {alert.renderings['en']['headline']}")
        if alert.withheld:
            typer.echo(f"  Not pushed: {alert.withheld}.")
        if alert.unresolved_areas:
            listed = alert.unresolved_areas[:20]
            rest = len(alert.unresolved_areas) - len(listed)
            typer.echo(
                f"  Areas matched to nobody ({len(alert.unresolved_areas)}): {', '.join(listed)}"
                + (f", and {rest} more" if rest else "")
            )
    else:
        typer.echo(
            f"Cancelled {len(done.cancelled)} alert(s): {', '.join(map(str, done.cancelled))}"
        )
    if done.unknown_elements:
        typer.echo(f"Unknown elements ({len(done.unknown_elements)}), read past:")
        for path in done.unknown_elements:
            typer.echo(f"  {path}")


@app.command("poll")
@friendly
def alerts_poll(
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once, then stop")] = False,
) -> None:
    """Poll JMA's Atom feeds (OMOTENASHI_JMA_FEEDS) and ingest each new report once; without
    --once, every OMOTENASHI_JMA_POLL_INTERVAL_SECONDS until interrupted."""
    from omotenashi import db
    from omotenashi.alerts import feed
    from omotenashi.runtime import platform

    settings = load_settings()
    if not settings.jma_feed_urls:
        typer.echo("No feed to poll: set OMOTENASHI_JMA_FEEDS (comma-separated URLs).", err=True)
        raise typer.Exit(2)

    async def run() -> None:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            poller = feed.Poller.from_settings(settings, p.keys)
            sessions = db.session_factory(engine)
            try:
                while True:
                    async with db.session_scope(sessions) as session:
                        polls = await poller.poll(session)
                    for done in polls:
                        typer.echo(_poll_line(done))
                    if once:
                        return
                    await asyncio.sleep(settings.jma_poll_interval_seconds)
            finally:
                await engine.dispose()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


def _poll_line(done: FeedPoll) -> str:
    if done.error is not None:
        return f"{done.feed_url}: not read, {done.error}."
    if done.not_modified:
        return f"{done.feed_url}: not modified."
    line = (
        f"{done.feed_url}: {len(done.ingested)} ingested, {len(done.skipped)} skipped, "
        f"{len(done.refused)} refused"
    )
    if done.deferred:
        line += f", {len(done.deferred)} to try again"
    refusals = "".join(f"\n  refused {entry}: {why}" for entry, why in done.refused.items())
    return line + "." + refusals
