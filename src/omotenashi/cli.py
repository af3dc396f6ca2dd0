"""The `omotenashi` command: serve, worker, db, demo, doctor, keys, ..."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import functools
import gc
import multiprocessing
import os
import signal
import socket
import sys
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import asyncpg
import structlog
import typer
import uvicorn
import uvloop

from omotenashi import db, demo, jobs
from omotenashi.config import Settings, WalletRegime
from omotenashi.errors import AppError
from omotenashi.logging import configure_logging
from omotenashi.pgcluster import ClusterError, find_binaries, port_is_free
from omotenashi.runtime import Platform, StartupError, platform
from omotenashi.security.keys import MissingSecretError, PlatformKeys, keys_dir, load_keys

if TYPE_CHECKING:
    from omotenashi.alerts.feed import FeedPoll
    from omotenashi.visitors.service import MasterKeyUse

log = structlog.get_logger("omotenashi.cli")

cli = typer.Typer(
    help="Omotenashi Cloud: register once, be served in your language across Japan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_cli = typer.Typer(help="Database schema migrations.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
audit_cli = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
cli.add_typer(audit_cli, name="audit")

P = ParamSpec("P")
R = TypeVar("R")


def _friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the failures a person must fix into one sentence and exit code 1, no traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (StartupError, ClusterError, MissingSecretError) as exc:
            typer.secho(f"omotenashi: {exc}", err=True, fg=typer.colors.RED)
            raise typer.Exit(1) from None
        except AppError as exc:
            problems = "".join(f"\n  {f.field}: {f.message}" for f in exc.fields)
            typer.secho(f"omotenashi: {exc.message}{problems}", err=True, fg=typer.colors.RED)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None

    return wrapper


def _settings(**overrides: object) -> Settings:
    given: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    settings = Settings(**given)
    configure_logging(settings)
    return settings


@contextlib.contextmanager
def _stop_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop)
    try:
        yield
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


class _Server(uvicorn.Server):
    """Uvicorn without its own signal handling: the CLI owns shutdown, cluster included."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        # What the app loaded to start (routes, templates, catalogues, the caches of SQLAlchemy
        # and pydantic) lives as long as the process. Out of the collector's reach, a full
        # collection no longer walks all of it in the middle of a request.
        gc.collect()
        gc.freeze()


async def _worker_pool(p: Platform) -> asyncpg.Pool:
    pool: asyncpg.Pool = await asyncpg.create_pool(
        db.plain_url(p.database_url), min_size=1, max_size=4
    )
    return pool


def _run_serving(main: Coroutine[Any, Any, None]) -> None:
    """Run a serving process's event loop on uvloop (libuv; installed with uvicorn[standard]),
    which handles sockets with less overhead per request than asyncio's own loop."""
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main)


def _web_server(app: Any, settings: Settings) -> _Server:
    return _Server(
        uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,
            lifespan="on",
        )
    )


def _port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to the port that every process of `serve --workers N` binds too: with
    SO_REUSEPORT the kernel spreads new connections between the processes that listen."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP spelt out: asyncio sets TCP_NODELAY only on sockets that say so, and without
    # it small responses wait for delayed ACKs (40 ms each).
    bound = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        bound.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        bound.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        bound.bind((host, port))
    except OSError:
        bound.close()
        raise
    return bound


def _serve_process(settings: Settings, database_url: str) -> None:
    """One web server process of `serve --workers N`. The parent owns the database (and its
    embedded cluster) and the job worker; this process only serves."""
    from omotenashi.app import create_app

    configure_logging(settings)
    listening = _port_socket(settings.host, settings.port)
    listening.listen(2048)
    app = create_app(Platform(settings, database_url, load_keys(settings)))
    server = _web_server(app, settings)

    def on_signal() -> None:
        if server.should_exit:  # asked twice: stop waiting for open connections
            server.force_exit = True
        server.should_exit = True

    async def run() -> None:
        with _stop_on_signals(on_signal):
            await server.serve(sockets=[listening])

    _run_serving(run())


