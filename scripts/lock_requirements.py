"""Write requirements.lock: every package the project and its dev extra need, at the version
installed in this virtualenv (``make lock``).

The roots are pyproject.toml's dependencies and its ``dev`` extra; from them it follows each
installed distribution's own requirements (markers evaluated for this Python), so a package
installed by hand and needed by nothing is left out, and the project itself is not listed.
``make`` installs with the lock as constraints and ``make audit`` checks it with pip-audit, so
what is audited is what is installed. ``make lock`` first upgrades everything to the newest
release the ranges allow: only a newest release can be audited where PyPI serves no per-version
records (scripts/audit_requirements.py).

    .venv/bin/python scripts/lock_requirements.py          # rewrite requirements.lock
    .venv/bin/python scripts/lock_requirements.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import platform
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"


def _wanted(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in extras or {""})


def closure() -> dict[str, str]:
    """Canonical name -> installed version, for everything the project needs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    roots = [
        *project["dependencies"],
        *project.get("optional-dependencies", {}).get("dev", []),
    ]
    versions: dict[str, str] = {}
    extras_seen: dict[str, set[str]] = {}
    todo = [Requirement(text) for text in roots]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        if name in extras_seen and extras <= extras_seen[name]:
            continue
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{requirement.name} is needed but not installed: run `make` first")
        extras_seen.setdefault(name, set()).update(extras)
        versions[name] = distribution.version
        for text in distribution.requires or []:
            child = Requirement(text)
            if _wanted(child, extras):
                todo.append(child)
    return versions


def render(versions: dict[str, str]) -> str:
    python = ".".join(platform.python_version_tuple()[:2])
    lines = [
        "# Every package `pip install -e '.[dev]'` installs, pinned (scripts/lock_requirements.py;",
        f"# made on Python {python}). `make` installs with it as constraints; `make audit` runs",
        "# pip-audit over it. After changing pyproject's dependencies: `make lock`.",
        *(f"{name}=={version}" for name, version in sorted(versions.items())),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the lock is stale")
    args = parser.parse_args()
    text = render(closure())
    if args.check:
        current = LOCK.read_text() if LOCK.exists() else ""
        if current != text:
            sys.exit("requirements.lock is not what is installed: run `make lock`")
        return
    LOCK.write_text(text)
    print(f"wrote {LOCK.name}: {text.count('==')} packages")


if __name__ == "__main__":
    main()
