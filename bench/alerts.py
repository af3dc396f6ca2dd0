"""Disaster fan-out at size (issue 6, "Done when"; DESIGN §6).

1. start a private PostgreSQL with the product's own cluster manager, in a scratch directory,
   and migrate it (``alembic upgrade head``);
2. load N synthetic visitors across Japan with COPY (default 1 000 000): a visitor row, the
   targeting row the database triggers keep for a visitor with emergency consent (lodging
   prefecture and municipality weighted like visitors' stays, one of the 15 languages, one in
   ten with a shared coarse cell) and one Web Push subscription each, at a local push endpoint;
3. issue an earthquake early warning for Kantō and Tōkai (nine prefectures, about two visitors
   in five) the way an ingested report is issued — rendered in every alert language, signed,
   stored — then select the targeted visitors and enqueue their delivery jobs
   (``fanout.fan_out``, a transaction per slice, doubling from ``fanout.FIRST_SLICE``
   subscriptions, the first slice's time printed too), timed end to end against the 30 s target;
   then the same for a nationwide civil-protection alert (all 47 prefectures: every visitor,
   DESIGN §6's "1 million targeted"); beside them the floor of the same run: ``SELECT count(*)``
   over the whole targeting table;
4. a JMA tsunami warning for every coast of Japan (a VTSE41 listing all 66 tsunami forecast
   regions, major warnings), served by a local stand-in for JMA's feed host: the feed poller
   fetches and ingests it, the product's own job worker runs the fan-out and delivery jobs, and
   the time from the poller's receipt of the document to the first push reaching the local push
   endpoint is printed beside the 4 s target;
5. deliver M messages (default 5 000) of the enqueued jobs through the product's delivery job
   (``tasks.deliver_batch``: RFC 8291 encryption per subscription, VAPID, HTTP POST) to a local
   push endpoint running in another process, in this one process (one core); beside it the floor:
   the same number of POSTs of the same plaintext, unencrypted, over the same connection pool.

Prints each figure next to its target or floor; exits 1 when the fan-out misses its target.

    python -m bench.alerts                        # 1 000 000 visitors
    python -m bench.alerts --visitors 20000       # a quick run while developing
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import asyncpg
import h3
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import text
from tests.alerts.jma_server import serving
from tests.alerts.support import FIXTURES, as_received_now

from omotenashi import db, i18n, jobs
from omotenashi.alerts import fanout, feed, lifecycle, targeting, tasks
from omotenashi.alerts.areas import PREFECTURES, Area, tsunami_regions
from omotenashi.alerts.catalogue import (
    Alert,
    Earthquake,
    EarthquakeEarlyWarning,
    Intensity,
    IntensityRange,
    MissileAlert,
)
from omotenashi.alerts.models import AlertOrigin, AlertState
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.pgcluster import EmbeddedCluster, free_port, new_password
from omotenashi.runtime import Platform, ensure_database
from omotenashi.security.keys import load_keys

FAN_OUT_TARGET_S = 30.0
FEED_TARGET_S = 4.0
EVERY_COAST = "20110311145000_0_VTSE41_010000.xml"
DEVICE_KEYS = 64
"""Distinct browser keys among the subscriptions: making a million P-256 keys would time the
benchmark's set-up, not the product; each message still gets its own ephemeral key and salt."""

# Rough shares of foreign visitors' overnight stays by prefecture (JIS code → weight); the rest
# of the country shares what is left evenly.
STAY_WEIGHTS = {
    "13": 30.0,
    "27": 15.0,
    "26": 8.0,
    "01": 6.0,
    "47": 5.0,
    "14": 3.0,
    "12": 3.5,
    "40": 3.0,
    "23": 2.5,
    "22": 1.5,
    "19": 1.2,
    "20": 1.2,
    "28": 1.5,
    "34": 1.0,
    "17": 0.6,
}
KANTO_TOKAI = ("08", "09", "10", "11", "12", "13", "14", "19", "22")
# Rough centres, for the one visitor in ten who shares a coarse location.
CENTRES = {"13": (35.68, 139.76), "27": (34.69, 135.50), "26": (35.01, 135.77)}


@dataclass
class FanOut:
    render_sign_store_ms: float = 0.0
    select_enqueue_s: float = 0.0
    first_slice_s: float = 0.0
    slices: int = 0
    total_s: float = 0.0
    recipients: int = 0
    jobs: int = 0


