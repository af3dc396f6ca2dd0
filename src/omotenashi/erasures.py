"""The erasure journal: every erased visitor's id, appended to a file kept apart from the
database and its backups (``OMOTENASHI_ERASURE_JOURNAL``, default ``<data dir>/erasures.log``).

A backup taken before an erasure still holds the visitor; ``omotenashi restore`` reads this
journal and erases them again before the platform serves. The journal holds visitor ids and
the time only: nothing personal. Each erasure is written (and flushed to disk) before the
transaction that erases commits, so no committed erasure is missing from it; one rolled back
afterwards leaves an id that a restore erases (the visitor had asked for it).

In a fleet, every process that erases (servers, workers) must append to the same journal:
point the setting at storage they share.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

_journal: Path | None = None


def configure(path: Path | None) -> None:
    """Where this process appends erasures (None: nowhere, as in unit tests)."""
    global _journal
    _journal = path


def journal() -> Path | None:
    return _journal


def record(visitor_ids: Iterable[uuid.UUID]) -> None:
    """Append ``visitor_ids`` to the journal and flush it to disk, in one write (appends of
    several processes do not interleave within a line)."""
    if _journal is None:
        return
    at = datetime.now(UTC).isoformat(timespec="seconds")
    lines = "".join(f"{at} {visitor_id}\n" for visitor_id in visitor_ids)
    if not lines:
        return
    _journal.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(_journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, lines.encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read(path: Path) -> list[uuid.UUID]:
    """Every visitor id in the journal at ``path``, in order, each once; none if it is absent.
    A torn last line (the process died while writing it) is skipped."""
    if not path.is_file():
        return []
    seen: dict[uuid.UUID, None] = {}
    for line in path.read_text(errors="replace").splitlines():
        _, _, value = line.partition(" ")
        try:
            seen.setdefault(uuid.UUID(value.strip()), None)
        except ValueError:
            continue
    return list(seen)
