"""Steps a person takes in the browser, shared by the journeys."""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import time
from pathlib import Path

from axe_playwright_python.async_playwright import DEFAULT_OPTIONS, Axe
from axe_playwright_python.base import AxeResults
from playwright.async_api import Page

_axe = Axe()


def _wait_for_code(outbox: Path, after: int) -> str:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        messages = sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime)
        # Newest first, passing over mail the worker sent late for an earlier journey on the
        # same server (a receipt, a reply): the sign-in e-mail is the one with a code.
        for message in reversed(messages[after:]):
            parsed = email.message_from_bytes(message.read_bytes(), policy=email.policy.default)
            body = parsed.get_body()
            assert body is not None
            found = re.search(r"\b(\d{6})\b", str(body.get_content()))
            if found is not None:
                return found.group(1)
        time.sleep(0.05)
    raise AssertionError("no sign-in e-mail reached the outbox")


async def latest_code(outbox: Path, after: int) -> str:
    """The sign-in code of the newest e-mail with one that the server's worker wrote to the
    outbox after ``after`` messages were there."""
    return await asyncio.to_thread(_wait_for_code, outbox, after)


def sent_so_far(outbox: Path) -> int:
    return len(list(outbox.glob("*.eml"))) if outbox.exists() else 0


async def serious_accessibility_problems(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    if await page.evaluate("typeof window.axe === 'undefined'"):
        # axe-core (570 kB) goes into a document once: a page checked again without a
        # navigation (a live update, a dialog) runs the copy it already has.
        await page.evaluate(_axe.axe_script)
    response = await page.evaluate("options => axe.run(options)", DEFAULT_OPTIONS)
    results = AxeResults(response)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}×)"
        for violation in results.response["violations"]
        if violation.get("impact") in ("serious", "critical")
    ]
