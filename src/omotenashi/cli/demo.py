"""`omotenashi demo`: load the demo data."""

from __future__ import annotations

import asyncio

import typer

from omotenashi.cli.base import friendly, load_settings


@friendly
def demo_command() -> None:
    """Load the demo data (safe to run again: nothing is duplicated)."""
    from omotenashi import demo
    from omotenashi.runtime import platform

    settings = load_settings()

    async def run() -> None:
        async with platform(settings) as p:
            lines = await demo.load_into(p.database_url, p.keys)
        for line in lines or ["No domain has demo data to load yet."]:
            typer.echo(line)

    asyncio.run(run())