class _ServerProcesses:
    """`serve --workers N`: N processes answering on one port, stopped and checked like a
    :class:`_Server` (``should_exit``, ``force_exit``, ``started``)."""

    def __init__(self, settings: Settings, database_url: str, count: int) -> None:
        self.settings = settings
        self.database_url = database_url
        self.count = count
        self.started = False
        self._processes: list[multiprocessing.process.BaseProcess] = []
        self._stop = asyncio.Event()  # asked to stop, or a process ended
        self._asked = False
        self._forced = False

    @property
    def should_exit(self) -> bool:
        return self._asked

    @should_exit.setter
    def should_exit(self, value: bool) -> None:
        if value:
            self._asked = True
            self._stop.set()

    @property
    def force_exit(self) -> bool:
        return self._forced

    @force_exit.setter
    def force_exit(self, value: bool) -> None:
        if value and not self._forced:
            self._forced = True
            self._terminate()  # a second signal: they stop without waiting for connections

    def _terminate(self) -> None:
        for process in self._processes:
            if process.is_alive():
                process.terminate()

    async def serve(self) -> None:
        try:
            # Held, never listened on, so that the port stays ours while the processes run.
            reserved = _port_socket(self.settings.host, self.settings.port)
        except OSError:
            return  # not started: the caller says so
        loop = asyncio.get_running_loop()
        # Spawned, not forked: a child starts clean instead of inheriting this process's event
        # loop, threads and database connections.
        spawn = multiprocessing.get_context("spawn")
        try:
            for n in range(self.count):
                process = spawn.Process(
                    target=_serve_process,
                    args=(self.settings, self.database_url),
                    name=f"omotenashi-web-{n}",
                )
                process.start()
                self._processes.append(process)
                loop.add_reader(process.sentinel, self._stop.set)
            self.started = True
            await self._stop.wait()
        finally:
            ended = [process for process in self._processes if not process.is_alive()]
            self._terminate()  # SIGTERM: each finishes the requests under way, then exits
            for started in self._processes:
                loop.remove_reader(started.sentinel)
                await asyncio.to_thread(started.join)
            reserved.close()
        if ended and not self._asked:
            crashed = ended[0]
            raise RuntimeError(f"{crashed.name} ended unexpectedly (exit code {crashed.exitcode})")


async def _serve(settings: Settings, with_demo: bool, with_worker: bool, workers: int = 1) -> None:
    from omotenashi.app import create_app

    async with platform(settings) as p:
        if with_demo:
            for line in await demo.load_into(p.database_url, p.keys):
                typer.echo(line)
        server = (
            _web_server(create_app(p), settings)
            if workers == 1
            else _ServerProcesses(settings, p.database_url, workers)
        )
        engine = db.create_engine(p.database_url, pool_size=2)
        pool = await _worker_pool(p) if with_worker else None
        worker = jobs.build_worker(pool, db.session_factory(engine), p) if pool else None

        def stop() -> None:
            server.should_exit = True
            if worker is not None:
                worker.shutdown.set()

        def on_signal() -> None:
            if server.should_exit:  # a second Ctrl-C: stop waiting for open connections
                server.force_exit = True
            stop()

        with _stop_on_signals(on_signal):
            tasks = [asyncio.create_task(server.serve())]
            if worker is not None:
                tasks.append(asyncio.create_task(worker.run()))
            url = settings.base_url
            typer.secho(
                f"\n  Omotenashi Cloud is running at {url}/", fg=typer.colors.GREEN, err=True
            )
            typer.echo(
                f"  API documentation: {url}/docs   Health: {url}/readyz\n"
                "  Press Ctrl-C to stop.\n",
                err=True,
            )
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            stop()
            await asyncio.gather(*tasks, return_exceptions=True)
            for task in done:
                if (error := task.exception()) is not None:
                    raise error
        if pool is not None:
            await pool.close()
        await engine.dispose()
    if not server.started:
        raise StartupError(f"The web server could not listen on {settings.host}:{settings.port}.")


@cli.command()
@_friendly
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
    settings = _settings(host=host, port=port)
    if not port_is_free(settings.port, settings.host):
        raise StartupError(
            f"Port {settings.port} on {settings.host} is already in use; stop the program "
            f"using it or choose another with --port (or OMOTENASHI_PORT)."
        )
    run_worker = settings.run_worker if worker is None else worker
    _run_serving(_serve(settings, load_demo, run_worker, workers))


