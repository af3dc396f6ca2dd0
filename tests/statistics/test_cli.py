"""`omotenashi stats rebuild` as an operator runs it: a real process and the embedded PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli import cli_env, run_cli

# Each command starts an embedded cluster of its own: handed out first.
pytestmark = pytest.mark.slow(0.3)


def test_stats_rebuild_recomputes_each_day_and_refuses_a_bad_date(started_data_dir: Path) -> None:
    env = cli_env(started_data_dir)
    done = run_cli(["stats", "rebuild", "--since", "2026-11-20", "--until", "2026-11-22"], env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Rebuilt 3 days from 2026-11-20 to 2026-11-22" in done.stdout
    again = run_cli(["stats", "rebuild", "--since", "2026-11-20", "--until", "2026-11-22"], env)
    assert again.returncode == 0, again.stderr[-2000:]
    bad = run_cli(["stats", "rebuild", "--since", "yesterday"], env)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    backwards = run_cli(["stats", "rebuild", "--since", "2026-11-22", "--until", "2026-11-20"], env)
    assert backwards.returncode == 2
    assert "Traceback" not in backwards.stderr
