"""`POST /v1/resolve` as a lean ASGI endpoint (DESIGN §4: the one route that leaves the stack).

The route is declared once, in :mod:`omotenashi.resolve.api`, so FastAPI describes it in the
OpenAPI (request, response and errors) and builds its handler; :class:`LeanRoute` then answers
a well-formed request itself, on a raw asyncpg pool (``db.RawConnection``), without FastAPI's
dependency injection, SQLAlchemy's connection layer or pydantic's response serialisation:

- the body is validated by the same pydantic model, from the JSON bytes in one call;
- the access token's signature is verified once per process and its claims kept until it
  expires (``clients.tokens.verify_access_token``); whether the client may still act is the
  deciding statement's, as before;
- the decision is :func:`omotenashi.resolve.touchpoint.resolve_with_token`, the same function
  the counter page's and every test's resolves go through, and its refusals raise the same
  errors, answered as problem+json by the application's handlers;
- the answer is encoded with orjson.

A request that is not well formed (no bearer token, another content type, a body that does not
validate) is handed, body and all, to the handler FastAPI built from the declaration, so every
malformed request is answered exactly as any other route answers it. The endpoint sits behind
the application's middleware (request id, metrics and the access log line, body limit, security
headers) like every route.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from omotenashi.carriers.models import CarrierKind
from omotenashi.clients.errors import InvalidTokenError
from omotenashi.clients.tokens import verify_access_token
from omotenashi.consent import requests as consent_requests
from omotenashi.db import OpenSession, RawConnection, session_scope
from omotenashi.deps import get_autocommit_connection, session_source
from omotenashi.errors import PROBLEM_JSON, problem_body
from omotenashi.resolve import touchpoint
from omotenashi.resolve.schemas import ResolveRequest
from omotenashi.security.keys import PlatformKeys

KINDS = {
    "ic_card": CarrierKind.ic_card,
    "nfc_tag": CarrierKind.nfc_tag,
    "qr": CarrierKind.qr_device,
}

_JSON = b"application/json"
JSON_HEADERS = [(b"content-type", _JSON)]
_PROBLEM_HEADERS = [(b"content-type", PROBLEM_JSON.encode())]


class LeanRoute(APIRoute):
    """The declared route, answered by :class:`LeanResolve` (and by FastAPI's own handler for
    what the lean path does not take)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = LeanResolve(self.app)


def bearer_and_json(scope: Scope) -> tuple[str | None, bool]:
    """The bearer token, and whether the body is declared as JSON."""
    token: str | None = None
    is_json = False
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, rest = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and rest.strip():
                token = rest.strip()
        elif name == b"content-type":
            is_json = value.split(b";", 1)[0].strip().lower() == _JSON
    return token, is_json


async def read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replayed(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]
) -> None:
    content = orjson.dumps(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*headers, (b"content-length", str(len(content)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": content})


class LeanResolve:
    def __init__(self, declared: ASGIApp) -> None:
        self.declared = declared  # FastAPI's handler for the same declaration

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token_text, is_json = bearer_and_json(scope)
        body = await read_body(receive)
        keys: PlatformKeys = scope["app"].state.platform.keys
        try:
            if token_text is None or not is_json:
                raise ValueError
            token = verify_access_token(keys, token_text)
            asked = ResolveRequest.model_validate_json(body)
        except (ValueError, ValidationError, InvalidTokenError):
            await self.declared(scope, replayed(body, receive), send)
            return
        carrier = asked.carrier
        presented = touchpoint.Presented(
            KINDS[carrier.kind], carrier.payload if carrier.kind == "qr" else carrier.id
        )
        app = scope["app"]
        async with hot_connection(app) as connection:
            outcome = await touchpoint.resolve_with_token(
                connection, keys, token, presented, asked.purpose, refusals=refusal_sessions(app)
            )
        if isinstance(outcome, touchpoint.ConsentAsked):
            request = outcome.request
            base = str(Request(scope).base_url)
            await _refusal(
                scope,
                send,
                "consent_required",
                "The visitor has not consented to share what this purpose needs",
                "Show the visitor the consent link; poll the request for the answer.",
                {
                    "missing": list(outcome.missing),
                    "consent_request": {
                        "id": str(request.id),
                        "url": f"{base}{consent_requests.answer_path(request)[1:]}",
                        "status_url": f"/v1/consent-requests/{request.id}",
                        "expires_at": request.expires_at.isoformat(),
                    },
                },
            )
            return
        if isinstance(outcome, touchpoint.TerminalSuspended):
            await _refusal(
                scope,
                send,
                "terminal_suspended",
                "This terminal was suspended",
                f"It resolved more than {outcome.ceiling} different visitors in a "
                "minute; an operator must review it.",
                {},
            )
            return
        await send_json(
            send,
            200,
            {
                "subject": outcome.subject,
                "language": outcome.language,
                "purpose": str(outcome.purpose),
                "attributes": outcome.attributes,
                "missing": list(outcome.missing),
                "verification": outcome.verification,
            },
            JSON_HEADERS,
        )


# The lean path takes its connection and its refusals' transactions as the declared route takes
# them through its dependencies, so the application's dependency overrides (the tests' one
# transaction) apply to it alike.
@asynccontextmanager
async def hot_connection(app: FastAPI) -> AsyncIterator[RawConnection]:
    override = app.dependency_overrides.get(get_autocommit_connection)
    if override is None:
        async with app.state.resolve_pool.acquire() as connection:
            yield RawConnection(connection)
        return
    given = override()
    try:
        connection = await anext(given)
        raw = await connection.get_raw_connection()
        yield RawConnection(raw.driver_connection)
    finally:
        await given.aclose()


def refusal_sessions(app: FastAPI) -> OpenSession:
    override = app.dependency_overrides.get(session_source)
    if override is not None:
        made: OpenSession = override()
        return made
    return lambda: session_scope(app.state.sessions)


async def _refusal(
    scope: Scope, send: Send, code: str, title: str, detail: str, extra: dict[str, object]
) -> None:
    """A 403 whose side effects (a consent request, a suspension) are committed already."""
    body = problem_body(
        status=403,
        code=code,
        title=title,
        detail=detail,
        instance=scope["path"],
        request_id=scope.get("state", {}).get("request_id"),
        extra=extra,
    )
    await send_json(send, 403, body, _PROBLEM_HEADERS)