@cli.command("worker")
@_friendly
def worker_command(
    drain: Annotated[bool, typer.Option(help="Run the waiting jobs, then exit.")] = False,
) -> None:
    """Run the job worker on its own (for scale; `serve` runs one by default)."""
    settings = _settings()

    async def run() -> None:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=2)
            pool = await _worker_pool(p)
            try:
                if drain:
                    await jobs.drain(pool, db.session_factory(engine), p)
                    return
                worker = jobs.build_worker(pool, db.session_factory(engine), p)
                with _stop_on_signals(worker.shutdown.set):
                    typer.echo("Worker running; Ctrl-C to stop.", err=True)
                    await worker.run()
            finally:
                await pool.close()
                await engine.dispose()

    asyncio.run(run())


@db_cli.command("upgrade")
@_friendly
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database schema (to the newest revision by default)."""
    settings = _settings()

    async def run() -> None:
        async with platform(settings, migrate=False) as p:
            await db.upgrade_async(p.database_url, revision)
            engine = db.create_engine(p.database_url, pool_size=1)
            typer.echo(f"Database schema is at {await db.current_revision(engine)}.")
            await engine.dispose()

    asyncio.run(run())


@db_cli.command("current")
@_friendly
def db_current() -> None:
    """Show the database's schema revision and the newest one this code knows."""
    settings = _settings()

    async def run() -> None:
        async with platform(settings, migrate=False) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            current = await db.current_revision(engine)
            await engine.dispose()
        head = db.head_revision()
        state = "up to date" if current == head else "behind: run `omotenashi db upgrade`"
        typer.echo(f"current: {current}\nhead:    {head}\n{state}")

    asyncio.run(run())


@audit_cli.command("verify")
@_friendly
def audit_verify() -> None:
    """Check every link of the audit chain; report the first broken one."""
    from omotenashi.security import audit

    settings = _settings()

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


ledger_cli = typer.Typer(help="The payments ledger.", no_args_is_help=True)
cli.add_typer(ledger_cli, name="ledger")


@ledger_cli.command("verify")
@_friendly
def ledger_verify() -> None:
    """Check that debits equal credits and that every account's balance equals its transfers;
    exit 2 on a mismatch."""
    from omotenashi.payments import ledger

    settings = _settings()

    async def run() -> ledger.Verification:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    return await ledger.verify(session)
            finally:
                await engine.dispose()

    result = asyncio.run(run())
    for line in ledger.describe(result):
        typer.echo(line)
    if result.clean:
        typer.echo("Ledger verified: every account matches its transfers.")
        return
    typer.secho("Ledger mismatch: see the accounts above.", err=True, fg=typer.colors.RED)
    raise typer.Exit(2)


@ledger_cli.command("report")
@_friendly
def ledger_report(
    base_date: Annotated[
        str, typer.Option("--base-date", help="31 March or 30 September, as YYYY-MM-DD")
    ],
) -> None:
    """What a registered issuer files for a base date: the unused balance and the security
    deposit due (Payment Services Act)."""
    from datetime import date

    from omotenashi.payments import report

    try:
        base = date.fromisoformat(base_date)
        report.previous_base_date(base)
    except ValueError as exc:
        raise typer.BadParameter(
            "give a base date, 31 March or 30 September, as YYYY-MM-DD", param_hint="--base-date"
        ) from exc
    settings = _settings()

    async def run() -> report.BaseDateReport:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    return await report.base_date_report(session, base)
            finally:
                await engine.dispose()

    made = asyncio.run(run())
    if settings.wallet_regime is not WalletRegime.registered_issuer:
        typer.echo(
            "Note: this deployment runs the wallet with short validity (outside the Act); "
            "the figures are shown for information."
        )
    for line in made.lines(settings.wallet_issuer):
        typer.echo(line)


