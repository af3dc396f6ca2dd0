"""Browser journeys: the product served by its own `omotenashi serve` on a database of its own,
driven by real headless Chromium (Debian's package; nothing is downloaded at test time)."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.async_api import Browser, async_playwright
from sqlalchemy.ext.asyncio import AsyncSession
from tests.conftest import _recreate
from tests.e2e.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.e2e.shots import Screenshots
from tests.ready import answers
from tests.taxfree import nta_server

from omotenashi import db
from omotenashi.pgcluster import EmbeddedCluster, free_port
from omotenashi.security.keys import MasterKey, PlatformKeys


@dataclass(frozen=True)
class LiveServer:
    base: str
    database_url: str
    data_dir: Path
    master_key: bytes
    signing_pem: str

    @property
    def outbox(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def keys(self) -> PlatformKeys:
        """The server's own keys, for making test data through the services."""
        signing = serialization.load_pem_private_key(self.signing_pem.encode(), password=None)
        assert isinstance(signing, Ed25519PrivateKey)
        return PlatformKeys(master=MasterKey.from_material(self.master_key), signing_key=signing)


def _wait_until_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    if answers(f"{base}/readyz", within=60, process=process, every=0.05):
        return
    if process.poll() is not None:
        raise RuntimeError(f"the server exited: {log.read_text()[-3000:]}")
    raise RuntimeError(f"the server did not become ready: {log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def live_server(cluster: EmbeddedCluster, migrated: str, workdir: Path) -> Iterator[LiveServer]:
    name = "omotenashi_e2e"
    # A copy of the worker's migrated database: the migration chain ran once for it already.
    asyncio.run(_recreate(cluster.url(), name, template=migrated))
    url = cluster.url(name)
    master = os.urandom(32)
    pem = (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    vapid = (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    data_dir = workdir / "e2e"
    data_dir.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    env.update(
        OMOTENASHI_DATABASE_URL=url,
        OMOTENASHI_MASTER_KEY=base64.b64encode(master).decode(),
        OMOTENASHI_TOKEN_SIGNING_KEY=pem,
        OMOTENASHI_VAPID_PRIVATE_KEY=vapid,
        OMOTENASHI_DATA_DIR=str(data_dir),
        OMOTENASHI_LOG_FORMAT="json",
        # The tax-free journey's local 免税販売管理システム, answering in this process.
        OMOTENASHI_NTA_TEST_URL=nta_server.start()[1],
    )
    log = data_dir / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "omotenashi", "serve", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://localhost:{port}"  # a host name: WebAuthn and secure-context APIs need one
    try:
        _wait_until_ready(base, process, log)
        yield LiveServer(base, url, data_dir, master, pem)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    # Every page the journeys opened ran under the Content-Security-Policy; Chromium reports
    # whatever it blocked, and a page the policy broke fails the run here.
    violations = [line for line in log.read_text().splitlines() if "csp.violation" in line]
    assert violations == [], violations[:5]


@pytest.fixture(scope="session")
def chromium() -> str:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    return CHROMIUM


@pytest.fixture(scope="session")
async def browser(chromium: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        await launched.close()


@pytest.fixture
async def live_session(live_server: LiveServer) -> AsyncIterator[AsyncSession]:
    """A session on the live server's database whose commits the server sees."""
    engine = db.create_engine(live_server.database_url, pool_size=2)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            yield session
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def screenshots() -> Screenshots:
    return Screenshots.from_environment()
