"""The `omotenashi` command as a newcomer runs it: real processes, real ports, real signals."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.cli import OMOTENASHI, cli_env, run_cli
from tests.ready import answers

from omotenashi.pgcluster import EmbeddedCluster, free_port

# Each command starts an embedded cluster of its own: handed out first.
pytestmark = pytest.mark.slow(1.25)


def _postgres_running_on(data_dir: Path) -> bool:
    found = subprocess.run(
        ["pgrep", "-f", f"postgres.*{data_dir}"], capture_output=True, check=False
    )
    return found.returncode == 0


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    tmp_path.chmod(0o755)
    yield tmp_path / "var"
    if _postgres_running_on(tmp_path):  # never leave a server behind, even on failure
        EmbeddedCluster(root=tmp_path / "var" / "postgres", password="").stop()
        subprocess.run(["pkill", "-f", f"postgres.*{tmp_path}"], check=False)


def _serve_until_ready(env: dict[str, str], port: int) -> tuple[subprocess.Popen[str], float]:
    started = time.monotonic()
    process = subprocess.Popen(
        [*OMOTENASHI, "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if answers(f"http://127.0.0.1:{port}/readyz", within=90, process=process):
        return process, time.monotonic() - started
    if process.poll() is not None:
        raise AssertionError(f"serve exited early: {process.communicate()}")
    process.kill()
    raise AssertionError("serve did not become ready in 90 s")


def _interrupt(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


def test_serve_runs_the_product_and_ctrl_c_stops_everything(data_dir: Path) -> None:
    port = free_port()
    env = cli_env(data_dir)
    process, _ = _serve_until_ready(env, port)
    try:
        landing = httpx.get(f"http://127.0.0.1:{port}/", headers={"accept-language": "ja"})
        assert landing.status_code == 200
        assert '<html lang="ja"' in landing.text
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").json() == {"status": "ok"}
        assert _postgres_running_on(data_dir)
    finally:
        code, stderr = _interrupt(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert not _postgres_running_on(data_dir)
    for key in (data_dir / "keys").iterdir():
        assert key.stat().st_mode & 0o777 == 0o600

    again, _ = _serve_until_ready(env, port)  # reuses the cluster and keys
    code, stderr = _interrupt(again)
    assert code == 0, stderr
    assert "pgcluster.initialised" not in stderr
    assert not _postgres_running_on(data_dir)


def test_wrong_database_url_is_one_clear_sentence(data_dir: Path) -> None:
    env = cli_env(
        data_dir,
        OMOTENASHI_DATABASE_URL=f"postgresql://nobody:x@127.0.0.1:{free_port()}/db",
        OMOTENASHI_MASTER_KEY="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        OMOTENASHI_TOKEN_SIGNING_KEY=_signing_pem(),
        OMOTENASHI_VAPID_PRIVATE_KEY=_vapid_pem(),
    )
    result = run_cli(["db", "upgrade"], env)
    assert result.returncode == 1
    assert "Cannot reach PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_not_a_postgres_url_is_refused(data_dir: Path) -> None:
    env = cli_env(
        data_dir,
        OMOTENASHI_DATABASE_URL="mysql://root@localhost/db",
        OMOTENASHI_MASTER_KEY="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        OMOTENASHI_TOKEN_SIGNING_KEY=_signing_pem(),
        OMOTENASHI_VAPID_PRIVATE_KEY=_vapid_pem(),
    )
    result = run_cli(["serve", "--port", str(free_port())], env)
    assert result.returncode == 1
    assert "is not a PostgreSQL URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_secrets_names_the_missing_one(data_dir: Path) -> None:
    env = cli_env(data_dir, OMOTENASHI_DATABASE_URL="postgresql://u:p@127.0.0.1:1/db")
    result = run_cli(["serve", "--port", str(free_port())], env)
    assert result.returncode == 1
    assert "OMOTENASHI_MASTER_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_port_in_use_is_one_clear_sentence(data_dir: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(["serve", "--port", str(port)], cli_env(data_dir))
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.stderr
    assert not data_dir.exists()  # failed before touching anything


def test_no_postgres_binaries_is_one_clear_sentence(data_dir: Path, tmp_path: Path) -> None:
    result = run_cli(["demo"], cli_env(data_dir, OMOTENASHI_PG_BIN_DIR=str(tmp_path / "nothing")))
    assert result.returncode == 1
    assert "No working PostgreSQL server binaries" in result.stderr
    assert "Traceback" not in result.stderr


def test_doctor_passes_on_a_sane_machine_and_names_fixes(data_dir: Path, tmp_path: Path) -> None:
    ok = run_cli(["doctor", "--port", str(free_port())], cli_env(data_dir))
    assert ok.returncode == 0, ok.stdout
    assert "All checks passed." in ok.stdout
    broken = run_cli(["doctor"], cli_env(data_dir, OMOTENASHI_PG_BIN_DIR=str(tmp_path / "none")))
    assert broken.returncode == 1
    assert "OMOTENASHI_PG_BIN_DIR" in broken.stdout


def test_db_commands_report_the_revision(data_dir: Path) -> None:
    env = cli_env(data_dir)
    upgraded = run_cli(["db", "upgrade"], env)
    assert upgraded.returncode == 0, upgraded.stderr
    current = run_cli(["db", "current"], env)
    assert current.returncode == 0, current.stderr
    assert "up to date" in current.stdout
    assert not _postgres_running_on(data_dir)


def _vapid_pem() -> str:
    from omotenashi.security.keys import new_vapid_pem

    return new_vapid_pem()


def _signing_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def test_demo_data_is_stored_once_and_the_audit_chain_holds(started_data_dir: Path) -> None:
    env = cli_env(started_data_dir)  # `serve --demo` above loads the demo on a first start
    first = run_cli(["demo"], env)
    again = run_cli(["demo"], env)
    assert first.returncode == 0, first.stderr
    assert "Servicers: 4 created, 0 already there." in first.stdout
    assert "Servicers: 0 created, 4 already there." in again.stdout
    assert "Content: the hotel's menu, signage and an event" in first.stdout
    assert "Content: already there." in again.stdout
    assert "Tax-free: Ueno Okachimachi Drugstore set up" in first.stdout
    assert "Tax-free: the demo shop is already set up." in again.stdout
    verified = run_cli(["audit", "verify"], env)
    assert verified.returncode == 0, verified.stderr
    assert "Audit chain intact" in verified.stdout