@ledger_cli.command("settle")
@_friendly
def ledger_settle(
    day: Annotated[
        str | None, typer.Option("--day", help="A day that is over in Japan, as YYYY-MM-DD")
    ] = None,
) -> None:
    """Settle a day (by default yesterday in Japan) for every servicer, as the nightly job
    does: each one's payout, or what it owes for the cash it took. A day settles once."""
    from datetime import date, timedelta

    from omotenashi.payments import settlement

    try:
        chosen = (
            date.fromisoformat(day)
            if day
            else datetime.datetime.now(settlement.JAPAN).date() - timedelta(days=1)
        )
    except ValueError as exc:
        raise typer.BadParameter("give the day as YYYY-MM-DD", param_hint="--day") from exc
    if chosen >= datetime.datetime.now(settlement.JAPAN).date():
        raise typer.BadParameter("that day is not over yet in Japan", param_hint="--day")
    settings = _settings()

    async def run() -> list[str]:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_scope(db.session_factory(engine)) as session:
                    payouts = await settlement.settle_day(session, chosen)
                    return await settlement.describe(session, payouts)
            finally:
                await engine.dispose()

    lines = asyncio.run(run())
    for line in lines:
        typer.echo(line)
    typer.echo(f"{chosen.isoformat()}: {len(lines)} servicers settled.")


operator_cli = typer.Typer(help="Operator accounts.", no_args_is_help=True)
cli.add_typer(operator_cli, name="operator")


@operator_cli.command("add")
@_friendly
def operator_add(
    email: Annotated[str, typer.Argument(help="The operator's e-mail, used to sign in")],
    name: Annotated[str, typer.Option("--name", help="How colleagues know them")],
) -> None:
    """Create an operator account; prints the authenticator (TOTP) link once."""
    from omotenashi.staff import service as staff
    from omotenashi.staff.models import Role

    password = typer.prompt(
        "Password (12 characters or more)", hide_input=True, confirmation_prompt=True
    )
    settings = _settings()

    async def run() -> str:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_scope(db.session_factory(engine)) as session:
                    enrolment = await staff.create_user(
                        session,
                        p.keys.derivation,
                        email=email,
                        display_name=name,
                        password=password,
                        role=Role.operator,
                        servicer_id=None,
                        actor="cli:operator-add",
                    )
                    return enrolment.totp_uri
            finally:
                await engine.dispose()

    uri = asyncio.run(run())
    typer.echo(
        "Operator created. Add this link to an authenticator app now; it is not shown again:"
    )
    typer.echo(uri)


tm_cli = typer.Typer(
    help="Translation memory: the bank's segments in and out as TMX.", no_args_is_help=True
)
cli.add_typer(tm_cli, name="tm")

_SKIPPED_EXAMPLES = 5  # unit numbers shown per reason


@tm_cli.command("import")
@_friendly
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
    settings = _settings()
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


@tm_cli.command("export")
@_friendly
def tm_export(
    file: Annotated[Path, typer.Argument(dir_okay=False, help="The TMX file to write")],
    source: Annotated[str, typer.Option(help="Source language")] = "ja",
    target: Annotated[str, typer.Option(help="Target language")] = "en",
) -> None:
    """Export a language pair's shareable segments as TMX 1.4b (contributor-only ones stay)."""
    from omotenashi.translation import service as bank
    from omotenashi.translation import tmx

    settings = _settings()

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


stats_cli = typer.Typer(help="Statistics: the daily cells behind the charts.", no_args_is_help=True)
cli.add_typer(stats_cli, name="stats")


@stats_cli.command("rebuild")
@_friendly
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
    from omotenashi.statistics import service as statistics

    settings = _settings()
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


keys_cli = typer.Typer(
    help="Master key rotation: which key wraps visitors' data keys, re-wrapping, rotating.",
    no_args_is_help=True,
)
cli.add_typer(keys_cli, name="keys")

_PRODUCTION_ROTATION = """\
In production the keys come from the environment, so rotating is a deployment step:
  1. If OMOTENASHI_DERIVATION_KEY is not set, set it to the present OMOTENASHI_MASTER_KEY
     (the first master key ever used): pairwise ids, card hashes and staff codes stay valid.
  2. Set OMOTENASHI_MASTER_KEY to a new key and add the old one to
     OMOTENASHI_PREVIOUS_MASTER_KEYS (comma-separated).
  3. Restart every `omotenashi serve` and `omotenashi worker`.
  4. Run `omotenashi keys rewrap`.
  5. When `omotenashi keys status` shows no data key under the old key, remove it from
     OMOTENASHI_PREVIOUS_MASTER_KEYS.
See README, 'Rotating the master key'."""


