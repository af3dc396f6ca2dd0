"""Property-based fuzzing of the published OpenAPI against the real server process: no input,
however malformed, from any kind of caller, may produce a 5xx or leave a traceback in the log.

The server's log goes to a file: a pipe nobody reads fills up after a few thousand requests and
blocks the server, which looks like read timeouts (what an earlier version of this test saw).
"""

from __future__ import annotations

import email
import email.policy
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pyotp
import pytest
from tests.cli import OMOTENASHI, cli_env

from omotenashi.pgcluster import free_port

# Minutes of generated requests: handed to a worker first (see tests/conftest.py).
pytestmark = pytest.mark.slow(5)

PASSWORD = "fuzzing operator password"


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [*OMOTENASHI, "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()[-3000:]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.kill()
    raise AssertionError("serve did not become ready in 90 s")


def _link_in_outbox(outbox: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for sent in sorted(outbox.glob("*.eml")):
            message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
            body = message.get_body(("plain",))
            found = re.search(r"https?://\S+(/join/enrol/\S+)", body.get_content() if body else "")
            if found:
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError("no set-up link reached the outbox in 60 s")


def _callers(base: str, env: dict[str, str]) -> dict[str, str]:
    """A bearer secret for a visitor, an operator, a servicer administrator and a terminal,
    all made the way real people make them."""
    made = subprocess.run(
        [*OMOTENASHI, "operator", "add", "ops@fuzz.example", "--name", "Fuzz operator"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    operator_seed = parse_qs(urlparse(made.stdout.split()[-1]).query)["secret"][0]
    http = httpx.Client(base_url=base, timeout=30)

    def sign_in(email: str, password: str, seed: str) -> str:
        response = http.post(
            "/v1/staff/sessions",
            json={"email": email, "password": password, "code": pyotp.TOTP(seed).now()},
        )
        assert response.status_code == 201, response.text
        return str(response.json()["token"])

    operator = {"authorization": f"Bearer {sign_in('ops@fuzz.example', PASSWORD, operator_seed)}"}
    applied = http.post(
        "/v1/servicers",
        json={
            "name": "Fuzz Hotel",
            "name_ja": "ファズホテル",
            "category": "hotel",
            "contact_email": "front@fuzz.example.jp",
            "purposes": {"hotel_check_in": "Guest register"},
            "admin": {"email": "admin@fuzz.example.jp", "display_name": "A", "password": PASSWORD},
        },
    )
    assert applied.status_code == 202, applied.text
    # The administrator finishes through the link the worker mails (to the outbox here).
    set_up = http.get(_link_in_outbox(Path(env["OMOTENASHI_DATA_DIR"]) / "outbox"))
    found = re.search(r'data-qr-text="([^"]+)"', set_up.text)
    assert found is not None, set_up.text[:500]
    admin_seed = parse_qs(urlparse(html.unescape(found.group(1))).query)["secret"][0]
    pending = http.get("/v1/operator/servicers?state=pending", headers=operator).json()
    servicer = next(s["id"] for s in pending if s["name"] == "Fuzz Hotel")
    http.post(
        f"/v1/operator/servicers/{servicer}/purposes/hotel_check_in",
        json={"approve": True},
        headers=operator,
    )
    http.post(
        f"/v1/operator/servicers/{servicer}/state", json={"state": "approved"}, headers=operator
    )
    admin = sign_in("admin@fuzz.example.jp", PASSWORD, admin_seed)
    made_terminal = http.post(
        "/v1/servicer/clients",
        headers={"authorization": f"Bearer {admin}"},
        json={
            "kind": "terminal",
            "label": "Fuzz desk",
            "scopes": ["resolve"],
            "purposes": ["hotel_check_in"],
        },
    ).json()
    terminal = http.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(made_terminal["client"]["client_id"], made_terminal["client_secret"]),
    ).json()["access_token"]
    visitor = http.post("/v1/visitors", json={"language": "th"}).json()["session"]["token"]
    return {
        "visitor": visitor,
        "operator": operator["authorization"].split()[1],
        "servicer admin": admin,
        "terminal": terminal,
    }


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


def test_no_generated_request_makes_the_server_fail(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    env = cli_env(tmp_path / "var")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    server = _serve(env, port, log)
    try:
        callers = _callers(base, env)
        # Authenticated runs leave out DELETE: erasing the caller or ending its session would
        # only turn the rest of the run into 401s.
        for token in callers.values():
            _fuzz(base, "--exclude-method", "DELETE", "-H", f"Authorization: Bearer {token}")
        _fuzz(base)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    statuses = [line["status"] for line in lines if line.get("event") == "http.request"]
    assert len(statuses) > 1000
    assert not [s for s in statuses if s >= 500]
    assert "Traceback" not in log.read_text()
