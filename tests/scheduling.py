"""How the tests are shared among pytest-xdist's workers (``-n 3``, see pyproject).

A file's tests go to one worker together, so its module fixtures (a served app, a browser) are
made once; so do the folders in ``TOGETHER``, for their session fixtures. The tests marked
``serial`` time things: they all go to one worker, one after another, so no two of them run at
once (and `make unit` runs them alone, after the others).

pytest-xdist's own ``--dist loadgroup`` would do this from ``xdist_group`` marks, but it writes
the group into ``item._nodeid``, which pytest 9.2 no longer reads, so every test became a group
of its own. This scheduler groups by file itself. Only the workers collect, so each worker
writes the ids of its serial tests to a directory the controller names in the environment, and
the scheduler reads them before it hands out the first file."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

SERIAL_DIR = "OMOTENASHI_TEST_SERIAL_DIR"
# Folders whose files share a costly session fixture, each handed to one worker whole so that it
# is made once: the fleet (a primary and a standby, servers behind HAProxy, workers) and the
# browser journeys' server and Chromium.
TOGETHER = ("tests/fleet/", "tests/e2e/")


# A browser journey's file takes some 15 s (a browser against a served app) unless marked.
JOURNEY_MINUTES = 0.25


def scope_of(nodeid: str) -> str:
    """The unit a worker is handed: a file, or a whole folder of ``TOGETHER``."""
    folder = next((f for f in TOGETHER if nodeid.startswith(f)), None)
    return folder or nodeid.split("::", 1)[0]


def order(items: list[pytest.Item]) -> None:
    """Longest unit first (files marked ``slow(minutes)``; a ``TOGETHER`` folder weighs what
    its files weigh together), so that no worker starts a long unit when the others are nearly
    done. The workers hand units out in this order; within a unit the tests keep theirs."""
    minutes: dict[str, float] = {}  # file -> its mark
    for item in items:
        if "e2e" in item.path.parts and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow(JOURNEY_MINUTES))
        file = item.nodeid.split("::", 1)[0]
        minutes[file] = max(minutes.get(file, 0.0), _minutes(item))
    weight: dict[str, float] = {}
    for file, value in minutes.items():
        weight[scope_of(file)] = weight.get(scope_of(file), 0.0) + value
    items.sort(key=lambda item: -weight[scope_of(item.nodeid)])


def _minutes(item: pytest.Item) -> float:
    slow = item.get_closest_marker("slow")
    return 0.0 if slow is None else float(slow.args[0]) if slow.args else 1.0


class FileScheduling(LoadScopeScheduling):
    serial: frozenset[str] = frozenset()

    def schedule(self) -> None:
        if self.collection is None:  # the first call: every worker has collected
            self.serial = frozenset(_read_serial_ids())
        super().schedule()

    def _split_scope(self, nodeid: str) -> str:
        return "serial" if nodeid in self.serial else scope_of(nodeid)


def start(config: pytest.Config) -> None:
    """On the controller: name the directory the workers write their serial ids to."""
    if not hasattr(config, "workerinput") and SERIAL_DIR not in os.environ:
        os.environ[SERIAL_DIR] = tempfile.mkdtemp(prefix="omotenashi-serial-")


def finish(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and SERIAL_DIR in os.environ:
        shutil.rmtree(os.environ.pop(SERIAL_DIR), ignore_errors=True)


def note_serial(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a worker: write down which collected tests are serial."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None or SERIAL_DIR not in os.environ:
        return
    ids = [item.nodeid for item in items if item.get_closest_marker("serial")]
    path = Path(os.environ[SERIAL_DIR]) / workerinput["workerid"]
    path.write_text("\n".join(ids), encoding="utf-8")


def _read_serial_ids() -> set[str]:
    directory = os.environ.get(SERIAL_DIR)
    if not directory:
        return set()
    return {
        line
        for path in Path(directory).iterdir()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    }
