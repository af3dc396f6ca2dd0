"""Known vulnerabilities in requirements.lock (``make audit``, a step of ``make test``): exit 1
on any, and with ``--strict`` (what ``make audit`` runs) on any locked version left unaudited
that an upgrade could bring under audit.

pip-audit checks every locked version against PyPI's vulnerability records (its ``pypi``
service: ``/pypi/NAME/VERSION/json``). Where that per-version endpoint is not served (the
registry proxy of the project's machines and CI answers 404 to it, while it serves each
project's ``/pypi/NAME/json``), pip-audit skips the package; for those the same PyPI records are
read from the project's own JSON, which carries the vulnerabilities of its newest release: exact
when the locked version is that release. So pins are kept at the newest release within their
ranges (``make lock``). A locked version below its newest release is not audited, and is one of:

- held: a locked package, itself at its newest release, requires a version range that excludes
  the newest release (schemathesis' ``jsonschema-rs<0.61``, say). No upgrade can fix it; it is
  listed with what holds it and the run goes on. When the holder lifts its cap the pin is no
  longer held, and ``--strict`` fails until ``make lock`` brings it to the newest release.
- free: nothing locked holds it (pyproject's own range, or a stale lock); ``--strict`` fails on
  it: widen the range or run ``make lock``;
- new: free, but its newest release came out less than ``GRACE`` ago. It is listed and the run
  goes on: the pin was audited when it was locked at the then newest release, and a release
  upstream must not turn every build red the same day (the next ``make lock`` takes it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
GRACE = timedelta(days=7)


def pip_audit() -> list[dict[str, Any]]:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip_audit", "--requirement", str(LOCK)),
            *("--no-deps", "--disable-pip", "--vulnerability-service", "pypi"),
            *("--format", "json", "--progress-spinner", "off"),
        ],
        capture_output=True,
        text=True,
    )
    try:
        return list(json.loads(done.stdout)["dependencies"])
    except (json.JSONDecodeError, KeyError):
        sys.exit(f"pip-audit did not answer:\n{done.stderr[-2000:]}")


@cache
def project(name: str) -> dict[str, Any]:
    """PyPI's JSON for ``name``: its newest release, its requirements and vulnerabilities. Read
    once: the holders' pass reads again the projects of the first (a project's JSON lists every
    file of every release, and parsing it twice was most of the audit's CPU)."""
    url = f"https://pypi.org/pypi/{name}/json"
    with urllib.request.urlopen(url, timeout=30) as answer:
        return dict(json.load(answer))


def released(record: dict[str, Any]) -> datetime | None:
    """When the newest release in a project's JSON was published (its first file's upload)."""
    times = [f["upload_time_iso_8601"] for f in record.get("urls") or []]
    if not times:
        return None
    return min(datetime.fromisoformat(t.replace("Z", "+00:00")) for t in times)


def from_project(name: str, version: str) -> tuple[list[str], str | None, datetime | None]:
    """The vulnerabilities PyPI records for ``name`` at ``version`` when that is its newest
    release, and None twice; else no vulnerabilities, the newest release and when it came out."""
    record = project(canonicalize_name(name))
    newest = record["info"]["version"]
    if Version(newest) != Version(version):
        return [], newest, released(record)
    return (
        [
            f"{v['id']} (fixed in {', '.join(v.get('fixed_in') or []) or 'no release yet'})"
            for v in record.get("vulnerabilities", [])
            if not v.get("withdrawn")
        ],
        None,
        None,
    )


def holders(
    locked: dict[str, str], behind: dict[str, str], records: dict[str, dict[str, Any]]
) -> dict[str, list[str]]:
    """For each package locked below its newest release (``behind``: name -> newest), the
    locked packages at their own newest release whose requirements exclude that release."""
    held: dict[str, list[str]] = {}
    for holder, record in records.items():
        if Version(record["info"]["version"]) != Version(locked[holder]):
            continue  # an upgrade of the holder might lift the cap: not a hold
        for text in record["info"].get("requires_dist") or []:
            try:
                requirement = Requirement(text)
            except InvalidRequirement:
                continue
            name = canonicalize_name(requirement.name)
            if name not in behind:
                continue
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            if not requirement.specifier.contains(behind[name], prereleases=True):
                held.setdefault(name, []).append(
                    f"{record['info']['name']} {locked[holder]}: {requirement}"
                )
    return held


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail on a pin left unaudited that nothing locked holds below its newest release",
    )
    args = parser.parse_args()
    found: dict[str, list[str]] = {}
    skipped: list[tuple[str, str]] = []
    audited = 0
    locked: dict[str, str] = {
        canonicalize_name(line.split("==")[0]): line.split("==")[1].strip()
        for line in LOCK.read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    for dependency in pip_audit():
        name = str(dependency["name"])
        version = str(dependency.get("version") or locked[canonicalize_name(name)])
        if "skip_reason" in dependency:
            skipped.append((name, version))
            continue
        audited += 1
        vulns = dependency.get("vulns") or []
        if vulns:
            found[f"{name} {version}"] = [
                f"{v['id']} (fixed in {', '.join(v.get('fix_versions') or []) or '-'})"
                for v in vulns
            ]
    behind: dict[str, str] = {}  # canonical name -> newest release, for unaudited pins
    out_since: dict[str, datetime | None] = {}  # canonical name -> when that release came out
    if skipped:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda nv: from_project(*nv), skipped))
        for (name, version), (vulns, newest, since) in zip(skipped, answers, strict=True):
            if newest is not None:
                behind[canonicalize_name(name)] = newest
                out_since[canonicalize_name(name)] = since
                continue
            audited += 1
            if vulns:
                found[f"{name} {version}"] = vulns
    held: dict[str, list[str]] = {}
    if behind:
        with ThreadPoolExecutor(8) as pool:
            records = dict(zip(locked, pool.map(project, locked), strict=True))
        held = holders(locked, behind, records)
    print(
        f"audited {audited} of {audited + len(behind)} locked packages"
        " against PyPI's vulnerability records"
    )
    for package, vulns in sorted(found.items()):
        print(f"VULNERABLE {package}: {'; '.join(vulns)}")
    now = datetime.now(UTC)
    new = {
        name
        for name in set(behind) - set(held)
        if (since := out_since.get(name)) is not None and now - since < GRACE
    }
    free = sorted(set(behind) - set(held) - new)
    for name in sorted(held):
        print(
            f"not audited, held: {name} {locked[name]} (newest release is {behind[name]};"
            f" {'; '.join(held[name])})"
        )
    for name in sorted(new):
        since = out_since[name]
        assert since is not None
        print(
            f"not audited, new: {name} {locked[name]} (newest release {behind[name]} came out"
            f" {since:%Y-%m-%d}, within {GRACE.days} days: `make lock` takes it)"
        )
    for name in free:
        print(
            f"NOT AUDITED: {name} {locked[name]} (newest release is {behind[name]} and nothing"
            " locked holds it back: widen its range in pyproject.toml or run `make lock`)"
        )
    if found:
        sys.exit(f"{len(found)} locked packages have known vulnerabilities: upgrade them")
    if free and args.strict:
        sys.exit(f"{len(free)} locked packages could be audited at their newest release")
    print("no known vulnerabilities")


if __name__ == "__main__":
    main()
