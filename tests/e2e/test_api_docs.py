"""The API documentation in Chromium: Swagger UI draws the platform's operations from the
package's own copy, with no request leaving the server and nothing the policy blocks."""

from __future__ import annotations

from playwright.async_api import Browser, ConsoleMessage, Page, Request
from tests.e2e.conftest import LiveServer
from tests.e2e.shots import Screenshots


def _watched(page: Page, base: str) -> tuple[list[str], list[str]]:
    """The requests the page makes elsewhere than the server, and what the policy refused."""
    elsewhere: list[str] = []
    refused: list[str] = []

    def on_request(request: Request) -> None:
        if not request.url.startswith((base, "data:", "blob:")):
            elsewhere.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    return elsewhere, refused


async def _renders_offline_under_the_policy(
    page: Page, base: str, path: str, shots: Screenshots
) -> None:
    await page.goto(f"{base}{path}")
    await page.wait_for_selector(".opblock", timeout=20_000)
    assert await page.get_by_text("/v1/resolve").count() > 0
    await shots.take(page, f"api-docs{path.replace('/', '-')}.png", full_page=False)


async def test_redoc_renders_offline_under_the_policy(
    live_server: LiveServer, browser: Browser, screenshots: Screenshots
) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    elsewhere, refused = _watched(page, live_server.base)
    await _renders_offline_under_the_policy(page, live_server.base, "/redoc", screenshots)
    await context.close()

    assert elsewhere == []
    assert refused == []


async def test_an_integrator_reads_the_schemes_and_every_error_of_an_operation_offline(
    live_server: LiveServer, browser: Browser, screenshots: Screenshots
) -> None:
    """Swagger UI renders under the policy; its Authorize dialog offers the client-credentials
    token and the session bearer, and an opened operation lists its errors as problem+json, all
    drawn with nothing fetched elsewhere. (One page for both: Swagger UI drawing the whole
    schema is the costliest page the journeys open.)"""
    context = await browser.new_context()
    page = await context.new_page()
    elsewhere, refused = _watched(page, live_server.base)
    await _renders_offline_under_the_policy(page, live_server.base, "/docs", screenshots)
    assert elsewhere == []
    assert refused == []

    await page.goto(f"{live_server.base}/docs#/resolve/resolve_v1_resolve_post")
    operation = page.locator("#operations-resolve-resolve_v1_resolve_post")
    await operation.locator(".opblock-summary").first.wait_for(timeout=20_000)
    if not await operation.locator(".responses-table").count():  # deep link not yet opened
        await operation.locator(".opblock-summary").first.click()
    responses = operation.locator(".responses-table").first
    await responses.wait_for(timeout=10_000)
    for status in ("200", "401", "403", "404", "409", "422", "429"):
        assert await responses.locator(f"tr.response[data-code='{status}']").count() == 1, status
    problem = responses.locator("tr.response[data-code='422']")
    assert "application/problem+json" in await problem.inner_text()
    await screenshots.take(page, "api-docs-resolve-errors.png")

    await page.locator("button.authorize").first.click()
    dialog = page.locator(".modal-ux")
    await dialog.wait_for(timeout=10_000)
    text = await dialog.inner_text()
    assert "clientCredentials" in text
    assert "consent:request" in text  # each scope, with what it allows
    assert "session" in text
    await screenshots.take(page, "api-docs-authorize.png", full_page=False)
    await context.close()
    assert elsewhere == []
    assert refused == []
