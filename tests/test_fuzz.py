"""Property-based fuzzing of the published OpenAPI against the real server process: no input,
however malformed, from any kind of caller, may produce a 5xx or leave a traceback in the log.

The server's log goes to a file: a pipe nobody reads fills up after a few thousand requests and
blocks the server, which looks like read timeouts (what an earlier version of this test saw).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.cli import cli_env
from tests.served import callers, only, reach, serve

from omotenashi.pgcluster import free_port

# Minutes of generated requests: handed to a worker first (see tests/scheduling.py).
pytestmark = pytest.mark.slow(1.6)

STREAM = "/v1/me/alerts/stream"


def _fuzz(base: str, *options: str) -> None:
    st = shutil.which("st", path=os.path.dirname(sys.executable)) or "st"
    run = subprocess.run(
        [
            st,
            "run",
            f"{base}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "10",
            "--seed",
            "1",
            "--request-timeout",
            "10",
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:]
    assert "FAILURES" not in run.stdout, run.stdout[-4000:]


def _bearer(token: str | None) -> tuple[str, ...]:
    """schemathesis's option that sends the caller's token (none for nobody)."""
    return () if token is None else ("-H", f"Authorization: Bearer {token}")


def test_no_generated_request_makes_the_server_fail(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    env = cli_env(tmp_path / "var")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    server = serve(env, port, log)
    try:
        made = callers(base, env)
        made.pop("back-end")  # a servicer administrator's reach again, by token: not fuzzed twice
        # Each caller is sent generated input on the operations that let it in: the rest would
        # meet the same 401 or 403 before their input is read (see `reach`). Authenticated runs
        # leave out DELETE: erasing the caller or ending its session would only turn the rest
        # of the run into 401s. The visitor's alert stream stays open for the `duration` asked
        # (up to 5 minutes): each generated request would wait out the request timeout;
        # tests/alerts/test_api.py sends it bad durations.
        runs = [
            (*_bearer(token), *only(reach(base, token, leaving_out=[STREAM])))
            for token in [*made.values(), None]
        ]
        # Two at a time, each schemathesis in a process of its own (see tests/test_conformance.py).
        with ThreadPoolExecutor(2) as pool:
            for done in [pool.submit(_fuzz, base, *run) for run in runs]:
                done.result()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    statuses = [line["status"] for line in lines if line.get("event") == "http.request"]
    assert len(statuses) > 1000
    assert not [s for s in statuses if s >= 500]
    assert "Traceback" not in log.read_text()
