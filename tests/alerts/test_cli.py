"""`omotenashi alerts ingest` as an operator runs it: a real process, the embedded PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from tests.alerts.support import FIXTURES
from tests.test_cli import _env, _run


def test_ingest_issues_then_refuses_a_malformed_report(data_dir: Path, tmp_path: Path) -> None:
    env = _env(data_dir)
    broken = tmp_path / "broken.xml"
    broken.write_bytes((FIXTURES / "eew_vxse43.xml").read_bytes()[:700])

    issued = _run(["alerts", "ingest", str(FIXTURES / "eew_vxse43.xml")], env)
    again = _run(["alerts", "ingest", str(FIXTURES / "eew_vxse43.xml")], env)
    refused = _run(["alerts", "ingest", str(broken)], env)

    assert issued.returncode == 0, issued.stderr
    assert "Issued alert" in issued.stdout
    assert "earthquake_early_warning (normal), issued" in issued.stdout
    assert "Already ingested as" in again.stdout
    assert refused.returncode == 1
    assert "not well-formed XML" in refused.stderr
