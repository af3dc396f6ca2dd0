"""The `omotenashi` command as a test runs it: a real process, in an environment of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OMOTENASHI = [sys.executable, "-m", "omotenashi"]


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any OMOTENASHI_ setting, the data directory
    ``data_dir``, JSON logs, and ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    env.update(OMOTENASHI_DATA_DIR=str(data_dir), OMOTENASHI_LOG_FORMAT="json", **extra)
    return env


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*OMOTENASHI, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
