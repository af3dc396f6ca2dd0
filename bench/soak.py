"""Soak: the mixed workload at half of the measured capacity, for a long time (issue 24).

1. start the product as a user would: ``serve --no-worker --workers 2`` (``bench.resolve``'s
   server, on its embedded PostgreSQL) and ``omotenashi worker`` as a separate process on the
   same database, and a local Web Push endpoint (``bench.alerts``'s receiver);
2. load visitors with IC cards, consents and wallets as ``bench.resolve`` and
   ``bench.payments`` do, and visitors with emergency consent and a push subscription each as
   ``bench.alerts`` does;
3. measure the mix's capacity in this run: ``CAPACITY_CALLERS`` callers each sending the mix's
   next request as soon as the last is answered, through this generator (whose own CPU shares
   the machine with the server's during the soak too) and with the worker running;
4. offer half of it, open-loop (each latency from the request's scheduled time), for
   ``--minutes``: resolves and charges from terminals, consent grants and revocations from
   visitors registered during the run, registrations at what one network address may make
   (``REGISTRATIONS_PER_ADDRESS``), and every ``--alert-every`` seconds an earthquake warning
   whose fan-out and pushes the worker process runs (the worker and the issuer niced, as
   ``BACKGROUND_NICE`` explains);
5. print the errors (target 0), p99 per window and the trend of the p99 minute by minute
   (target: no upward trend, ``TREND_TARGET``), and each process's memory at the start and the end
   (target: growth under 10 %), each beside its target.

    python -m bench.soak                          # 30 minutes, 5-minute windows
    python -m bench.soak --minutes 5 --window 60  # a short run
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import gc
import json
import multiprocessing
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import alerts as ab
from bench import payments as pb
from bench import resolve as rb
from omotenashi import db, i18n
from omotenashi.alerts import lifecycle
from omotenashi.alerts.models import AlertOrigin, AlertState
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.pgcluster import free_port
from omotenashi.security.keys import DERIVATION_FILE, MASTER_FILE, load_keys
from omotenashi.visitors.service import REGISTRATIONS_PER_ADDRESS

VISITORS = 10_000
ALERT_VISITORS = 5_000
BACKGROUND_NICE = 10
"""The worker and the alert issuer run at this niceness. On the fleet they have nodes of their
own (docs/scale.md); on this one machine an alert's burst of work (issue, fan-out, 5,000
pushes: several seconds of both cores) would otherwise queue the serving processes' requests behind
it, a contention the fleet does not have. Niced, they take what the serving processes leave."""
TERMINALS = 100  # of bench.resolve's 500: their tokens are renewed every few minutes
TOKEN_RENEWAL_S = 200  # tokens live 300 s
CAPACITY_SECONDS = 20
CAPACITY_CALLERS = 64
SHARES = {"resolve": 0.85, "charge": 0.10, "consent": 0.05}
ERRORS_TARGET = 0
RSS_GROWTH_TARGET = 0.10
ALERT_SPAN_S = 60  # an alert's issue, fan-out and pushes, for the figures outside them
TREND_TARGET = 0.20
"""The most the p99 may rise over the run, as a share of its median: judged on the p99 of each
minute through a Theil-Sen line (the median of the slopes between every two minutes). A least-
squares line through six 5-minute p99s says where the run's few slow bursts fell (an alert, a
checkpoint, another process) more than whether latency climbs; the median slope over thirty
minutes is not moved by a few of them, and a real climb (a leak, a table read whole as it grows)
moves all of them."""


# --- the processes and their memory --------------------------------------------------------


def start_worker(server: rb.Server) -> subprocess.Popen[bytes]:
    """``omotenashi worker`` on the server's database, as an operator scales out jobs: with an
    explicit database URL, every secret from the environment (README, 'Production'), here the
    ones the embedded server made."""
    folder = server.data_dir / "keys"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    env.update(
        OMOTENASHI_DATABASE_URL=server.database_url(),
        OMOTENASHI_MASTER_KEY=(folder / MASTER_FILE).read_text().strip(),
        OMOTENASHI_TOKEN_SIGNING_KEY=(folder / "token-signing.pem").read_text(),
        OMOTENASHI_VAPID_PRIVATE_KEY=(folder / "vapid.pem").read_text(),
        OMOTENASHI_LOG_LEVEL="WARNING",
        OMOTENASHI_LOG_FORMAT="json",
        # The bench's push service listens on this machine, where a real one never does.
        OMOTENASHI_PUSH_LOOPBACK_ENDPOINTS="true",
    )
    if (folder / DERIVATION_FILE).exists():  # kept apart only once the master key rotated
        env["OMOTENASHI_DERIVATION_KEY"] = (folder / DERIVATION_FILE).read_text().strip()
    log_path = server.data_dir.parent / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "omotenashi", "worker"],
            env=env,
            stdout=log,
            stderr=log,
            preexec_fn=_background,
        )
    started = time.monotonic()
    while b"Worker running" not in log_path.read_bytes():
        if worker.poll() is not None or time.monotonic() - started > 60:
            worker.kill()
            raise SystemExit(f"the worker did not start:\n{rb._tail(log_path)}")
        time.sleep(0.2)
    return worker


def _background() -> None:
    os.nice(BACKGROUND_NICE)


def _ready() -> None:
    """Nothing: run in the issuer's process to have it started (and its imports done)."""


