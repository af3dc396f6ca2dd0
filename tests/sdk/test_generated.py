"""The SDK's generated client is what the generator makes from today's OpenAPI document: a route
or schema changed without `make sdk` fails here, with the files that differ."""

from __future__ import annotations

import filecmp
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "sdk" / "python" / "omotenashi_client" / "generated"

# The generator and ruff take about half a minute: handed to a worker first.
pytestmark = pytest.mark.slow(0.15)


def _differences(left: Path, right: Path, comparison: filecmp.dircmp[str]) -> list[str]:
    found = [f"only in the committed SDK: {name}" for name in comparison.left_only]
    found += [f"missing from the committed SDK: {name}" for name in comparison.right_only]
    found += [f"differs: {name}" for name in comparison.diff_files]
    for name, sub in comparison.subdirs.items():
        found += [f"{name}/{line}" for line in _differences(left / name, right / name, sub)]
    return found


def _generator() -> ModuleType:
    """scripts/generate_sdk.py, loaded into this process: `make sdk`'s own code, without a new
    interpreter importing the whole application again (some 3 s) to build the document."""
    spec = importlib.util.spec_from_file_location(
        "generate_sdk", ROOT / "scripts" / "generate_sdk.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_sdk_is_what_the_generator_makes_today(tmp_path: Path) -> None:
    fresh = _generator().generate(tmp_path)
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