@dataclass
class Figures:
    visitors: int
    load_s: float = 0.0
    count_floor_s: float = 0.0
    region: FanOut = field(default_factory=FanOut)
    nation: FanOut = field(default_factory=FanOut)
    messages: int = 0
    delivered: int = 0
    push_rate: float = 0.0
    plain_rate: float = 0.0
    feed_first_push_s: float = 0.0
    feed_ingest_s: float = 0.0
    feed_recipients: int = 0


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _device_keys() -> list[tuple[str, str]]:
    keys = []
    for _ in range(DEVICE_KEYS):
        public = (
            ec.generate_private_key(ec.SECP256R1())
            .public_key()
            .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        )
        keys.append((_b64(public), _b64(os.urandom(16))))
    return keys


def _prefectures(rng: random.Random, count: int) -> list[str]:
    codes = [f"{n:02d}" for n in range(1, 48)]
    rest = (100.0 - sum(STAY_WEIGHTS.values())) / (len(codes) - len(STAY_WEIGHTS))
    weights = [STAY_WEIGHTS.get(code, rest) for code in codes]
    return rng.choices(codes, weights, k=count)


async def load(url: str, count: int, endpoint: str) -> float:
    """Bulk-load ``count`` visitors with their targeting rows and subscriptions."""
    rng = random.Random(count)
    languages = [language.code for language in i18n.LANGUAGES]
    devices = _device_keys()
    until = datetime.now(UTC) + timedelta(days=10)
    prefectures = _prefectures(rng, count)
    started = time.perf_counter()
    conn = await asyncpg.connect(db.plain_url(url))
    try:
        # Only the bulk load skips the triggers and foreign-key checks; the rows are what the
        # triggers would have written (tests/alerts check that they do).
        await conn.execute("SET session_replication_role = replica")
        chunk = 100_000
        for offset in range(0, count, chunk):
            ids = [uuid.uuid4() for _ in range(min(chunk, count - offset))]
            visitors = []
            targets = []
            subscriptions = []
            for i, visitor_id in enumerate(ids):
                n = offset + i
                language = languages[n % len(languages)]
                prefecture = prefectures[n]
                municipality = f"{prefecture}{rng.randrange(100, 400):03d}"
                cell = None
                if n % 10 == 0 and prefecture in CENTRES:
                    lat, lng = CENTRES[prefecture]
                    cell = h3.str_to_int(
                        h3.latlng_to_cell(
                            lat + rng.uniform(-0.2, 0.2),
                            lng + rng.uniform(-0.2, 0.2),
                            targeting.LOCATION_RESOLUTION,
                        )
                    )
                visitors.append((visitor_id, language, b"\x00" * 60, "bench", False))
                targets.append(
                    (visitor_id, visitor_id, language, prefecture, municipality, cell, until)
                )
                p256dh, auth = devices[n % DEVICE_KEYS]
                subscriptions.append(
                    (uuid.uuid4(), visitor_id, f"{endpoint}/{n}", p256dh, auth, until)
                )
            await conn.copy_records_to_table(
                "visitors",
                records=visitors,
                columns=["id", "language", "data_key", "master_key_id", "keep_after_departure"],
            )
            await conn.copy_records_to_table(
                "alert_targets",
                records=targets,
                columns=[
                    "visitor_id",
                    "reach_visitor_id",
                    "language",
                    "prefecture",
                    "municipality",
                    "cell",
                    "emergency_until",
                ],
            )
            await conn.copy_records_to_table(
                "push_subscriptions",
                records=subscriptions,
                columns=["id", "visitor_id", "endpoint", "p256dh", "auth", "created_at"],
            )
            print(f"   loaded {offset + len(ids):,}", end="\r", flush=True)
        await conn.execute("ANALYZE visitors, alert_targets, push_subscriptions")
    finally:
        await conn.close()
    print()
    return time.perf_counter() - started


def _nationwide() -> Alert:
    prefectures = tuple(Area.prefecture(code) for code in PREFECTURES)
    return Alert(
        details=MissileAlert(prefectures),
        areas=prefectures,
        issued_at=datetime.now(UTC),
        source="内閣官房 / Cabinet Secretariat",
    )


def _warning() -> Alert:
    now = datetime.now(UTC)
    areas = tuple(Area.prefecture(code) for code in KANTO_TOKAI)
    details = EarthquakeEarlyWarning(
        Earthquake(now - timedelta(seconds=8), depth_km=40),
        IntensityRange(Intensity.SIX_LOWER, None),
    )
    return Alert(
        details=details,
        areas=areas,
        issued_at=now,
        source="気象庁 / Japan Meteorological Agency",
        event_id=now.strftime("%Y%m%d%H%M%S"),
        serial=1,
    )


