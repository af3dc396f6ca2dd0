"""Waiting for a process the tests started to answer over HTTP."""

from __future__ import annotations

import subprocess
import time

import httpx


def answers(
    url: str,
    *,
    within: float,
    process: subprocess.Popen[bytes] | subprocess.Popen[str] | None = None,
    every: float = 0.1,
    timeout: float = 1,
) -> bool:
    """Whether ``url`` answered 200 within ``within`` seconds, asked every ``every`` seconds
    while ``process`` (if given) runs. One client for every try: ``httpx.get`` builds a TLS
    context of its own each call (~30 ms of CPU), many times while a server starts."""
    deadline = time.monotonic() + within
    with httpx.Client(timeout=timeout) as http:
        while time.monotonic() < deadline and (process is None or process.poll() is None):
            try:
                if http.get(url).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(every)
    return False