def _rss_kib(pid: int, field_name: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"


def memory(server: rb.Server, worker: subprocess.Popen[bytes]) -> dict[str, int]:
    """KiB per process: each Python process's resident set; PostgreSQL's private (anonymous)
    memory summed over its processes, since its resident set counts the shared buffers each
    backend has touched (which grows to shared_buffers and is no leak)."""
    tree = rb._children()
    figures: dict[str, int] = {}
    serve = server.process.pid
    figures["serve (main)"] = _rss_kib(serve)
    # The web server processes (multiprocessing's spawned children; not its resource tracker,
    # nor PostgreSQL, which the main process started).
    children = [c for c in sorted(tree.get(serve, [])) if "spawn_main" in _name(c)]
    for n, child in enumerate(children, start=1):
        figures[f"serve web process {n}"] = _rss_kib(child)
    figures["omotenashi worker"] = _rss_kib(worker.pid)
    postmaster = int(
        (server.data_dir / "postgres" / "data" / "postmaster.pid").read_text().split("\n")[0]
    )
    processes = rb._tree(postmaster, tree)
    # Per process: the pools open connections on first use and close idle ones, so the count
    # moves with the load; a leak raises what each one holds.
    figures["PostgreSQL private, per process"] = sum(
        _rss_kib(pid, "RssAnon") for pid in processes
    ) // max(1, len(processes))
    figures["PostgreSQL processes (count)"] = len(processes)
    return figures


# --- the load ------------------------------------------------------------------------------


@dataclass
class Request:
    kind: str
    data: bytes
    expect: int


@dataclass
class Tally:
    window_s: float
    start: float = 0.0
    latencies: dict[int, list[float]] = field(default_factory=dict)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    done: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    alerts: list[float] = field(default_factory=list)
    """When each alert was issued, in seconds from the start."""
    quiet: dict[int, list[float]] = field(default_factory=dict)
    """Per window, the latencies of requests scheduled outside an alert's first minute."""
    slowest: dict[int, float] = field(default_factory=dict)
    """The slowest latency of the requests scheduled in each second."""
    minutes: dict[int, list[float]] = field(default_factory=dict)

    def record(self, kind: str, scheduled: float, finished: float) -> None:
        at = scheduled - self.start
        window = int(at // self.window_s)
        milliseconds = (finished - scheduled) * 1000
        self.latencies.setdefault(window, []).append(milliseconds)
        self.by_kind.setdefault(kind, []).append(milliseconds)
        self.done[kind] += 1
        self.minutes.setdefault(int(at // 60), []).append(milliseconds)
        second = int(at)
        self.slowest[second] = max(self.slowest.get(second, 0.0), milliseconds)
        last_alert = bisect.bisect_right(self.alerts, at) - 1
        if last_alert < 0 or at - self.alerts[last_alert] >= ALERT_SPAN_S:
            self.quiet.setdefault(window, []).append(milliseconds)

    def in_alert_span(self, second: int) -> float | None:
        """The alert whose first minute ``second`` falls in, if any."""
        last_alert = bisect.bisect_right(self.alerts, second) - 1
        if last_alert >= 0 and second - self.alerts[last_alert] < ALERT_SPAN_S:
            return self.alerts[last_alert]
        return None


def _http(method: str, path: str, token: str, body: object | None = None, key: str = "") -> bytes:
    payload = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
    )
    if key:
        head += f"Idempotency-Key: {key}\r\n"
    return (head + "\r\n").encode() + payload


class Load:
    """What the run offers: terminals' tokens, visitors registered in the run and their
    consents, and the mix of requests drawn from them."""

    def __init__(self, server: rb.Server, loaded: rb.Loaded, servicer_id: uuid.UUID) -> None:
        self.server = server
        self.loaded = loaded
        self.servicer_id = str(servicer_id)
        self.tokens: list[str] = []
        self.visitors: list[str] = []  # session tokens of visitors registered in the run
        self.grants: dict[str, list[str]] = {}  # session token -> live grant ids
        self.run = uuid.uuid4().hex[:8]
        self.sent = 0

    def renew_tokens(self) -> None:
        with httpx.Client() as http:
            self.tokens = [
                rb.get_token(self.server, self.loaded, client_id, http)
                for client_id in self.loaded.client_ids[:TERMINALS]
            ]

    def resolve(self) -> Request:
        body = rb.resolve_body(random.randrange(VISITORS))
        return Request(
            "resolve", _http("POST", "/v1/resolve", random.choice(self.tokens), body), 200
        )

    def charge(self) -> Request:
        self.sent += 1
        body = {
            "carrier": {"kind": "ic_card", "id": rb.card(random.randrange(VISITORS))},
            "amount": 1,
        }
        data = _http(
            "POST",
            "/v1/payments/charges",
            random.choice(self.tokens),
            body,
            f"soak-{self.run}-{self.sent}",
        )
        return Request("charge", data, 201)

    def register(self) -> Request:
        body = {"language": random.choice(i18n.LANGUAGES).code}
        return Request("register", _http("POST", "/v1/visitors", "none", body), 201)

    def consent(self) -> Request | None:
        """A grant by a visitor with none live, else a revocation of one of theirs."""
        if not self.visitors:
            return None
        visitor = random.choice(self.visitors)
        live = self.grants.setdefault(visitor, [])
        if live:
            grant_id = live.pop()
            return Request("revoke", _http("DELETE", f"/v1/me/consents/{grant_id}", visitor), 200)
        body = {"purpose": rb.PURPOSE, "attributes": ["name"], "servicer_id": self.servicer_id}
        return Request("grant", _http("POST", "/v1/me/consents", visitor, body), 201)

    def answered(self, request: Request, status: int, body: bytes) -> None:
        if status != request.expect:
            return
        if request.kind == "register":
            self.visitors.append(json.loads(body)["session"]["token"])
        elif request.kind == "grant":
            token = request.data.split(b"Authorization: Bearer ", 1)[1].split(b"\r\n", 1)[0]
            self.grants.setdefault(token.decode(), []).append(json.loads(body)["id"])


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length)


def issue_alert_in_process(url: str, data_dir: str) -> None:
    """Issue an earthquake warning as the JMA feed would, in a process of its own (see main)."""

    async def issue() -> None:
        keys = load_keys(Settings(data_dir=Path(data_dir)))
        engine = db.create_engine(url, pool_size=1)
        try:
            alert = ab._warning()
            async with db.session_scope(db.session_factory(engine)) as session:
                stored = lifecycle._new_stored(
                    alert, origin=AlertOrigin.jma_xml, state=AlertState.draft, created_by="soak"
                )
                await lifecycle._issue(session, keys, stored, alert, actor="soak")
        finally:
            await engine.dispose()

    asyncio.run(issue())


def _mix(load: Load, kinds: list[str], weights: list[float]) -> Request:
    kind = random.choices(kinds, weights)[0]
    made = load.charge() if kind == "charge" else load.consent() if kind == "consent" else None
    return made or load.resolve()  # a consent change needs a visitor registered in the run


async def closed_loop(load: Load, port: int, seconds: float) -> float:
    """The mix's requests answered per second with ``CAPACITY_CALLERS`` callers each sending its
    next request as soon as the last is answered (no registrations: one address may make only a
    few a minute)."""
    loop = asyncio.get_running_loop()
    kinds = list(SHARES)
    weights = [SHARES[k] for k in kinds]
    answered = 0
    deadline = loop.time() + seconds

    async def caller() -> None:
        nonlocal answered
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while loop.time() < deadline:
                request = _mix(load, kinds, weights)
                try:
                    status, body = await _exchange(reader, writer, request.data)
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                load.answered(request, status, body)
                answered += 1
        finally:
            writer.close()

    started = loop.time()
    await asyncio.gather(*(caller() for _ in range(CAPACITY_CALLERS)))
    return answered / (loop.time() - started)


async def soak(
    load: Load,
    port: int,
    rate: float,
    seconds: float,
    tally: Tally,
    alert_every: float,
    issue_alert: object,
) -> int:
    """Offer ``rate`` requests a second on schedule; returns the alerts issued."""
    loop = asyncio.get_running_loop()
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    slots = asyncio.Semaphore(256)
    pending: set[asyncio.Task[None]] = set()

    async def one(scheduled: float, request: Request) -> None:
        async with slots:
            for attempt in range(2):
                reused = bool(idle) and attempt == 0
                if reused:
                    reader, writer = idle.pop()
                else:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                try:
                    status, body = await _exchange(reader, writer, request.data)
                    break
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    writer.close()
                    # A keep-alive connection the server closed while idle is no failure of
                    # the request: it goes again on a new one, from the same scheduled time.
                    if not reused:
                        tally.errors[f"{request.kind} {type(exc).__name__}"] += 1
                        return
            idle.append((reader, writer))
        tally.record(request.kind, scheduled, loop.time())
        if status != request.expect:
            tally.errors[f"{request.kind} {status}"] += 1
        load.answered(request, status, body)

    kinds = list(SHARES)
    weights = [SHARES[k] for k in kinds]
    register_every = 60.0 / (REGISTRATIONS_PER_ADDRESS.per_minute * 0.8)
    tally.start = start = loop.time() + 0.2
    next_register = start
    next_alert = start + alert_every / 2
    next_tokens = start + TOKEN_RENEWAL_S
    alerts = 0
    total = int(rate * seconds)
    gc.collect()
    gc.disable()  # see bench.resolve.open_loop: a collection would stall the schedule
    try:
        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            # Nothing the generator does besides sending may hold up its schedule: a request
            # sent late counts the delay against the server. Tokens are renewed in a thread
            # (the old ones stay valid meanwhile) and alerts issued in a process of their own.
            if scheduled >= next_tokens:
                pending.add(asyncio.create_task(asyncio.to_thread(load.renew_tokens)))
                next_tokens += TOKEN_RENEWAL_S
            if scheduled >= next_alert:
                pending.add(asyncio.create_task(issue_alert()))  # type: ignore[operator]
                tally.alerts.append(scheduled - start)
                alerts += 1
                next_alert += alert_every
            requests: list[Request | None] = []
            if scheduled >= next_register:
                requests.append(load.register())
                next_register += register_every
            requests.append(_mix(load, kinds, weights))
            for request in requests:
                if request is not None:
                    task = asyncio.create_task(one(scheduled, request))
                    pending.add(task)
                    task.add_done_callback(pending.discard)
        await asyncio.gather(*pending)
    finally:
        gc.enable()
    for _, writer in idle:
        writer.close()
    return alerts


def trace(folder: Path, tally: Tally, server: rb.Server) -> None:
    """Each second of the run: the slowest latency of the requests scheduled in it and whether
    an alert was in its first minute; beside it PostgreSQL's log (checkpoints, autovacuum)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "seconds.tsv").open("w") as out:
        out.write(f"# started at {time.time() - (time.monotonic() - tally.start):.0f} (unix)\n")
        out.write("second\tslowest_ms\tseconds_after_alert\n")
        for second, milliseconds in sorted(tally.slowest.items()):
            alert = tally.in_alert_span(second)
            after = "" if alert is None else f"{second - alert:.0f}"
            out.write(f"{second}\t{milliseconds:.1f}\t{after}\n")
    log = server.data_dir / "postgres" / "server.log"
    if log.is_file():
        shutil.copy(log, folder / "postgres.log")


# --- figures -------------------------------------------------------------------------------


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def slope(ys: list[float]) -> float:
    """Least-squares slope of ``ys`` over their index."""
    n = len(ys)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(ys) / n
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(ys))
    return covariance / sum((x - mean_x) ** 2 for x in range(n))


def theil_sen(ys: list[float]) -> float:
    """The median of the slopes between every two of ``ys`` (over their index)."""
    slopes = [(ys[j] - ys[i]) / (j - i) for i in range(len(ys)) for j in range(i + 1, len(ys))]
    return statistics.median(slopes) if slopes else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--window", type=float, default=300, help="seconds per p99 window")
    parser.add_argument(
        "--alert-every",
        type=float,
        default=150,
        help="seconds between alerts (150: two in every 5-minute window, so windows compare)",
    )
    parser.add_argument("--warm-up", type=float, default=60, help="seconds, not counted")
    parser.add_argument("--share", type=float, default=0.5, help="of the measured capacity")
    parser.add_argument(
        "--trace",
        type=Path,
        help="a folder for the run's timeline (seconds.tsv) and PostgreSQL's log, to explain a"
        " slow second",
    )
    args = parser.parse_args(argv)
    configure_logging(Settings(log_level="WARNING"))
    with tempfile.TemporaryDirectory(prefix="omotenashi-soak-") as tmp:
        os.chmod(tmp, 0o755)  # noqa: S103 - the embedded server may run as another user
        workdir = Path(tmp)
        print(f"   load average at the start: {os.getloadavg()[0]:.2f}", flush=True)
        push_port = free_port()
        receiver = ab.start_receiver(push_port)
        server = rb.start_server(workdir / "var", workers=2)
        worker = None
        try:
            loaded = asyncio.run(rb.load(server, VISITORS))
            url = server.database_url()
            asyncio.run(pb.allow_payment(url))
            asyncio.run(ab.load(url, ALERT_VISITORS, f"http://127.0.0.1:{push_port}/push"))
            worker = start_worker(server)
            load = Load(server, loaded, loaded.servicer_id)
            load.renew_tokens()
            rb.check_resolves(server, load.tokens[0], VISITORS)
            pb.check_charge(server, load.tokens[0])

            # The capacity of this very mix, through this generator, with the worker running:
            # what the soak offers a share of.
            capacity = asyncio.run(closed_loop(load, server.port, CAPACITY_SECONDS))
            rate = args.share * capacity
            print(
                f"   capacity: the mix {capacity:.0f}/s (closed loop, {CAPACITY_CALLERS} callers,"
                f" {CAPACITY_SECONDS} s); offering {rate:.0f}/s for {args.minutes:g} min",
                flush=True,
            )
            load.renew_tokens()
            # Issuing renders and signs the alert in 16 languages (about a second of CPU): in
            # the generator's own loop that second held up every request scheduled meanwhile.
            # Niced as the worker is, and started now: its imports are not the first alert's.
            issuer = ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_background
            )
            issuer.submit(_ready).result()

            async def issue_alert() -> None:
                await asyncio.get_running_loop().run_in_executor(
                    issuer, issue_alert_in_process, url, str(server.data_dir)
                )

            tally = Tally(args.window)
            before: dict[str, int] = {}

            async def run() -> int:
                try:
                    # A warm-up at the same rate (not counted): pools open their connections,
                    # caches fill; memory is taken at its end, as the run starts.
                    warm = Tally(args.window)
                    await soak(load, server.port, rate, args.warm_up, warm, 1e9, issue_alert)
                    tally.errors.update(warm.errors)
                    before.update(memory(server, worker))
                    return await soak(
                        load,
                        server.port,
                        rate,
                        args.minutes * 60,
                        tally,
                        args.alert_every,
                        issue_alert,
                    )
                finally:
                    issuer.shutdown()

            alerts = asyncio.run(run())
            time.sleep(2)
            after = memory(server, worker)
            pushed = httpx.get(f"http://127.0.0.1:{push_port}/first").json()
            if args.trace:
                trace(args.trace, tally, server)
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGINT)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
            rb.stop_server(server)
            receiver.terminate()
            receiver.wait(timeout=10)

    failed = report(tally, before, after, alerts, pushed is not None)
    sys.exit(1 if failed else 0)


def report(
    tally: Tally, before: dict[str, int], after: dict[str, int], alerts: int, pushed: bool
) -> bool:
    failed = False
    total = sum(tally.done.values())
    errors = sum(tally.errors.values())
    print()
    print(
        f"load average (1, 5, 15 min) at the end: {', '.join(f'{n:.2f}' for n in os.getloadavg())}"
    )
    print(
        f"requests answered: {total:,} ({dict(tally.done)}); alerts issued: {alerts}"
        f" (a push reached the endpoint: {'yes' if pushed else 'no'})"
    )
    ok = errors <= ERRORS_TARGET and (alerts == 0 or pushed)
    failed |= not ok
    print(f"{'errors':<40} {errors:>12}   target {ERRORS_TARGET:<14} {'ok' if ok else 'MISSED'}")
    if tally.errors:
        print(f"   {dict(tally.errors)}")
    windows = [p99(tally.latencies[w]) for w in sorted(tally.latencies)]
    # The last window may hold only the tail of the schedule: judged only when nearly full.
    full = [
        p99(tally.latencies[w])
        for w in sorted(tally.latencies)
        if len(tally.latencies[w]) >= 0.9 * max(len(v) for v in tally.latencies.values())
    ]
    for n, value in enumerate(windows):
        count = len(tally.latencies[sorted(tally.latencies)[n]])
        print(f"{f'p99 window {n + 1} ({count:,} requests)':<40} {value:>9.1f} ms")
    for window in sorted(tally.quiet):
        quiet = tally.quiet[window]
        print(
            f"{f'  outside alert minutes ({len(quiet):,})':<40} {p99(quiet):>9.1f} ms"
            f"   (window {window + 1})"
        )
    worst = sorted(tally.slowest.items(), key=lambda item: -item[1])[:10]
    for second, milliseconds in sorted(worst):
        alert = tally.in_alert_span(second)
        during = f"{second - alert:.0f} s after an alert" if alert is not None else "no alert"
        print(f"{f'  slowest at +{second} s':<40} {milliseconds:>9.1f} ms   ({during})")
    for kind, values in sorted(tally.by_kind.items()):
        ordered = sorted(values)
        print(
            f"{f'  {kind} p50 / p99, whole run':<40} {ordered[len(ordered) // 2]:>9.1f} / "
            f"{p99(values):.1f} ms"
        )
    print(f"{'p99 slope over the windows (ms each)':<40} {slope(full):>+9.2f}   (least squares)")
    # The last minute may hold only the tail of the schedule: judged only when nearly full.
    per_minute = [
        p99(tally.minutes[m])
        for m in sorted(tally.minutes)
        if len(tally.minutes[m]) >= 0.9 * max(len(v) for v in tally.minutes.values())
    ]
    rise = theil_sen(per_minute) * (len(per_minute) - 1)
    typical = statistics.median(per_minute) if per_minute else 0.0
    trend_ok = rise <= TREND_TARGET * typical
    failed |= not trend_ok
    print(
        f"{'p99 trend over ' + str(len(per_minute)) + ' minutes (Theil-Sen)':<40} "
        f"{rise:>+9.1f} ms   = {rise / typical if typical else 0:+.0%} of the median minute's "
        f"p99 {typical:.1f} ms; target < +{TREND_TARGET:.0%}  {'ok' if trend_ok else 'MISSED'}"
    )
    for name in before:
        start, end = before[name], after.get(name, 0)
        if name.endswith("(count)"):
            print(f"{name:<40} {start:>7} → {end:>7}")
            continue
        growth = (end - start) / start if start else 0.0
        ok = growth < RSS_GROWTH_TARGET
        failed |= not ok
        print(
            f"{'memory ' + name:<40} {start / 1024:>7.1f} → {end / 1024:>7.1f} MiB ({growth:+.1%})"
            f"   target < +{RSS_GROWTH_TARGET:.0%}  {'ok' if ok else 'MISSED'}"
        )
    return failed


if __name__ == "__main__":
    main()
