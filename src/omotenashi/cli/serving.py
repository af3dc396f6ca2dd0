"""What `omotenashi serve` and `omotenashi worker` run: the web server (with its worker
processes) and the job worker. Imported only by those two commands (uvicorn, uvloop, pgqueuer
and the app are not loaded for any other)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing
import signal
import socket
from collections.abc import Callable, Coroutine, Iterator
from datetime import timedelta
from typing import Any

import asyncpg
import typer
import uvicorn
import uvloop
from pgqueuer import PgQueuer
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from omotenashi import db, demo, erasures, jobs
from omotenashi.cli.base import importing
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.runtime import Platform, StartupError, platform
from omotenashi.security.keys import load_keys


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


async def _run_worker(worker: PgQueuer, settings: Settings) -> None:
    """Run jobs until shut down. A job another worker picked and stopped reporting on (it was
    killed) is taken up again after ``job_stale_seconds``: at least once, never lost."""
    await worker.run(heartbeat_timeout=timedelta(seconds=settings.job_stale_seconds))


def _run_serving(main: Coroutine[Any, Any, None]) -> None:
    """Run a serving process's event loop on uvloop (libuv; installed with uvicorn[standard]),
    which handles sockets with less overhead per request than asyncio's own loop."""
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main)


class _Coalescing:
    """A connection's transport whose writes of one turn of the event loop leave in one send.

    Uvicorn writes a response's status line and headers, then its body, each at once: two
    system calls and two TCP segments for a small answer (a resolve's), which cost the server
    about a tenth of its CPU per resolve and the client a second read. Here the writes are
    gathered and sent together when the running step of the loop ends (``call_soon``), before
    anything else the loop does; closing, or anything that must follow them, sends them first.
    """

    __slots__ = ("_loop", "_pending", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def abort(self) -> None:
        self._pending.clear()
        self._transport.abort()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:  # an upgrade (websockets)
        self.flush()
        self._transport.set_protocol(protocol)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _HttpProtocol(HttpToolsProtocol):
    """Uvicorn's httptools protocol, writing through :class:`_Coalescing`."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # (uvloop's transports implement asyncio.Transport without subclassing it)
        coalescing = _Coalescing(transport, self.loop)  # type: ignore[arg-type]
        super().connection_made(coalescing)  # type: ignore[arg-type]


def _web_server(app: Any, settings: Settings) -> _Server:
    return _Server(
        uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,
            lifespan="on",
            http=_HttpProtocol,
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
    erasures.configure(settings.erasure_journal_path)
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
    async with platform(settings) as p:
        # Imported once the settings, keys and database are known to be right: the app takes
        # seconds to import, which a mistyped OMOTENASHI_DATABASE_URL need not wait for.
        with importing():
            from omotenashi.app import create_app

        if with_demo:
            for line in await demo.load_into(p.database_url, p.keys):
                typer.echo(line)
        from omotenashi.cli.tm import sync_phrasebook

        typer.echo(await sync_phrasebook(p.database_url), err=True)
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
                tasks.append(asyncio.create_task(_run_worker(worker, settings)))
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


def run_web(settings: Settings, *, with_demo: bool, with_worker: bool, workers: int) -> None:
    """`omotenashi serve`, once its options are checked: serve until stopped."""
    _run_serving(_serve(settings, with_demo, with_worker, workers))


async def run_jobs(settings: Settings, *, drain: bool) -> None:
    """`omotenashi worker`: run jobs until stopped, or (``drain``) the waiting ones."""
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
                await _run_worker(worker, settings)
        finally:
            await pool.close()
            await engine.dispose()
