"""`omotenashi alerts ingest` as an operator runs it: a real process, the embedded PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.alerts.jma_server import serving
from tests.alerts.support import FIXTURES, fixture
from tests.cli import cli_env, run_cli

# Each command starts an embedded cluster of its own: handed out first.
pytestmark = pytest.mark.slow(0.7)


def test_ingest_issues_then_refuses_a_malformed_report(
    started_data_dir: Path, tmp_path: Path
) -> None:
    env = cli_env(started_data_dir)
    broken = tmp_path / "broken.xml"
    broken.write_bytes((FIXTURES / "eew_vxse43.xml").read_bytes()[:700])

    issued = run_cli(["alerts", "ingest", str(FIXTURES / "eew_vxse43.xml")], env)
    again = run_cli(["alerts", "ingest", str(FIXTURES / "eew_vxse43.xml")], env)
    refused = run_cli(["alerts", "ingest", str(broken)], env)

    assert issued.returncode == 0, issued.stderr
    assert "Issued alert" in issued.stdout
    assert "earthquake_early_warning (normal), issued" in issued.stdout
    assert "Already ingested as" in again.stdout
    assert refused.returncode == 1
    assert "not well-formed XML" in refused.stderr


def test_ingest_refuses_a_report_not_in_utf_8_with_its_reason(
    started_data_dir: Path, tmp_path: Path
) -> None:
    text = (FIXTURES / "eew_vxse43.xml").read_text(encoding="utf-8")
    shift_jis = tmp_path / "shift_jis.xml"
    shift_jis.write_bytes(
        text.replace('encoding="UTF-8"', 'encoding="Shift_JIS"', 1).encode("shift_jis")
    )

    refused = run_cli(["alerts", "ingest", str(shift_jis)], cli_env(started_data_dir))

    assert refused.returncode == 1
    assert "declares the encoding 'Shift_JIS'; JMA reports are UTF-8." in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "Issued" not in refused.stdout


def test_poll_once_ingests_the_feed_then_hears_it_unchanged(started_data_dir: Path) -> None:
    with serving() as jma:
        jma.feed = (FIXTURES / "feeds" / "eqvol.xml").read_bytes()
        for name, document in {
            "20240101071022_0_VXSE43_010000.xml": "eew_vxse43.xml",
            "20240101071200_0_VXSE51_010000.xml": "vxse51_intensity_flash.xml",
            "20240101073000_0_VXSE53_010000.xml": "earthquake_vxse53.xml",
        }.items():
            jma.documents[name] = fixture(document)
        env = cli_env(
            started_data_dir,
            OMOTENASHI_JMA_FEEDS=jma.feed_url,
            OMOTENASHI_JMA_DOCUMENT_HOSTS=jma.host,
        )

        first = run_cli(["alerts", "poll", "--once"], env)
        second = run_cli(["alerts", "poll", "--once"], env)

    assert first.returncode == 0, first.stderr
    assert f"{jma.feed_url}: 3 ingested, 1 skipped, 0 refused." in first.stdout
    assert second.returncode == 0, second.stderr
    assert f"{jma.feed_url}: not modified." in second.stdout


def test_poll_without_feeds_says_what_to_set(data_dir: Path) -> None:
    done = run_cli(["alerts", "poll", "--once"], cli_env(data_dir))

    assert done.returncode == 2
    assert "OMOTENASHI_JMA_FEEDS" in done.stderr
