"""The published OpenAPI says what the API really does: schemathesis sends every operation
generated requests (valid and invalid) as each kind of caller, and checks that every answer's
status is one the operation documents, in the content type it documents, in the schema it
documents. An integrator generating a client from the document (sdk/python) meets no surprise.

tests/test_fuzz.py asks the other question (no input makes the server fail) with more examples.
"""

from __future__ import annotations

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

# Eleven runs of generated requests against a server of its own: handed to a worker first.
pytestmark = pytest.mark.slow(1.5)

STREAM = "/v1/me/alerts/stream"
HEADINGS = ("=== ERRORS", "=== FAILURES", "=== WARNINGS")
CHECKS = "status_code_conformance,content_type_conformance,response_schema_conformance"


def _conform(base: str, *options: str) -> str:
    st = shutil.which("st", path=os.path.dirname(sys.executable)) or "st"
    run = subprocess.run(
        [
            st,
            "run",
            f"{base}/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            "3",
            "--phases",
            "examples,fuzzing",
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
    # What went wrong is printed before schemathesis's summary and advice.
    report = run.stdout[max(0, min(run.stdout.find(h) % len(run.stdout) for h in HEADINGS)) :]
    assert run.returncode == 0, report[:8000]
    assert "FAILURES" not in run.stdout, report[:8000]
    return run.stdout


def test_every_answer_is_what_the_document_says(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    env = cli_env(tmp_path / "var")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(env, port, tmp_path / "server.log")
    try:
        made = callers(base, env)

        def conform_as(token: str) -> None:
            # The visitor's alert stream stays open for the `duration` asked (up to 5 minutes),
            # past any request timeout; as nobody (401) it is checked below, and its answers are
            # tests/alerts's.
            auth = ("-H", f"Authorization: Bearer {token}", "--exclude-path", STREAM)
            # Everything but DELETE first, on the operations that let this caller in (the
            # others answer it 401 or 403 before reading any input, which the run as nobody
            # and tests/test_authorization.py check): erasing the caller or ending its session
            # would turn the rest of the run into 401s. Then every DELETE, as that caller too.
            _conform(base, *auth, *only(reach(base, token, leaving_out=[STREAM])))
            _conform(base, "--include-method", "DELETE", *auth)

        # Two callers at a time, each in a schemathesis process of its own (its `--workers`
        # threads met a CPython 3.11 bug, "AST constructor recursion depth mismatch", when
        # Hypothesis described a strategy in one thread while another changed the recursion
        # limit).
        with ThreadPoolExecutor(2) as pool:
            for done in [pool.submit(conform_as, token) for token in made.values()]:
                done.result()
        _conform(base)  # and as nobody
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
