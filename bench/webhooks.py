"""Webhook delivery at rate (issue 19, "Done when").

1. start a private PostgreSQL with the product's own cluster manager and migrate it; make a
   servicer with one webhook endpoint at a local HTTP receiver running in another process;
2. throughput: write N events to the outbox (``service.emit``, in transactions of 100, as the
   changes they announce would), then run the product's own job worker until every delivery
   has been answered: deliveries/s, signed, each with its own attempt recorded;
3. delay at that rate: an open-loop emitter at 70 % of the measured deliveries/s, one event per
   transaction (as a consent granted at a desk makes one), for a few seconds, with the worker
   running: the time from each event's commit-time stamp to its arrival at the receiver,
   p50/p99;
4. the floor, in the same run: the same N bodies POSTed plainly (no outbox, no queue, no
   signature) to the same receiver over one pooled client, 64 at a time.

    python -m bench.webhooks                  # 3 000 events
    python -m bench.webhooks --events 500     # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy import text

from omotenashi import db, jobs
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.pgcluster import EmbeddedCluster, free_port, new_password
from omotenashi.runtime import Platform, ensure_database
from omotenashi.security.keys import load_keys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.webhooks import service
from omotenashi.webhooks.models import WebhookEvent

EVENT = "consent_request.answered"
RATE_SHARE = 0.7
DELAY_SECONDS = 8

RECEIVER = textwrap.dedent(
    """
    import json
    import sys
    import time
    from datetime import datetime
    from aiohttp import web

    delays = []
    count = {"n": 0}

    async def accept(request):
        body = await request.read()
        arrived = time.time()
        count["n"] += 1
        if request.headers.get("webhook-id"):
            stamp = json.loads(body)["timestamp"].replace("Z", "+00:00")
            delays.append(arrived - datetime.fromisoformat(stamp).timestamp())
        return web.Response(status=204)

    async def reset(request):
        delays.clear()
        count["n"] = 0
        return web.Response(status=204)

    async def stats(request):
        return web.json_response({"count": count["n"], "delays": delays})

    app = web.Application()
    app.router.add_get("/reset", reset)
    app.router.add_get("/stats", stats)
    app.router.add_post("/hook", accept)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
    """
)


@dataclass
class Figures:
    events: int
    rate: float = 0.0
    floor_rate: float = 0.0
    delay_rate: float = 0.0
    delays: list[float] = field(default_factory=list)


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
    raise SystemExit("the local webhook receiver did not start")


async def _stats(receiver: str) -> dict[str, object]:
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{receiver}/stats")
        answer.raise_for_status()
        stats: dict[str, object] = answer.json()
        return stats


async def _reset(receiver: str) -> None:
    async with httpx.AsyncClient() as http:
        (await http.get(f"{receiver}/reset")).raise_for_status()


async def run(url: str, platform: Platform, receiver: str, figures: Figures) -> None:
    engine = db.create_engine(url, pool_size=8)
    sessions = db.session_factory(engine)
    pool = await asyncpg.create_pool(db.plain_url(url), min_size=2, max_size=8)
    try:
        async with db.session_scope(sessions) as session:
            servicer = await servicers.apply(
                session,
                name="Bench Hotel",
                name_ja="ベンチホテル",
                category=ServicerCategory.hotel,
                contact_email="bench@example.jp",
                municipality_code="131067",
                purposes={PurposeKey.hotel_check_in: ""},
            )
            await service.create_endpoint(
                session,
                platform.keys,
                servicer.id,
                url=f"{receiver}/hook",
                events=[EVENT],
                actor="bench",
                allow_loopback=True,
            )
            servicer_id = servicer.id

        async def emit(count: int) -> None:
            async with db.session_scope(sessions) as session:
                for _ in range(count):
                    await service.emit(
                        session, servicer_id, EVENT, {"request_id": str(uuid.uuid4())}
                    )

        # 2. Throughput: the outbox filled, then the worker runs until every delivery is done.
        for offset in range(0, figures.events, 100):
            await emit(min(100, figures.events - offset))
        await _reset(receiver)
        worker = jobs.build_worker(pool, sessions, platform)
        running = asyncio.create_task(worker.run())
        try:
            started = time.perf_counter()
            while True:
                async with sessions() as session:
                    done = await session.scalar(
                        text("SELECT count(*) FROM webhook_deliveries WHERE state <> 'pending'")
                    )
                if int(done or 0) >= figures.events:
                    break
                if time.perf_counter() - started > 600:
                    raise SystemExit(f"only {done} of {figures.events} delivered in 600 s")
                await asyncio.sleep(0.05)
            figures.rate = figures.events / (time.perf_counter() - started)
            print(f"   {figures.rate:,.0f} deliveries/s", flush=True)

            # 3. Delay at 70 % of that rate, open loop, one event per transaction.
            await _reset(receiver)
            figures.delay_rate = figures.rate * RATE_SHARE
            sent = int(figures.delay_rate * DELAY_SECONDS)
            interval = 1 / figures.delay_rate
            begun = time.perf_counter()
            for n in range(sent):
                wait = begun + n * interval - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
                await emit(1)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                stats = await _stats(receiver)
                if int(str(stats["count"])) >= sent:
                    break
                await asyncio.sleep(0.1)
            figures.delays = sorted(float(d) for d in stats["delays"])  # type: ignore[attr-defined]
        finally:
            worker.shutdown.set()
            await asyncio.wait_for(running, 30)

        # 4. The floor: the same bodies, POSTed plainly.
        async with sessions() as session:
            events = list(
                (
                    await session.execute(
                        text("SELECT id FROM webhook_events ORDER BY created_at LIMIT :n"),
                        {"n": figures.events},
                    )
                ).scalars()
            )
            bodies = [
                service.body(platform.keys, event)
                for event in [await session.get(WebhookEvent, e) for e in events]
                if event is not None
            ]
        await _reset(receiver)
        limit = asyncio.Semaphore(64)
        async with httpx.AsyncClient(
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=50)
        ) as http:

            async def post(body: bytes) -> None:
                async with limit:
                    answer = await http.post(
                        f"{receiver}/hook",
                        content=body,
                        headers={"content-type": "application/json"},
                    )
                    answer.raise_for_status()

            started = time.perf_counter()
            await asyncio.gather(*(post(body) for body in bodies))
            figures.floor_rate = len(bodies) / (time.perf_counter() - started)
    finally:
        await pool.close()
        await engine.dispose()


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(share * len(values)))]


def report(figures: Figures) -> None:
    print(f"\n== webhooks, {figures.events:,} events to one local endpoint")
    print(
        f"   delivered   {figures.rate:8,.0f} /s   (floor: plain POSTs of the same bodies "
        f"{figures.floor_rate:,.0f} /s, {figures.rate / figures.floor_rate:.0%} of it)"
    )
    print(
        f"   event → delivery at {figures.delay_rate:,.0f} events/s: "
        f"p50 {_percentile(figures.delays, 0.5) * 1000:,.0f} ms, "
        f"p99 {_percentile(figures.delays, 0.99) * 1000:,.0f} ms "
        f"({len(figures.delays):,} deliveries)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--events", type=int, default=3_000)
    args = parser.parse_args(argv)
    configure_logging(Settings(log_level="WARNING"))
    figures = Figures(args.events)
    port = free_port()
    receiver = start_receiver(port)
    try:
        with tempfile.TemporaryDirectory(prefix="omotenashi-bench-webhooks-") as tmp:
            scratch = Path(tmp)
            os.chmod(scratch, 0o755)  # noqa: S103 - the embedded server may run as another user
            settings = Settings(
                data_dir=scratch / "data", log_level="WARNING", webhook_loopback_endpoints=True
            )
            with EmbeddedCluster(
                scratch / "postgres", new_password(), durable=False
            ).running() as cluster:
                asyncio.run(ensure_database(cluster.url(), "bench"))
                url = cluster.url("bench")
                db.upgrade(url)
                platform = Platform(settings=settings, database_url=url, keys=load_keys(settings))
                asyncio.run(run(url, platform, f"http://127.0.0.1:{port}", figures))
    finally:
        receiver.terminate()
        receiver.wait(timeout=10)
    report(figures)


if __name__ == "__main__":
    main()
