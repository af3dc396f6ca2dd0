"""A real HTTP endpoint on this machine that records what it is sent and answers as told."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from omotenashi.runtime import Platform


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    received: list[Received] = field(default_factory=list)
    # Statuses to answer with, in turn; 200 once they run out.
    answers: list[int] = field(default_factory=list)


@pytest.fixture
async def receiver(platform: Platform, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Receiver]:
    """Listening on this machine, so deliveries to it are allowed as in development (a test of
    the refusal turns ``webhook_loopback_endpoints`` off again)."""
    monkeypatch.setattr(platform.settings, "webhook_loopback_endpoints", True)
    state = Receiver(url="")

    async def handle(request: web.Request) -> web.Response:
        state.received.append(Received(dict(request.headers), await request.read()))
        status = state.answers.pop(0) if state.answers else 200
        return web.Response(status=status, text="ok")

    app = web.Application()
    app.router.add_post("/hook", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state.url = f"http://127.0.0.1:{port}/hook"
    try:
        yield state
    finally:
        await runner.cleanup()
