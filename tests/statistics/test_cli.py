"""`omotenashi stats rebuild` as an operator runs it: a real process and the embedded PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import _env, _run


def test_stats_rebuild_recomputes_each_day_and_refuses_a_bad_date(data_dir: Path) -> None:
    env = _env(data_dir)
    done = _run(["stats", "rebuild", "--since", "2026-11-20", "--until", "2026-11-22"], env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Rebuilt 3 days from 2026-11-20 to 2026-11-22" in done.stdout
    again = _run(["stats", "rebuild", "--since", "2026-11-20", "--until", "2026-11-22"], env)
    assert again.returncode == 0, again.stderr[-2000:]
    bad = _run(["stats", "rebuild", "--since", "yesterday"], env)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    backwards = _run(["stats", "rebuild", "--since", "2026-11-22", "--until", "2026-11-20"], env)
    assert backwards.returncode == 2
    assert "Traceback" not in backwards.stderr