async def fan_out(url: str, platform: Platform, figures: Figures) -> None:
    engine = db.create_engine(url, pool_size=2)
    sessions = db.session_factory(engine)
    try:
        async with sessions() as session:
            started = time.perf_counter()
            await session.execute(text("SELECT count(*) FROM alert_targets"))
            figures.count_floor_s = time.perf_counter() - started
        for alert, measured in ((_warning(), figures.region), (_nationwide(), figures.nation)):
            async with db.session_scope(sessions) as session:
                started = time.perf_counter()
                stored = lifecycle._new_stored(
                    alert, origin=AlertOrigin.jma_xml, state=AlertState.draft, created_by="bench"
                )
                await lifecycle._issue(session, platform.keys, stored, alert, actor="bench")
                rendered = time.perf_counter()
            finished = False
            while not finished:  # one transaction per slice, as the fan-out jobs run them
                async with db.session_scope(sessions) as session:
                    done = await fanout.fan_out(session, stored.id)
                finished = done.finished
                measured.slices += 1
                if measured.slices == 1:
                    measured.first_slice_s = time.perf_counter() - rendered
            finished_at = time.perf_counter()  # committed
            measured.render_sign_store_ms = (rendered - started) * 1000
            measured.select_enqueue_s = finished_at - rendered
            measured.total_s = finished_at - started
            measured.recipients = done.recipients
            measured.jobs = done.jobs
    finally:
        await engine.dispose()


_COAST_ITEM = (
    "<Item><Area><Name>{name}</Name><Code>{code}</Code></Area><Category>"
    "<Kind><Name>大津波警報：発表</Name><Code>53</Code></Kind>"
    "<LastKind><Name>津波なし</Name><Code>00</Code></LastKind></Category>"
    "<FirstHeight><Condition>ただちに津波来襲と予測</Condition></FirstHeight>"
    '<MaxHeight><jmx_eb:TsunamiHeight type="津波の高さ" unit="m" condition="不明" '
    'description="巨大">NaN</jmx_eb:TsunamiHeight></MaxHeight></Item>'
)


def every_coast() -> bytes:
    """The 2011 major-warning test report, its forecast widened to every tsunami forecast
    region, issued just now (as a feed delivers it)."""
    text = as_received_now((FIXTURES / "vtse41_2011_major_warning.xml").read_bytes()).decode()
    forecast = text.index("<Forecast>")
    start = text.index("<Item>", forecast)
    end = text.rindex("</Item>", 0, text.index("</Forecast>")) + len("</Item>")
    items = "".join(
        _COAST_ITEM.format(name=region.name_ja, code=code)
        for code, region in sorted(tsunami_regions().regions.items())
    )
    return (text[:start] + items + text[end:]).encode()


def _atom(name: str) -> bytes:
    href = f"https://www.data.jma.go.jp/developer/xml/data/{name}"
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>高頻度（地震火山）</title><id>bench</id><updated>2011-03-11T05:50:00Z</updated>"
        f"<entry><title>津波警報・注意報・予報a</title><id>{href}</id>"
        f'<updated>2011-03-11T05:50:00Z</updated><link type="application/xml" href="{href}"/>'
        "</entry></feed>"
    ).encode()