def _echo_key_use(keys: PlatformKeys, use: MasterKeyUse, carriers: dict[str, int]) -> None:
    """What `keys status` and the end of `keys rewrap` show: key ids and counts only."""
    typer.echo(f"Master key (current)   {use.current_key_id}   {use.on_current} visitors")
    previous_ids = [key.key_id for key in keys.previous_masters]
    for key_id in previous_ids:
        count = use.counts.get(key_id, 0)
        verdict = "still needed" if count else "no longer needed to unwrap: it can be removed"
        if not count and key_id == keys.derivation.key_id:
            verdict += " from the previous keys; keep it as the derivation key"
        typer.echo(f"Previous master key    {key_id}   {count} visitors ({verdict})")
    for key_id, count in use.elsewhere.items():
        if key_id not in previous_ids:
            typer.secho(
                f"Unknown master key     {key_id}   {count} visitors (not on the keyring: "
                "their sealed data cannot be read until that key is added as a previous key)",
                fg=typer.colors.RED,
            )
    typer.echo(
        f"Derivation key         {keys.derivation.key_id}   (pairwise ids, card hashes, staff "
        "codes; never rotated)"
    )
    stray = {key_id: n for key_id, n in carriers.items() if key_id != keys.derivation.key_id}
    for key_id, count in stray.items():
        typer.secho(
            f"{count} carriers were linked under derivation key {key_id}, not "
            f"{keys.derivation.key_id}: they will not be recognised; configure that key as "
            "the derivation key (OMOTENASHI_DERIVATION_KEY or keys/derivation.key).",
            fg=typer.colors.RED,
        )


@keys_cli.command("status")
@_friendly
def keys_status() -> None:
    """Show the current and previous master key ids and how many visitors each one serves."""
    from omotenashi.carriers import service as carriers
    from omotenashi.visitors import service as visitors

    settings = _settings()

    async def run() -> None:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    use = await visitors.master_key_use(session, p.keys.master.key_id)
                    cards = await carriers.live_carriers_by_key_id(session)
            finally:
                await engine.dispose()
            _echo_key_use(p.keys, use, cards)

    asyncio.run(run())


