"""The SDK's generated client is what the generator makes from today's OpenAPI document: a route
or schema changed without `make sdk` fails here, with the files that differ."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "sdk" / "python" / "omotenashi_client" / "generated"

# The generator and ruff take about half a minute: handed to a worker first.
pytestmark = pytest.mark.slow(1)


def _differences(left: Path, right: Path, comparison: filecmp.dircmp[str]) -> list[str]:
    found = [f"only in the committed SDK: {name}" for name in comparison.left_only]
    found += [f"missing from the committed SDK: {name}" for name in comparison.right_only]
    found += [f"differs: {name}" for name in comparison.diff_files]
    for name, sub in comparison.subdirs.items():
        found += [f"{name}/{line}" for line in _differences(left / name, right / name, sub)]
    return found


def test_the_committed_sdk_is_what_the_generator_makes_today(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_sdk.py"), "--into", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    fresh = tmp_path / "generated"
    comparison = filecmp.dircmp(COMMITTED, fresh, ignore=["__pycache__"])
    differences = _differences(COMMITTED, fresh, comparison)
    # dircmp compares by os.stat first; be sure no file differs in content either.
    for committed in COMMITTED.rglob("*.py"):
        again = fresh / committed.relative_to(COMMITTED)
        if again.exists() and committed.read_bytes() != again.read_bytes():
            differences.append(f"differs: {committed.relative_to(COMMITTED)}")
    assert differences == [], "run `make sdk` and commit sdk/python: " + "; ".join(
        sorted(set(differences))[:20]
    )


def test_every_operation_of_the_api_has_a_function_in_the_sdk(app: FastAPI) -> None:
    modules = {path.stem for path in (COMMITTED / "api").rglob("*.py")}
    operations = {
        re.sub("_+", "_", operation["operationId"])  # the generator's snake case
        for path in app.openapi()["paths"].values()
        for operation in path.values()
    }
    assert len(operations) > 100
    assert operations - modules == set()  # the XML alert feed's ingest too
