"""Screenshots of the journeys' screens, for a person to look at: taken only when asked for,
``OMOTENASHI_SCREENSHOTS=build/screenshots make test``. A full-page capture costs Chromium some
0.3 s of CPU, and the journeys' 72 captures were some 20 s of every run that nobody looked at."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Page


@dataclass(frozen=True)
class Screenshots:
    folder: Path | None

    @classmethod
    def from_environment(cls) -> Screenshots:
        folder = os.environ.get("OMOTENASHI_SCREENSHOTS")
        if not folder:
            return cls(None)
        Path(folder).mkdir(parents=True, exist_ok=True)
        return cls(Path(folder))

    async def take(self, page: Page, name: str, *, full_page: bool = True) -> None:
        """``page`` as it is now, into ``name`` (a PNG) in the folder, when one is set."""
        if self.folder is not None:
            await page.screenshot(path=self.folder / name, full_page=full_page)
