"""The log pipeline: an unhandled error is one event that neither stalls the server nor carries
the caller's credentials or personal data, whoever logged what."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.ready import answers

from omotenashi.logging import REDACTED, redact
from omotenashi.pgcluster import free_port

TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ0ZXJtaW5hbC0xIn0.c2lnbmF0dXJlLW9mLWEtdGVzdC10b2tlbg"
SESSION = "omv_9s8d7f6g5h4j3k2l1qwertyuiopasdfghjkl"

# A server with one route that fails deep in the stack, its frames holding the caller's
# credentials and a large structure, as a real bug's frames do.
SERVER = textwrap.dedent(
    """
    import sys
    import uvicorn
    from fastapi import Request
    from omotenashi.app import create_app
    from omotenashi.config import Settings
    from omotenashi.logging import configure_logging
    from omotenashi.runtime import Platform
    from tests.factories import platform_keys

    settings = Settings(data_dir=sys.argv[2], log_format=sys.argv[3])
    configure_logging(settings)
    app = create_app(
        Platform(settings, "postgresql+asyncpg://nobody@127.0.0.1:9/none", platform_keys())
    )

    def deeper(level, authorization, rows):
        if level == 0:
            raise RuntimeError("the lookup failed for guest@example.com")
        return deeper(level - 1, authorization, rows)

    @app.get("/v1/boom")
    async def boom(request: Request):
        authorization = request.headers["authorization"]
        cookie = request.headers.get("cookie")
        rows = [{"guest": f"guest{i}@example.com", "tel": "+81 90 1234 5678"} for i in range(3000)]
        return deeper(30, authorization, rows)

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_config=None)
    """
)


def _server(tmp_path: Path, log_format: str) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log = tmp_path / f"server-{log_format}.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), str(root)])
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(port), str(tmp_path / "data"), log_format],
            env=env,
            cwd=root,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        # 90 s: a busy machine starts Python slowly.
        if not answers(f"{base}/healthz", within=90, process=process):
            raise RuntimeError(f"the test server did not start: {log.read_text()[-2000:]}")
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=["console", "json"])
def failing_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    yield from _server(tmp_path, request.param)


async def _worst_health_wait(client: httpx.AsyncClient, until: asyncio.Event) -> float:
    worst = 0.0
    while not until.is_set():
        started = time.perf_counter()
        response = await client.get("/healthz")
        assert response.status_code == 200
        worst = max(worst, time.perf_counter() - started)
        await asyncio.sleep(0.005)
    return worst


# It times /healthz while errors are logged: never beside another timing test, and alone in
# `make unit`.
@pytest.mark.serial
async def test_unhandled_error_is_one_event_without_credentials_and_stalls_nobody(
    failing_server: tuple[str, Path],
) -> None:
    base, log = failing_server
    headers = {"Authorization": f"Bearer {TOKEN}", "Cookie": f"omotenashi_session={SESSION}"}
    async with (
        httpx.AsyncClient(base_url=base, timeout=30) as health,
        httpx.AsyncClient(base_url=base, timeout=30) as caller,
    ):
        await health.get("/healthz")  # the connection is open before the clock starts
        # FastAPI prepares its routes on the first request that walks them all: not logging.
        await caller.get("/v1/no-such-route")
        done = asyncio.Event()
        watcher = asyncio.create_task(_worst_health_wait(health, done))
        await asyncio.sleep(0.05)
        answers = [await caller.get("/v1/boom", headers=headers) for _ in range(3)]
        await asyncio.sleep(0.05)
        done.set()
        worst = await watcher

    assert [answer.status_code for answer in answers] == [500, 500, 500]
    assert answers[0].json()["code"] == "internal_error"
    assert worst < 0.1, f"/healthz waited {worst * 1000:.0f} ms while an error was logged"

    await asyncio.sleep(0.3)  # the writer thread flushes
    text = log.read_text(encoding="utf-8")
    assert text.count("RuntimeError") >= 3
    assert text.count("http.unhandled") == 3, "each error is logged once, by us alone"
    assert "Exception in ASGI application" not in text
    assert len(text.splitlines()) < 600, "a traceback, not its frames' variables"
    for secret in (TOKEN, SESSION, "guest@example.com", "guest1@example.com", "1234 5678"):
        assert secret not in text


def test_redaction_masks_sensitive_keys_and_text_whoever_logs() -> None:
    event = {
        "event": "partner.call_failed",
        "headers": {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"},
        "email": "visitor@example.org",
        "visitor_id": "5b0e4f4c-2f9d-4f0e-9b8f-0d7c1f0e6a11",
        "reason": f"upstream said: token {TOKEN} refused for visitor@example.org",
        "exception": "Traceback ...\nValueError: P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "client_secret": "kq1Pz8wW3n",
    }

    out = redact(None, "info", dict(event))

    assert out["headers"] == {"Authorization": REDACTED, "Accept": "application/json"}
    assert out["email"] == REDACTED
    assert out["client_secret"] == REDACTED
    assert out["visitor_id"] == event["visitor_id"], "ids stay: they are what logs are for"
    assert TOKEN not in out["reason"]
    assert "visitor@example.org" not in out["reason"]
    assert "ERIKSSON" not in out["exception"]
    assert out["event"] == "partner.call_failed"
