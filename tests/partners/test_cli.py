"""`omotenashi partners import` as an agency's operator runs it: a real process, the embedded
PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from tests.cli import cli_env, run_cli
from tests.factories.partners import kyoto_party_csv

# Each command starts an embedded cluster of its own: handed out first.
pytestmark = pytest.mark.slow(0.1)


def test_import_names_what_stops_it_in_one_sentence(started_data_dir: Path, tmp_path: Path) -> None:
    env = cli_env(started_data_dir)
    party = tmp_path / "kyoto.csv"
    party.write_bytes(kyoto_party_csv())
    nobody = run_cli(["partners", "import", str(party), "--agency", str(uuid.uuid4())], env)
    assert nobody.returncode == 1
    assert "No such servicer" in nobody.stderr
    assert "Traceback" not in nobody.stderr
    unnamed = tmp_path / "travellers.txt"
    unnamed.write_bytes(b"x")
    refused = run_cli(["partners", "import", str(unnamed), "--agency", str(uuid.uuid4())], env)
    assert refused.returncode == 1
    assert "Name the format" in refused.stderr