async def feed_to_first_push(url: str, platform: Platform, port: int, figures: Figures) -> None:
    """From the poller's receipt of a JMA document to the first push leaving, with the job
    worker running as in production (the fan-out's jobs of step 3 are dropped first)."""
    receiver = f"http://127.0.0.1:{port}"
    engine = db.create_engine(url, pool_size=4)
    sessions = db.session_factory(engine)
    pool = await asyncpg.create_pool(db.plain_url(url), min_size=1, max_size=4)
    try:
        async with sessions() as session:
            await session.execute(text("DELETE FROM pgqueuer"))
            await session.commit()
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{receiver}/reset") as answer:
                answer.raise_for_status()
            worker = jobs.build_worker(pool, sessions, platform)
            running = asyncio.create_task(worker.run())
            await asyncio.sleep(2)  # the worker is listening
            try:
                with serving() as jma:
                    jma.documents[EVERY_COAST] = every_coast()
                    jma.feed = _atom(EVERY_COAST)
                    poller = feed.Poller(
                        platform.keys, feeds=[jma.feed_url], allowed_hosts=[jma.host]
                    )
                    async with db.session_scope(sessions) as session:
                        [done] = await poller.poll(session)
                    ingested = time.time()
                    received = jma.served_at[EVERY_COAST]
                if len(done.alert_ids) != 1:
                    raise SystemExit(f"the poller did not issue the alert: {done}")
                first = None
                deadline = time.monotonic() + 60
                while first is None and time.monotonic() < deadline:
                    async with http.get(f"{receiver}/first") as answer:
                        first = await answer.json()
                    if first is None:
                        await asyncio.sleep(0.01)
                if first is None:
                    raise SystemExit("no push left within 60 s")
            finally:
                worker.shutdown.set()
                # The rest of the deliveries are not measured: on a loaded machine they may
                # still be queueing for connections; stop them rather than wait them out.
                with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(running, 30)
        async with sessions() as session:
            figures.feed_recipients = int(
                await session.scalar(
                    # (The fan-out counts them when its last slice is done, after this run.)
                    text(
                        "SELECT count(DISTINCT t.reach_visitor_id) FROM alert_targets t, alerts a "
                        "WHERE a.id = :id AND t.emergency_until > now() AND ("
                        "t.prefecture = ANY(a.target_prefectures) "
                        "OR t.municipality = ANY(a.target_municipalities) "
                        "OR t.cell = ANY(a.target_cells))"
                    ),
                    {"id": done.alert_ids[0]},
                )
                or 0
            )
        figures.feed_ingest_s = ingested - received
        figures.feed_first_push_s = first - received
    finally:
        await pool.close()
        await engine.dispose()


RECEIVER = textwrap.dedent(
    """
    import sys
    import time
    from aiohttp import web

    first = {"at": None}

    async def accept(request):
        await request.read()
        if first["at"] is None:
            first["at"] = time.time()
        return web.Response(status=201)

    async def reset(request):
        first["at"] = None
        return web.Response(status=204)

    async def first_at(request):
        return web.json_response(first["at"])

    app = web.Application()
    app.router.add_get("/reset", reset)
    app.router.add_get("/first", first_at)
    app.router.add_post("/{tail:.*}", accept)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
    """
)


