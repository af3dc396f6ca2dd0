"""`omotenashi demo`: load the demo data."""

from __future__ import annotations

import asyncio

import typer

from omotenashi import demo
from omotenashi.cli.base import friendly, load_settings
from omotenashi.runtime import platform


@friendly
def demo_command() -> None:
    """Load the demo data (safe to run again: nothing is duplicated)."""
    settings = load_settings()

    async def run() -> None:
        async with platform(settings) as p:
            lines = await demo.load_into(p.database_url, p.keys)
        for line in lines or ["No domain has demo data to load yet."]:
            typer.echo(line)

    asyncio.run(run())
