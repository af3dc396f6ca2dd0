"""A read whose standby went away while it ran is answered by the primary, not with a 503
(issue 24: "the standby stopped: reads fall back to the primary with no error")."""

from __future__ import annotations

import httpx
from starlette.types import Receive, Scope, Send

from omotenashi.middleware import STANDBY_FAILED, ReadYourWrites


class Replica:
    """An app whose first read fails on the standby (as the read session marks it), and whose
    next is answered (by the primary); it counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        if self.calls == 1 and scope["method"] == "GET":
            scope.setdefault("state", {})[STANDBY_FAILED] = True
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": b"unavailable"})
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": f"call {self.calls}".encode()})


async def test_a_read_cut_off_on_the_standby_is_answered_once_by_the_primary() -> None:
    app = Replica()
    transport = httpx.ASGITransport(app=ReadYourWrites(app, seconds=7))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        answer = await http.get("/v1/me/access-log")
    assert answer.status_code == 200
    assert answer.text == "call 2"
    assert app.calls == 2


async def test_a_write_is_never_asked_twice() -> None:
    app = Replica()
    transport = httpx.ASGITransport(app=ReadYourWrites(app, seconds=7))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        answer = await http.post("/v1/me/consents", json={})
    assert answer.status_code == 200
    assert app.calls == 1


async def test_a_read_that_did_not_touch_the_standby_keeps_its_answer() -> None:
    class Down:
        calls = 0

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            self.calls += 1
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": b"primary down"})

    app = Down()
    transport = httpx.ASGITransport(app=ReadYourWrites(app, seconds=7))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        answer = await http.get("/v1/me/access-log")
    assert answer.status_code == 503
    assert app.calls == 1
