"""One fleet for every test in this folder (which goes to one worker whole: tests/scheduling.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.fleet.harness import Fleet, problems_in_logs, start_fleet


@pytest.fixture(scope="session")
def fleet(workdir: Path) -> Iterator[Fleet]:
    # Under the session's directory: PostgreSQL runs as another user, and pytest makes its
    # tmp_path's ancestors private again whenever another pytest run starts.
    started = start_fleet(workdir / f"fleet-{uuid.uuid4().hex[:8]}")
    try:
        yield started
    finally:
        started.stop()
    assert not problems_in_logs(started), problems_in_logs(started)
