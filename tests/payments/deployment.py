"""A server of the product started as an operator would (its own environment, keys and log), for
the tests that kill it mid-write and those that drive its command line."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.ready import answers

from omotenashi.pgcluster import free_port
from omotenashi.security.keys import MasterKey, PlatformKeys


@dataclass
class Deployment:
    url: str
    env: dict[str, str]
    keys: PlatformKeys
    log: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = self.port or free_port()
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "omotenashi", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        # 120 s: a restart on a busy machine.
        if answers(f"{self.base}/readyz", within=120, process=self.process):
            return
        assert self.process.poll() is None, self.log.read_text()[-3000:]
        raise RuntimeError(f"the server did not start: {self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def make_deployment(url: str, data_dir: Path) -> Deployment:
    master = os.urandom(32)
    signing = Ed25519PrivateKey.generate()
    pem = signing.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    vapid = (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    env.update(
        OMOTENASHI_DATABASE_URL=url,
        OMOTENASHI_MASTER_KEY=base64.b64encode(master).decode(),
        OMOTENASHI_TOKEN_SIGNING_KEY=pem,
        OMOTENASHI_VAPID_PRIVATE_KEY=vapid,
        OMOTENASHI_DATA_DIR=str(data_dir),
        OMOTENASHI_LOG_FORMAT="json",
        OMOTENASHI_RUN_WORKER="false",
    )
    keys = PlatformKeys(master=MasterKey.from_material(master), signing_key=signing)
    return Deployment(url, env, keys, data_dir / "server.log")
