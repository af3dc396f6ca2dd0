"""The API documentation in Chromium: Swagger UI draws the platform's operations from the
package's own copy, with no request leaving the server and nothing the policy blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, ConsoleMessage, Request
from tests.e2e.conftest import LiveServer


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_api_documentation_renders_offline_under_the_policy(
    path: str, live_server: LiveServer, browser: Browser, screenshots: Path
) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    elsewhere: list[str] = []
    refused: list[str] = []

    def on_request(request: Request) -> None:
        if not request.url.startswith((live_server.base, "data:", "blob:")):
            elsewhere.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    await page.goto(f"{live_server.base}{path}")
    await page.wait_for_selector(".opblock", timeout=20_000)
    assert await page.get_by_text("/v1/resolve").count() > 0
    await page.screenshot(path=str(screenshots / f"api-docs{path.replace('/', '-')}.png"))
    await context.close()

    assert elsewhere == []
    assert refused == []
