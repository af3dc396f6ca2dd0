"""`omotenashi doctor`: check this machine and configuration."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from omotenashi.cli.base import started

if TYPE_CHECKING:
    from omotenashi.config import Settings


def doctor(
    port: Annotated[int | None, typer.Option(help="The port `serve` will use.")] = None,
) -> None:
    """Check this machine and configuration, and say what to fix."""
    from omotenashi.config import Settings
    from omotenashi.pgcluster import ClusterError, find_binaries, port_is_free
    from omotenashi.runtime import StartupError
    from omotenashi.security.keys import MissingSecretError, keys_dir, load_keys

    given: dict[str, Any] = {"port": port} if port else {}
    settings = Settings(**given)
    started()
    problems = 0

    def report(ok: bool, what: str, fix: str = "") -> None:
        nonlocal problems
        problems += not ok
        mark = (
            typer.style("ok  ", fg=typer.colors.GREEN)
            if ok
            else typer.style("FIX ", fg=typer.colors.RED)
        )
        typer.echo(f"{mark} {what}" + (f"\n     → {fix}" if fix and not ok else ""))

    version = ".".join(map(str, sys.version_info[:3]))
    report(sys.version_info >= (3, 11), f"Python {version}", "Install Python 3.11 or newer.")
    if settings.embedded:
        try:
            binaries = find_binaries(settings.pg_bin_dir)
            report(
                binaries.major >= 15,
                f"PostgreSQL {binaries.major} server binaries in {binaries.bin_dir}",
                "Install PostgreSQL 15 or newer.",
            )
        except ClusterError as exc:
            report(False, "PostgreSQL server binaries", str(exc))
        data = settings.data_path
        writable = _writable(data)
        report(
            writable,
            f"Data directory {data} is writable",
            "Set OMOTENASHI_DATA_DIR to a directory you can write to.",
        )
        folder = keys_dir(settings)
        if folder.exists():
            loose = [
                str(p.relative_to(folder)) for p in folder.rglob("*") if p.stat().st_mode & 0o077
            ]
            report(
                not loose,
                f"Generated keys in {folder} are private (0600)",
                f"chmod 600 {' '.join(str(folder / n) for n in loose)}",
            )
        else:
            report(True, f"Keys will be generated into {folder} on first start")
    else:
        try:
            load_keys(settings)
            report(True, "Secrets from the environment")
        except MissingSecretError as exc:
            report(False, "Secrets from the environment", str(exc))
        try:
            asyncio.run(_check_database(settings))
            report(True, "PostgreSQL at OMOTENASHI_DATABASE_URL answers")
        except StartupError as exc:
            report(False, "PostgreSQL at OMOTENASHI_DATABASE_URL", str(exc))
    report(
        port_is_free(settings.port, settings.host),
        f"Port {settings.port} on {settings.host} is free",
        "Stop the program using it, or set OMOTENASHI_PORT.",
    )
    typer.echo("All checks passed." if not problems else f"{problems} thing(s) to fix.")
    raise typer.Exit(1 if problems else 0)


async def _check_database(settings: Settings) -> None:
    from omotenashi.runtime import _validated_url, check_connection

    await check_connection(_validated_url(settings))


def _writable(path: Path) -> bool:
    probe = path
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)
