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


def test_ingest_refuses_a_report_not_in_utf_8_with_its_reason(
    data_dir: Path, tmp_path: Path
) -> None:
    text = (FIXTURES / "eew_vxse43.xml").read_text(encoding="utf-8")
    shift_jis = tmp_path / "shift_jis.xml"
    shift_jis.write_bytes(
        text.replace('encoding="UTF-8"', 'encoding="Shift_JIS"', 1).encode("shift_jis")
    )

    refused = _run(["alerts", "ingest", str(shift_jis)], _env(data_dir))

    assert refused.returncode == 1
    assert "declares the encoding 'Shift_JIS'; JMA reports are UTF-8." in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "Issued" not in refused.stdout
