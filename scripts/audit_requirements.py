"""Known vulnerabilities in requirements.lock (``make audit``, a step of ``make test``): exit 1
on any.

pip-audit checks every locked version against PyPI's vulnerability records (its ``pypi``
service: ``/pypi/NAME/VERSION/json``). Where that per-version endpoint is not served (the
registry proxy of the project's machines and CI answers 404 to it, while it serves each
project's ``/pypi/NAME/json``), pip-audit skips the package; for those the same PyPI records are
read from the project's own JSON, which carries the vulnerabilities of its newest release: exact
when the locked version is that release. A locked version that neither covers is listed as not
audited; ``--strict`` fails on it too (upgrade it to the newest release within its range, or
audit where the per-version endpoint is served).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"


def pip_audit() -> list[dict[str, object]]:
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


def from_project(name: str, version: str) -> tuple[list[str], str | None]:
    """The vulnerabilities PyPI records for ``name`` at ``version`` when that is its newest
    release; else None for the reason, and why."""
    url = f"https://pypi.org/pypi/{name}/json"
    with urllib.request.urlopen(url, timeout=30) as answer:
        project = json.load(answer)
    newest = project["info"]["version"]
    if Version(newest) != Version(version):
        return [], f"newest release is {newest}"
    return [
        f"{v['id']} (fixed in {', '.join(v.get('fixed_in') or []) or 'no release yet'})"
        for v in project.get("vulnerabilities", [])
        if not v.get("withdrawn")
    ], None


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--strict", action="store_true", help="fail on what was not audited")
    args = parser.parse_args()
    found: dict[str, list[str]] = {}
    skipped: list[tuple[str, str]] = []
    audited = 0
    locked = {
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
                for v in vulns  # type: ignore[union-attr]
            ]
    not_audited: list[str] = []
    if skipped:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda nv: from_project(*nv), skipped))
        for (name, version), (vulns, reason) in zip(skipped, answers, strict=True):
            if reason is not None:
                not_audited.append(f"{name} {version} ({reason})")
                continue
            audited += 1
            if vulns:
                found[f"{name} {version}"] = vulns
    total = audited + len(not_audited)
    print(f"audited {audited} of {total} locked packages against PyPI's vulnerability records")
    for package, vulns in sorted(found.items()):
        print(f"VULNERABLE {package}: {'; '.join(vulns)}")
    for line in not_audited:
        print(f"not audited: {line}")
    if found:
        sys.exit(f"{len(found)} locked packages have known vulnerabilities: upgrade them")
    if not_audited and args.strict:
        sys.exit(f"{len(not_audited)} locked packages could not be audited")
    print("no known vulnerabilities")


if __name__ == "__main__":
    main()
