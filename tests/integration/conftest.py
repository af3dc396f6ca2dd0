"""The platform as an integrator meets it: `omotenashi serve` started from the command line on a
free port, against a database of its own on the test cluster, with its job worker (which
delivers webhooks) and webhook endpoints on this machine allowed (development)."""

from __future__ import annotations

import asyncio
import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.conftest import _recreate
from tests.ready import answers

from omotenashi.pgcluster import EmbeddedCluster, free_port

OMOTENASHI = [sys.executable, "-m", "omotenashi"]
# A demo server's first start loads its data; on a machine busy with the rest of the suite
# that has taken over 90 s.
READY_SECONDS = 180


@dataclass(frozen=True)
class Server:
    base: str
    env: dict[str, str]  # the deployment's environment, for its command line
    outbox: Path  # where its mail goes (no mail server configured)
    log: Path

    def cli(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run(
            [*OMOTENASHI, *args],
            input=stdin,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout


def _pem(key: Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(scope="module")
def server(cluster: EmbeddedCluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp_path = tmp_path_factory.mktemp("integration")
    name = f"omotenashi_integration_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    asyncio.run(_recreate(cluster.url(), name))
    data = tmp_path / "var"
    data.mkdir()
    tmp_path.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    env.update(
        OMOTENASHI_DATABASE_URL=cluster.url(name),
        OMOTENASHI_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
        OMOTENASHI_TOKEN_SIGNING_KEY=_pem(Ed25519PrivateKey.generate()),
        OMOTENASHI_VAPID_PRIVATE_KEY=_pem(ec.generate_private_key(ec.SECP256R1())),
        OMOTENASHI_DATA_DIR=str(data),
        OMOTENASHI_LOG_FORMAT="json",
        OMOTENASHI_WEBHOOK_LOOPBACK_ENDPOINTS="true",
    )
    port = free_port()
    made = Server(f"http://127.0.0.1:{port}", env, data / "outbox", tmp_path / "server.log")
    made.cli("db", "upgrade")
    with made.log.open("wb") as sink:
        process = subprocess.Popen(
            [*OMOTENASHI, "serve", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        ready = answers(f"{made.base}/readyz", within=READY_SECONDS, process=process, every=0.05)
        assert process.poll() is None, made.log.read_text()[-3000:]
        assert ready, f"serve did not become ready in {READY_SECONDS} s"
        yield made
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    assert "Traceback" not in made.log.read_text()
