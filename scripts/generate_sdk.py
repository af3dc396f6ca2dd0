"""Regenerate the Python SDK's generated client (``sdk/python/omotenashi_client/generated``) from
the product's own OpenAPI document, with openapi-python-client (a dev dependency). The SDK's
hand-written modules (``omotenashi_client/tokens.py``, ``webhooks.py``, ``qr.py``) sit beside the
``generated`` package and are never touched.

    make sdk                                   # or: python scripts/generate_sdk.py
    python scripts/generate_sdk.py --into DIR  # write DIR/generated instead (tests/test_sdk.py)

The document is built from the application itself, with no database or server: the same
document a running server answers at ``/openapi.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SDK = Path(__file__).resolve().parent.parent / "sdk" / "python"
PACKAGE = SDK / "omotenashi_client"
CONFIG = SDK / "openapi-python-client.yaml"


def document() -> dict[str, Any]:
    from omotenashi.app import create_app
    from omotenashi.config import Settings
    from omotenashi.runtime import Platform
    from omotenashi.security.keys import load_keys

    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data))  # throwaway keys: the document names none
        # No connection is made: the application only connects when it starts serving.
        platform = Platform(
            settings, "postgresql+asyncpg://sdk@127.0.0.1:1/sdk", load_keys(settings)
        )
        return create_app(platform).openapi()


def generate(into: Path) -> Path:
    """Write the generated package to ``into/generated``, replacing what is there."""
    target = into / "generated"
    with tempfile.TemporaryDirectory() as work:
        spec = Path(work) / "openapi.json"
        spec.write_text(json.dumps(document(), indent=1, ensure_ascii=False), encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(spec),
                "--meta",
                "none",
                "--config",
                str(CONFIG),
                "--output-path",
                str(target),
                "--overwrite",
                "--fail-on-warning",
            ],
            check=True,
            cwd=work,
        )
    # Tidied with the project's ruff, isolated from any configuration found on the way, so the
    # files are the same wherever they are written.
    ruff = [sys.executable, "-m", "ruff"]
    tidy = ["--isolated", "--quiet", "--line-length", "100"]
    subprocess.run([*ruff, "check", *tidy, "--select", "I,F401", "--fix-only", target], check=True)
    subprocess.run([*ruff, "format", *tidy, target], check=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=Path, default=PACKAGE, help="folder to hold 'generated'")
    print(generate(parser.parse_args().into))


if __name__ == "__main__":
    main()