async def _rewrap_all(settings: Settings, batch: int, actor: str) -> None:
    """Re-wrap every data key not under the current master key, one transaction per batch, so
    an interrupted run keeps what it finished and a second run completes it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from omotenashi.carriers import service as carriers
    from omotenashi.visitors import service as visitors

    async with platform(settings) as p:
        keyring = p.keys.keyring
        engine = db.create_engine(p.database_url, pool_size=1)
        sessions = db.session_factory(engine)
        try:
            async with sessions() as session:
                before = await visitors.master_key_use(session, keyring.current_key_id)
            rewrapped = unknown = unreadable = 0
            progress = Progress(
                TextColumn("{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
            )
            with progress:
                task = progress.add_task("Re-wrapping", total=sum(before.elsewhere.values()))
                after = None
                while True:
                    async with db.session_scope(sessions) as session:
                        done = await visitors.rewrap_data_keys(
                            session, keyring, after=after, limit=batch
                        )
                    rewrapped += done.rewrapped
                    unknown += done.unknown_key
                    unreadable += done.unreadable
                    progress.advance(task, done.rewrapped + done.unknown_key + done.unreadable)
                    if done.last_id is None:
                        break
                    after = done.last_id
            async with db.session_scope(sessions) as session:
                use = await visitors.master_key_use(session, keyring.current_key_id)
                await visitors.record_rewrap(
                    session,
                    use,
                    rewrapped=rewrapped,
                    unknown_key=unknown,
                    unreadable=unreadable,
                    actor=actor,
                )
                cards = await carriers.live_carriers_by_key_id(session)
        finally:
            await engine.dispose()
    typer.echo(f"Re-wrapped {rewrapped} data keys under master key {keyring.current_key_id}.")
    if unknown:
        typer.secho(
            f"{unknown} data keys name a master key the keyring lacks; they were left as they are.",
            fg=typer.colors.RED,
        )
    if unreadable:
        typer.secho(
            f"{unreadable} data keys do not authenticate under the key they name; they were left "
            "as they are (their visitor ids are in the log).",
            fg=typer.colors.RED,
        )
    _echo_key_use(p.keys, use, cards)
    if any(use.counts.get(key.key_id) for key in p.keys.previous_masters):
        typer.echo(
            "Some data keys are still under a previous master key (rows busy during the run "
            "are skipped): run `omotenashi keys rewrap` again."
        )
    elif p.keys.previous_masters:
        typer.echo("No data key needs a previous master key any more.")


@keys_cli.command("rewrap")
@_friendly
def keys_rewrap(
    batch: Annotated[int, typer.Option(min=1, help="Visitors per transaction.")] = 1000,
) -> None:
    """Re-wrap every visitor data key under the current master key (sealed data untouched);
    safe to run while the platform serves, to interrupt and to run again."""
    settings = _settings()
    asyncio.run(_rewrap_all(settings, batch, actor="cli:keys-rewrap"))


@keys_cli.command("rotate")
@_friendly
def keys_rotate(
    batch: Annotated[int, typer.Option(min=1, help="Visitors per transaction.")] = 1000,
) -> None:
    """Make a new master key (embedded default only), keep the old one for unwrapping, and
    re-wrap every data key under the new one."""
    from omotenashi.pgcluster import EmbeddedCluster
    from omotenashi.security.keys import rotate_embedded_master

    settings = _settings()
    if not settings.embedded:
        typer.echo(_PRODUCTION_ROTATION, err=True)
        raise typer.Exit(2)
    cluster = EmbeddedCluster(
        root=settings.data_path / "postgres", password="", bin_dir=settings.pg_bin_dir
    )
    if cluster.initialised and cluster.is_running():
        # A running server keeps the key it started with and could not unwrap re-wrapped keys.
        raise StartupError(
            "The platform is running on this data directory; stop `omotenashi serve` (and "
            "any `omotenashi worker`), rotate, then start it again."
        )
    rotated = rotate_embedded_master(settings)
    folder = keys_dir(settings)
    typer.echo(
        f"New master key {rotated.current.key_id}; the previous one, {rotated.previous.key_id}, "
        f"is kept in {folder / 'master-previous'} to unwrap data keys until they are re-wrapped."
    )
    if rotated.derivation_pinned:
        typer.echo(
            f"{folder / 'derivation.key'} now holds the first master key: pairwise ids, card "
            "hashes and staff codes stay as they were."
        )
    asyncio.run(_rewrap_all(settings, batch, actor="cli:keys-rotate"))


@cli.command("demo")
@_friendly
def demo_command() -> None:
    """Load the demo data (safe to run again: nothing is duplicated)."""
    settings = _settings()

    async def run() -> None:
        async with platform(settings) as p:
            lines = await demo.load_into(p.database_url, p.keys)
        for line in lines or ["No domain has demo data to load yet."]:
            typer.echo(line)

    asyncio.run(run())


@cli.command()
def doctor(
    port: Annotated[int | None, typer.Option(help="The port `serve` will use.")] = None,
) -> None:
    """Check this machine and configuration, and say what to fix."""
    given: dict[str, Any] = {"port": port} if port else {}
    settings = Settings(**given)
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


def main() -> None:
    cli()


alerts_cli = typer.Typer(help="Disaster and emergency alerts.", no_args_is_help=True)
cli.add_typer(alerts_cli, name="alerts")


@alerts_cli.command("ingest")
@_friendly
def alerts_ingest(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, readable=True, help="A JMA XML report"),
    ],
) -> None:
    """Ingest a JMA disaster-information XML report: issue (or cancel) the alert it carries.
    A report that cannot be read is refused with its reason, and nothing is stored."""
    from omotenashi.alerts import service as alerts

    settings = _settings()
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


@alerts_cli.command("poll")
@_friendly
def alerts_poll(
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once, then stop")] = False,
) -> None:
    """Poll JMA's Atom feeds (OMOTENASHI_JMA_FEEDS) and ingest each new report once; without
    --once, every OMOTENASHI_JMA_POLL_INTERVAL_SECONDS until interrupted."""
    from omotenashi.alerts import feed

    settings = _settings()
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