def start_receiver(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen((sys.executable, "-c", RECEIVER, str(port)))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the local push endpoint did not start")


async def deliver(url: str, platform: Platform, messages: int, figures: Figures) -> None:
    """Run the enqueued delivery jobs' batches until ``messages`` are sent, in this process."""
    engine = db.create_engine(url, pool_size=2)
    sessions = db.session_factory(engine)
    try:
        async with sessions() as session:
            rows = (
                await session.execute(
                    text(
                        "SELECT payload FROM pgqueuer WHERE entrypoint = :name ORDER BY id LIMIT :n"
                    ),
                    {"name": fanout.DELIVER_JOB, "n": max(1, messages // fanout.BATCH_SIZE)},
                )
            ).scalars()
            batches = [json.loads(payload) for payload in rows]
        async with tasks.push.guarded_session(allow_loopback=True, limit=128) as http:
            started = time.perf_counter()
            for batch in batches:
                async with db.session_scope(sessions) as session:
                    counts = await tasks.deliver_batch(
                        session,
                        platform,
                        uuid.UUID(batch["alert_id"]),
                        [uuid.UUID(s) for s in batch["subscriptions"]],
                        http=http,
                    )
                figures.messages += sum(counts.values())
                figures.delivered += counts.get(tasks.push.Outcome.delivered, 0)
            figures.push_rate = figures.messages / (time.perf_counter() - started)

            # The floor: the same number of POSTs of a message of the same size, unencrypted.
            async with sessions() as session:
                endpoints = (
                    await session.execute(
                        text("SELECT endpoint FROM push_subscriptions LIMIT :n"),
                        {"n": figures.messages},
                    )
                ).scalars()
                targets = list(endpoints)
            body = b"x" * 1200
            limit = asyncio.Semaphore(64)

            async def post(endpoint: str) -> None:
                async with limit, http.post(endpoint, data=body, headers={"TTL": "60"}) as r:
                    await r.read()

            started = time.perf_counter()
            for offset in range(0, len(targets), fanout.BATCH_SIZE):
                await asyncio.gather(
                    *(post(e) for e in targets[offset : offset + fanout.BATCH_SIZE])
                )
            figures.plain_rate = len(targets) / (time.perf_counter() - started)
    finally:
        await engine.dispose()


def report(figures: Figures) -> bool:
    n = f"{figures.visitors:,}"
    rows: list[tuple[str, float, str, str]] = [
        (f"[{n}] bulk load (COPY, 3 tables) s", figures.load_s, "-", "")
    ]
    missed = False
    for name, measured in (("Kanto+Tokai EEW", figures.region), ("nationwide", figures.nation)):
        ok = measured.total_s < FAN_OUT_TARGET_S
        missed |= not ok
        rows += [
            (
                f"[{n}] {name}: issue+select+enqueue s",
                measured.total_s,
                f"target < {FAN_OUT_TARGET_S:g}",
                "ok" if ok else "MISSED",
            ),
            (f"[{n}]   render 16 languages + sign ms", measured.render_sign_store_ms, "-", ""),
            (f"[{n}]   select + enqueue s", measured.select_enqueue_s, "-", ""),
            (f"[{n}]   first slice committed s", measured.first_slice_s, "-", ""),
            (f"[{n}]   slices (transactions)", measured.slices, "-", ""),
            (f"[{n}]   visitors reached", measured.recipients, "-", ""),
            (f"[{n}]   delivery jobs enqueued", measured.jobs, "-", ""),
        ]
    feed_ok = figures.feed_first_push_s < FEED_TARGET_S
    missed |= not feed_ok
    rows += [
        (
            f"[{n}] JMA feed: document received -> first push s",
            figures.feed_first_push_s,
            f"target < {FEED_TARGET_S:g}",
            "ok" if feed_ok else "MISSED",
        ),
        (f"[{n}]   received -> ingested, committed s", figures.feed_ingest_s, "-", ""),
        (f"[{n}]   visitors reached (every coast)", figures.feed_recipients, "-", ""),
    ]
    rows += [
        (f"[{n}] floor: SELECT count(*) targets s", figures.count_floor_s, "(floor)", ""),
        (
            f"delivery, RFC 8291 + VAPID, msg/s/core ({figures.messages:,})",
            figures.push_rate,
            "-",
            "",
        ),
        ("floor: same POSTs unencrypted, msg/s/core", figures.plain_rate, "(floor)", ""),
    ]
    print()
    for name, value, floor, verdict in rows:
        print(f"{name:52} {value:12,.2f}   {floor:>14}   {verdict}")
    if figures.delivered != figures.messages:
        print(f"only {figures.delivered} of {figures.messages} messages were accepted")
        return True
    return missed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--visitors", type=int, default=1_000_000)
    parser.add_argument("--messages", type=int, default=5_000)
    args = parser.parse_args(argv)
    configure_logging(Settings(log_level=os.environ.get("BENCH_LOG", "WARNING")))
    figures = Figures(args.visitors)
    port = free_port()
    receiver = start_receiver(port)
    try:
        with tempfile.TemporaryDirectory(prefix="omotenashi-bench-alerts-") as tmp:
            scratch = Path(tmp)
            os.chmod(scratch, 0o755)  # noqa: S103 - the embedded server may run as another user
            # The local push endpoint is this machine, as in development.
            settings = Settings(
                data_dir=scratch / "data", log_level="WARNING", push_loopback_endpoints=True
            )
            print(f"\n== {args.visitors:,} visitors", flush=True)
            with EmbeddedCluster(
                scratch / "postgres", new_password(), durable=False
            ).running() as cluster:
                asyncio.run(ensure_database(cluster.url(), "bench"))
                url = cluster.url("bench")
                db.upgrade(url)
                platform = Platform(settings=settings, database_url=url, keys=load_keys(settings))
                figures.load_s = asyncio.run(
                    load(url, args.visitors, f"http://127.0.0.1:{port}/push")
                )
                print(f"   loaded in {figures.load_s:.1f} s", flush=True)
                asyncio.run(fan_out(url, platform, figures))
                for measured in (figures.region, figures.nation):
                    print(
                        f"   fan-out {measured.total_s:.2f} s: {measured.recipients:,} "
                        f"visitors, {measured.jobs:,} jobs",
                        flush=True,
                    )
                asyncio.run(deliver(url, platform, args.messages, figures))
                asyncio.run(feed_to_first_push(url, platform, port, figures))
                print(f"   feed to first push {figures.feed_first_push_s:.2f} s", flush=True)
    finally:
        receiver.terminate()
        receiver.wait(timeout=10)
    failed = report(figures)
    sys.exit("alerts: a figure missed its target" if failed else 0)


if __name__ == "__main__":
    main()
