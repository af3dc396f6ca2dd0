"""What every HTTP request crosses before any route: a cap on its body, the browser's security
headers on every answer, and the last word on an exception nothing else handled.

All three are pure ASGI and cost next to nothing per request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from fastapi import HTTPException, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_BODY_LIMIT = 256 * 1024
"""Far above any form or JSON document the product takes; uploads declare their own limit."""


class BodyTooLarge(HTTPException):
    """The request body is over its route's limit; nothing past the limit was read.

    A FastAPI ``HTTPException``, so wherever the body is read (a JSON body, a form, a stream) it
    reaches the app's handler and becomes a 413 problem, or a page for a browser.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413)
        self.limit = limit


class BodyLimit:
    """Refuses a request body over its limit without reading past it, declared or chunked.

    FastAPI's own ``max_body_size`` counts the same way, but answers a declared oversize body
    with a plain-text 413 and an oversize JSON body with a 400; ours is always a problem.
    """

    def __init__(
        self,
        app: ASGIApp,
        default: int = DEFAULT_BODY_LIMIT,
        larger: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.default = default
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.default)
        declared = _content_length(scope)
        received = 0

        async def counted() -> Message:
            nonlocal received
            if declared is not None and declared > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


# Scripts only from the platform itself (no inline script anywhere); inline style attributes are
# allowed for the server-drawn map tiles. WebAssembly may compile (the passport reader).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self' data: blob:",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "media-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "report-uri /csp-reports",
    )
)
HSTS = "max-age=63072000; includeSubDomains"


class SecurityHeaders:
    """The headers that keep a browser from framing, sniffing or leaking our pages.

    HSTS only over https (a browser ignores it over http, and a developer's localhost would be
    pinned to https for two years)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.common: list[tuple[bytes, bytes]] = [
            (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [*self.common]
        if scope.get("scheme") == "https":
            extra.append((b"strict-transport-security", HSTS.encode()))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *(header for header in extra if header[0] not in present),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


ErrorHandler = Callable[[Request, Exception], Awaitable[Response]]


class UnhandledErrors:
    """Answers an exception that escaped every route and handler, and logs it once.

    Starlette's own last resort answers too, then raises the exception again for the server to
    log a second time; here the handler logs it and answers, and nothing is raised further.
    """

    def __init__(self, app: ASGIApp, handler: ErrorHandler) -> None:
        self.app = app
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if started:
                raise  # too late to answer; the server logs it and cuts the response off
            response = await self.handler(Request(scope), exc)
            await response(scope, receive, send)


WROTE_COOKIE = "omotenashi_wrote"
"""Set on the answer to every write while a standby serves reads: for as long as it lives, the
writer's own reads go to the primary, so what they just wrote they see at once (the standby may
be up to its allowed lag behind). Its value says nothing about who wrote or what."""

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


STANDBY_FAILED = "omotenashi.standby_failed"
"""Set in a request's state when its read on the standby failed mid-way (see ``ReadYourWrites``)."""


class ReadYourWrites:
    """Marks a client that has just written (any successful request other than GET, HEAD or
    OPTIONS) with :data:`WROTE_COOKIE` for ``seconds``: longer than the standby may lag
    before reads leave it, plus the time between two measures of its lag."""

    def __init__(self, app: ASGIApp, seconds: int) -> None:
        self.app = app
        self.cookie = (
            f"{WROTE_COOKIE}=1; Max-Age={seconds}; Path=/; HttpOnly; SameSite=Lax".encode()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in _SAFE_METHODS:
            await self._read(scope, receive, send)
            return
        secure = b"; Secure" if scope.get("scheme") == "https" else b""

        async def marking(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                message["headers"] = [
                    *message.get("headers", []),
                    (b"set-cookie", self.cookie + secure),
                ]
            await send(message)

        await self.app(scope, receive, marking)

    async def _read(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A read whose standby went away while it ran (``STANDBY_FAILED``, set by the read
        session, which also set the standby aside) is asked of the app once more, so that the
        primary answers it: its failed answer is dropped before anything of it is sent."""
        failed = False

        async def unless_failed(message: Message) -> None:
            nonlocal failed
            if message["type"] == "http.response.start" and scope.get("state", {}).get(
                STANDBY_FAILED
            ):
                failed = True
            if not failed:
                await send(message)

        try:
            await self.app(scope, receive, unless_failed)
        except Exception:
            if not scope.get("state", {}).get(STANDBY_FAILED):
                raise
            failed = True
        if failed:
            scope["state"][STANDBY_FAILED] = False
            await self.app(scope, _no_body, send)


async def _no_body() -> Message:
    """A read's request, again: it has no body."""
    return {"type": "http.request", "body": b"", "more_body": False}
