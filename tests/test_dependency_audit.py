"""`make audit --strict` lets a pin below its newest release pass only when a locked package, at
its own newest release, caps it there: anything else is a stale pin that `make lock` fixes."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "audit_requirements.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_requirements", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _record(name: str, version: str, *requires: str) -> dict[str, Any]:
    return {"info": {"name": name, "version": version, "requires_dist": list(requires)}}


def test_a_pin_is_held_only_by_a_newest_release_whose_requirement_excludes_the_newest() -> None:
    holders = _script().holders
    locked = {"generator": "0.29.1", "typer": "0.27.3", "idna": "3.6", "tool": "1.0", "ok": "2"}
    behind = {"typer": "0.29.2", "idna": "3.20"}
    records = {
        "generator": _record("Generator", "0.29.1", "typer<0.28,>0.16", "idna>=3"),
        # Not at its newest release: upgrading it may lift its cap, so it holds nothing.
        "tool": _record("tool", "2.0", "idna<3.7"),
        # A cap only under an extra the project does not install holds nothing either.
        "ok": _record("ok", "2", 'idna<3.7; extra == "dev"'),
    }
    held = holders(locked, behind, records)
    assert held == {"typer": ["Generator 0.29.1: typer<0.28,>0.16"]}


def test_a_newest_release_dates_from_its_first_file_so_a_fresh_one_gets_its_grace() -> None:
    script = _script()
    record = {
        "urls": [
            {"upload_time_iso_8601": "2026-12-04T10:05:00.123456Z"},
            {"upload_time_iso_8601": "2026-12-04T09:58:31.000001Z"},
        ]
    }
    out = script.released(record)
    assert out is not None
    assert (out.year, out.month, out.day, out.hour, out.minute) == (2026, 12, 4, 9, 58)
    assert out.utcoffset() == timedelta(0)
    assert script.released({"urls": []}) is None
    assert script.GRACE.days == 7
