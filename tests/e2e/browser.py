"""How the browser journeys (and ``bench.counter``) launch Debian's Chromium headless."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("OMOTENASHI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
