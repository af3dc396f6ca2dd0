"""`POST /v1/payments/charges` as a lean ASGI endpoint, as resolve's is (DESIGN §4).

The route is declared once, in :mod:`omotenashi.payments.api`, so FastAPI describes it in the
OpenAPI and builds its handler; :class:`LeanCharge` answers the common case itself — a card or
tag tapped for an amount the tap may pay, with a new ``Idempotency-Key`` — on the raw asyncpg
pool (``db.RawConnection``), in two round trips:

1. :func:`omotenashi.payments.lean.tap`: the terminal, whether its key was answered already and
   resolve's decision for ``payment``, in resolve's one deciding statement;
2. :func:`omotenashi.payments.lean.charge`: the posting, the key claimed with its answer and the
   event, in one statement.

Everything else takes the declared route, body and all, before anything was written: a request
that is not well formed, a QR code, an amount above the tap limit, a key seen before, any
refusal of the caller or of resolve. When the decision disclosed but the posting wrote nothing
(an empty wallet, an account not opened yet, the key claimed meanwhile), the service's way
answers in one transaction with the visitor already found (``by_service``), as the declared
route does; errors raise to the application's handlers, as every route's do. The endpoint sits
behind the application's middleware like every route.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from omotenashi.carriers.models import CarrierKind
from omotenashi.clients.errors import InvalidTokenError
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import verify_access_token
from omotenashi.db import OpenSession
from omotenashi.errors import AppError
from omotenashi.payments import idempotency, lean
from omotenashi.payments.schemas import ChargeIn
from omotenashi.payments.service import Payer, Presented, Rules
from omotenashi.resolve.endpoint import (
    JSON_HEADERS,
    bearer_and_json,
    hot_connection,
    read_body,
    refusal_sessions,
    replayed,
    send_json,
)
from omotenashi.resolve.schemas import QrPresented

BY_CARD = {"ic_card": CarrierKind.ic_card, "nfc_tag": CarrierKind.nfc_tag}

ByService = Callable[
    [Request, OpenSession, AuthenticatedClient, ChargeIn, Payer], Awaitable[Response]
]


def _idempotency_key(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"idempotency-key":
            key = value.decode("latin-1").strip()
            return key if key and len(key) <= idempotency.MAX_KEY_LENGTH else None
    return None


class LeanCharge:
    def __init__(self, declared: ASGIApp, by_service: ByService) -> None:
        self.declared = declared  # FastAPI's handler for the same declaration
        self.by_service = by_service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token_text, is_json = bearer_and_json(scope)
        key = _idempotency_key(scope)
        body = await read_body(receive)
        app = scope["app"]
        platform = app.state.platform
        rules = Rules.from_settings(platform.settings)
        try:
            if token_text is None or not is_json or key is None:
                raise ValueError
            token = verify_access_token(platform.keys, token_text)
            asked = ChargeIn.model_validate_json(body)
        except (ValueError, ValidationError, InvalidTokenError):
            await self.declared(scope, replayed(body, receive), send)
            return
        carrier = asked.carrier
        if isinstance(carrier, QrPresented):
            await self.declared(scope, replayed(body, receive), send)
            return
        presented = Presented(BY_CARD[carrier.kind], carrier.id)
        if not lean.fits(rules, presented, asked.amount, asked.currency, asked.tax_lines):
            await self.declared(scope, replayed(body, receive), send)
            return
        request = Request(scope)
        now = datetime.now(UTC)
        async with hot_connection(app) as connection:
            try:
                found = await lean.tap(connection, platform.keys, token, key, presented, now)
            except AppError:  # a malformed card id: the declared route says what is wrong
                found = None
            if found is not None:
                client, who = found
                answer = await lean.charge(
                    connection,
                    rules,
                    client,
                    who,
                    asked.amount,
                    tax_lines=asked.tax_lines,
                    description=asked.description,
                    actor=f"client:{client.client_id}",
                    key=key,
                    fingerprint=idempotency.fingerprint(
                        "POST", request.url.path, asked.model_dump(mode="json")
                    ),
                    now=now,
                )
        if found is None:
            await self.declared(scope, replayed(body, receive), send)
            return
        if answer is None:
            response = await self.by_service(request, refusal_sessions(app), client, asked, who)
            await response(scope, receive, send)
            return
        await send_json(send, 201, answer, JSON_HEADERS)
