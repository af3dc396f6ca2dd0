"""`omotenashi tm import` and `tm export` as an operator runs them: real processes, the
embedded PostgreSQL, TMX files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli import cli_env, run_cli

from omotenashi.translation.tmx import Segment, read_tmx, write_tmx

# Each command starts an embedded cluster of its own: handed out first.
pytestmark = pytest.mark.slow(0.25)

MIXED = Path(__file__).parent / "translation" / "fixtures" / "mixed.tmx"
GLOSSARY = [
    Segment("ja", "お手洗いはこちらです", "en", "The toilets are this way"),
    Segment("ja", "ラストオーダーは21時です", "en", "Last orders are at 9 pm"),
    Segment("ja", "現金のみ", "en", "Cash only"),
]


def _pairs(segments: list[Segment]) -> set[tuple[str, str, str, str]]:
    return {(s.source_lang, s.source_text, s.target_lang, s.target_text) for s in segments}


def test_tmx_goes_in_and_out_and_in_again_unchanged(started_data_dir: Path, tmp_path: Path) -> None:
    env = cli_env(started_data_dir)
    glossary = tmp_path / "glossary.tmx"
    glossary.write_bytes(write_tmx(GLOSSARY))
    exported = tmp_path / "exported.tmx"

    mixed = run_cli(["tm", "import", str(MIXED), "--licence", "CC-BY-4.0"], env)
    first = run_cli(["tm", "import", str(glossary), "--licence", "CC-BY-4.0"], env)
    out = run_cli(["tm", "export", str(exported), "--source", "ja", "--target", "en"], env)
    again = run_cli(["tm", "import", str(exported), "--licence", "CC-BY-4.0"], env)

    assert mixed.returncode == 0, mixed.stderr
    assert "mixed.tmx: 8 segments added, 0 already in the bank" in mixed.stdout
    assert "Skipped 7" in mixed.stdout
    report = {line.split()[0]: line.split() for line in mixed.stdout.splitlines()[2:]}
    assert report["inline_markup"][1:] == ["2", "units", "4,", "9"]
    assert report["single_language"][1:] == ["1", "units", "1"]
    assert set(report) == {
        "inline_markup",
        "single_language",
        "empty_segment",
        "unsupported_language",
        "duplicate",
        "missing_source",
    }
    assert "Storing" in mixed.stderr  # the progress bar
    assert first.returncode == 0, first.stderr
    assert "3 segments added" in first.stdout
    assert "Nothing skipped." in first.stdout
    assert out.returncode == 0, out.stderr
    assert "Exported 4 segments (ja → en)" in out.stdout
    in_file = read_tmx(exported.read_bytes())
    from_mixed = [s for s in read_tmx(MIXED.read_bytes()).segments if s.target_lang == "en"]
    assert _pairs(in_file.segments) == _pairs([*from_mixed, *GLOSSARY])
    assert in_file.skipped == []
    assert again.returncode == 0, again.stderr
    assert "0 segments added, 4 already in the bank" in again.stdout
    for result in (mixed, first, out, again):
        assert "Traceback" not in result.stderr


def test_a_file_that_is_not_tmx_is_one_clear_sentence(data_dir: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.tmx"
    bogus.write_text("<notes><note>not a memory</note></notes>")

    result = run_cli(["tm", "import", str(bogus)], cli_env(data_dir))

    assert result.returncode == 1
    assert "root element is not <tmx>" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_contributor_must_be_the_operator_or_a_servicer_id(
    data_dir: Path, tmp_path: Path
) -> None:
    result = run_cli(["tm", "import", str(MIXED), "--contributor", "acme"], cli_env(data_dir))

    assert result.returncode == 2
    assert "must be operator or a servicer id" in result.stderr
