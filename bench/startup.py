"""Start-up time (cold: new data directory; warm: same data) and idle memory of `serve`.

Prints each figure beside the floor it is held to; exits 1 when one misses.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from omotenashi.pgcluster import free_port

WARM_START_FLOOR_S = 10.0
IDLE_RSS_FLOOR_MB = 300.0


def _start(data_dir: Path, port: int) -> tuple[subprocess.Popen[bytes], float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    env.update(OMOTENASHI_DATA_DIR=str(data_dir), OMOTENASHI_LOG_FORMAT="json")
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "omotenashi", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while time.monotonic() - started < 120:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process, time.monotonic() - started
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("serve did not become ready in 120 s")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # noqa: S103 - the embedded server may run as another user
        data_dir, port = Path(tmp) / "var", free_port()
        cold, cold_s = _start(data_dir, port)
        _stop(cold)
        warm, warm_s = _start(data_dir, port)
        for _ in range(50):
            httpx.get(f"http://127.0.0.1:{port}/")
        time.sleep(2)
        rss = _rss_mb(warm.pid)
        _stop(warm)
    rows = [
        ("cold start (initdb, migrate, demo) s", cold_s, None),
        ("warm start s", warm_s, WARM_START_FLOOR_S),
        ("idle RSS of serve after 50 pages MB", rss, IDLE_RSS_FLOOR_MB),
    ]
    failed = False
    for name, value, floor in rows:
        verdict = "" if floor is None else ("ok" if value <= floor else "MISSED")
        failed |= verdict == "MISSED"
        limit = "-" if floor is None else f"<= {floor:g}"
        print(f"{name:40} {value:8.2f}   floor {limit:>8}   {verdict}")
    sys.exit(1 if failed else 0)
