"""`omotenashi serve` and `omotenashi worker`: their options; what they run is in
:mod:`omotenashi.cli.serving`, imported when one of them starts."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings


@friendly
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    load_demo: Annotated[bool, typer.Option("--demo", help="Load the demo data first.")] = False,
    worker: Annotated[
        bool | None,
        typer.Option("--worker/--no-worker", help="Run the job worker in this process."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Web server processes sharing the port (about one per CPU core); this "
            "process keeps the database and the job worker.",
        ),
    ] = 1,
) -> None:
    """Serve the API, the pages and (by default) the job worker."""
    from omotenashi.cli import serving
    from omotenashi.pgcluster import port_is_free
    from omotenashi.runtime import StartupError

    settings = load_settings(host=host, port=port)
    if not port_is_free(settings.port, settings.host):
        raise StartupError(
            f"Port {settings.port} on {settings.host} is already in use; stop the program "
            f"using it or choose another with --port (or OMOTENASHI_PORT)."
        )
    run_worker = settings.run_worker if worker is None else worker
    serving.run_web(settings, with_demo=load_demo, with_worker=run_worker, workers=workers)


@friendly
def worker_command(
    drain: Annotated[bool, typer.Option(help="Run the waiting jobs, then exit.")] = False,
) -> None:
    """Run the job worker on its own (for scale; `serve` runs one by default)."""
    from omotenashi.cli import serving

    settings = load_settings()
    asyncio.run(serving.run_jobs(settings, drain=drain))
