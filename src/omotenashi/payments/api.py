"""Payments over the API: a terminal pays in cash, charges and holds at its touchpoint; the
servicer's terminals and back-end refund, capture and release; the visitor reads their wallet.

Every request that moves money carries an ``Idempotency-Key`` (Stripe's semantics, see
:mod:`omotenashi.payments.idempotency`): its first answer, a payment or a problem, is stored in
the same transaction as the payment and returned again for the same key and body.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Request, Security
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel

from omotenashi.auth.dependencies import CurrentVisitor
from omotenashi.carriers.models import CarrierKind
from omotenashi.clients.dependencies import access_token
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken
from omotenashi.db import OpenSession
from omotenashi.deps import AutocommitConnection, Session, SessionSource, platform_keys
from omotenashi.errors import PROBLEM_JSON, AppError, problem_body
from omotenashi.payments import cards, idempotency, lean, provider, service
from omotenashi.payments.dependencies import ServicerCaller, Terminal
from omotenashi.payments.endpoint import LeanCharge
from omotenashi.payments.errors import IdempotencyKeyRequiredError
from omotenashi.payments.schemas import (
    ChargeIn,
    ConfirmationOut,
    HoldIn,
    PartIn,
    PaymentOut,
    TopUpIn,
    WalletEntryOut,
    WalletOut,
)
from omotenashi.payments.service import Payer, Payment, Presented, Rules
from omotenashi.resolve.schemas import QrPresented

router = APIRouter(prefix="/v1", tags=["payments"])

_KINDS = {
    "ic_card": CarrierKind.ic_card,
    "nfc_tag": CarrierKind.nfc_tag,
    "qr": CarrierKind.qr_device,
}
_MOVES_MONEY: dict[int | str, dict[str, Any]] = {
    400: {"description": "idempotency_key_required"},
    422: {
        "description": "invalid_amount, amount_over_limit, unsupported_currency, "
        "idempotency_key_reused (the key was first sent with another body)"
    },
}


def _rules(request: Request) -> Rules:
    return Rules.from_settings(request.app.state.platform.settings)


def _presented(body: TopUpIn | ChargeIn | HoldIn) -> Presented:
    carrier = body.carrier
    value = carrier.payload if isinstance(carrier, QrPresented) else carrier.id
    return Presented(_KINDS[carrier.kind], value)


def _terminal_id(caller: AuthenticatedClient) -> uuid.UUID | None:
    return caller.id if caller.kind is ClientKind.terminal else None


async def _once(
    request: Request,
    session: Session,
    caller: AuthenticatedClient,
    body: BaseModel,
    work: Callable[[], Awaitable[Payment]],
) -> JSONResponse:
    """Run ``work`` once per Idempotency-Key: the first answer, a payment or a refusal, is
    stored with the request's fingerprint and answered again to a retry."""
    key = request.headers.get("idempotency-key", "").strip()
    if not key or len(key) > idempotency.MAX_KEY_LENGTH:
        raise IdempotencyKeyRequiredError(
            f"Send a unique Idempotency-Key header (at most {idempotency.MAX_KEY_LENGTH} "
            "characters) and the same one when you retry."
        )
    scope = f"client:{caller.id}"
    fingerprint = idempotency.fingerprint(
        request.method, request.url.path, body.model_dump(mode="json")
    )
    stored = await idempotency.claim(session, scope, key, fingerprint)
    if stored is not None:
        return JSONResponse(
            stored.body,
            status_code=stored.status,
            media_type="application/json" if stored.status < 400 else PROBLEM_JSON,
            headers={"Idempotent-Replayed": "true"},
        )
    try:
        payment = await work()
    except AppError as exc:
        status = int(exc.status)
        answer = problem_body(
            status=status,
            code=exc.code,
            title=exc.title,
            detail=exc.message,
            instance=request.url.path,
            fields=exc.fields,
            extra=exc.extra,
        )
        media = PROBLEM_JSON
    else:
        status = 201
        answer = PaymentOut.model_validate(payment).model_dump(mode="json")
        media = "application/json"
    await idempotency.remember(session, scope, key, status, answer)
    return JSONResponse(answer, status_code=status, media_type=media)


@router.post(
    "/payments/top-ups/cash",
    status_code=201,
    response_model=PaymentOut,
    summary="Record cash received at the counter and credit the visitor's wallet",
    responses={**_MOVES_MONEY, 409: {"description": "wallet_limit_exceeded"}},
)
async def cash_top_up(
    body: TopUpIn, caller: Terminal, session: Session, request: Request
) -> JSONResponse:
    """At a counter: record cash the visitor handed over and credit their wallet with it."""
    return await _once(
        request,
        session,
        caller,
        body,
        lambda: service.top_up_cash(
            session,
            platform_keys(request),
            _rules(request),
            caller,
            _presented(body),
            body.amount,
            currency=body.currency,
            actor=f"client:{caller.client_id}",
        ),
    )


async def charge(
    body: ChargeIn,
    token: Annotated[AccessToken, Security(access_token, scopes=["resolve"])],
    connection: AutocommitConnection,
    transactions: SessionSource,
    request: Request,
) -> JSONResponse:
    """The declaration FastAPI documents and validates by. A tap the lean path takes is answered
    by :class:`omotenashi.payments.endpoint.LeanCharge` on the raw pool; what reaches this goes
    the lean path's way on the connection when it can (:func:`lean.attempt`), else the
    service's, in one transaction."""
    keys, rules = platform_keys(request), _rules(request)
    caller, answer, payer = await lean.attempt(request, connection, keys, rules, token, body)
    if answer is not None:
        return answer
    return await _charge_by_service(request, transactions, caller, body, payer)


async def _charge_by_service(
    request: Request,
    transactions: OpenSession,
    caller: AuthenticatedClient,
    body: ChargeIn,
    payer: Payer | None,
) -> JSONResponse:
    """The charge through :func:`service.charge`, once per Idempotency-Key, in one transaction
    of ``transactions``; ``payer``: the visitor, when resolve's decision found them already."""
    keys, rules, presented = platform_keys(request), _rules(request), _presented(body)
    async with transactions() as session:
        return await _once(
            request,
            session,
            caller,
            body,
            lambda: service.charge(
                session,
                keys,
                rules,
                caller,
                presented,
                body.amount,
                currency=body.currency,
                description=body.description,
                tax_lines=body.tax_lines,
                actor=f"client:{caller.client_id}",
                identified=payer,
            ),
        )


class LeanChargeRoute(APIRoute):
    """The declared route, answered by :class:`LeanCharge` (and by FastAPI's own handler for
    what the lean path does not take)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = LeanCharge(self.app, _charge_by_service)


def install(app: FastAPI) -> None:
    """``POST /v1/payments/charges`` on the application's own router (an included router would
    build its handler anew and bypass the lean one), declared as the other routes are."""
    app.router.add_api_route(
        "/v1/payments/charges",
        charge,
        methods=["POST"],
        route_class_override=LeanChargeRoute,
        tags=["payments"],
        status_code=201,
        response_model=PaymentOut,
        summary="Charge the visitor behind a carrier (purpose `payment`)",
        description=(
            "At a till: charge the visitor's wallet for a purchase, from the card, tag or QR "
            "code they presented (a terminal's token with the `resolve` scope; the visitor must "
            "have consented to the purpose `payment`). Amounts are integers in yen. Send a "
            "unique `Idempotency-Key` with every charge: a retry with the same key and body gets "
            "the first answer and never charges twice.\n\nWithout consent the answer is 403 "
            "`consent_required`, as for resolve. Above the tap limit it is 403 "
            "`confirmation_required`: the visitor confirms on their phone, and "
            "`confirmation.status_url` tells you when they have. A wallet that cannot pay is "
            "409 `insufficient_funds`."
        ),
        responses={
            **_MOVES_MONEY,
            403: {
                "description": "consent_required (with a tap-to-consent request), "
                "confirmation_required (above the tap limit: the visitor confirms on their "
                "phone)"
            },
            404: {"description": "carrier_not_found: unknown, revoked or erased"},
            409: {"description": "insufficient_funds"},
        },
    )


@router.post(
    "/payments/holds",
    status_code=201,
    response_model=PaymentOut,
    summary="Hold an amount of the visitor's wallet (a deposit), to capture or release later",
    responses={**_MOVES_MONEY, 409: {"description": "insufficient_funds"}},
)
async def hold(body: HoldIn, caller: Terminal, session: Session, request: Request) -> JSONResponse:
    """Reserve an amount of the visitor's wallet, such as a hotel deposit at check-in, to capture
    or release later. Like every call that moves money it takes an `Idempotency-Key`, so that a
    retry does not hold twice."""
    return await _once(
        request,
        session,
        caller,
        body,
        lambda: service.hold(
            session,
            platform_keys(request),
            _rules(request),
            caller,
            _presented(body),
            body.amount,
            currency=body.currency,
            expires_in=timedelta(hours=body.expires_in_hours),
            description=body.description,
            actor=f"client:{caller.client_id}",
        ),
    )


@router.post(
    "/payments/holds/{hold_id}/capture",
    status_code=201,
    response_model=PaymentOut,
    summary="Capture up to the held amount; the rest is released",
    responses={**_MOVES_MONEY, 409: {"description": "hold_not_open, capture_exceeds_hold"}},
)
async def capture(
    hold_id: uuid.UUID, body: PartIn, caller: ServicerCaller, session: Session, request: Request
) -> JSONResponse:
    """Take up to the held amount, such as the final bill at check-out; what is left of the hold is
    released."""
    return await _once(
        request,
        session,
        caller,
        body,
        lambda: service.capture(
            session,
            _rules(request),
            caller.servicer_id,
            hold_id,
            body.amount,
            currency=body.currency,
            actor=f"client:{caller.client_id}",
            terminal_id=_terminal_id(caller),
        ),
    )


@router.post(
    "/payments/holds/{hold_id}/release",
    status_code=201,
    response_model=PaymentOut,
    summary="Release the whole hold",
    responses={**_MOVES_MONEY, 409: {"description": "hold_not_open"}},
)
async def release(
    hold_id: uuid.UUID, caller: ServicerCaller, session: Session, request: Request
) -> JSONResponse:
    """Give the whole held amount back to the visitor's wallet."""
    return await _once(
        request,
        session,
        caller,
        PartIn(),
        lambda: service.release(
            session,
            caller.servicer_id,
            hold_id,
            actor=f"client:{caller.client_id}",
            terminal_id=_terminal_id(caller),
        ),
    )


@router.post(
    "/payments/charges/{charge_id}/refunds",
    status_code=201,
    response_model=PaymentOut,
    summary="Refund all or part of a charge to the visitor's wallet",
    responses={**_MOVES_MONEY, 409: {"description": "refund_exceeds_charge, wallet_closed"}},
)
async def refund(
    charge_id: uuid.UUID, body: PartIn, caller: ServicerCaller, session: Session, request: Request
) -> JSONResponse:
    """Refund all or part of a charge to the visitor's wallet, such as for a returned item."""
    return await _once(
        request,
        session,
        caller,
        body,
        lambda: service.refund(
            session,
            caller.servicer_id,
            charge_id,
            body.amount,
            currency=body.currency,
            actor=f"client:{caller.client_id}",
            terminal_id=_terminal_id(caller),
        ),
    )


@router.get(
    "/payments/{payment_id}",
    response_model=PaymentOut,
    summary="One of the servicer's payments",
)
async def payment(payment_id: uuid.UUID, caller: ServicerCaller, session: Session) -> Payment:
    """Read one of your payments (a charge, hold, capture, release or refund) and its state."""
    return await service.operation(session, caller.servicer_id, payment_id)


@router.get(
    "/payments/confirmations/{confirmation_id}",
    response_model=ConfirmationOut,
    summary="A charge above the tap limit: whether the visitor confirmed it on their phone",
)
async def confirmation(
    confirmation_id: uuid.UUID, caller: ServicerCaller, session: Session
) -> ConfirmationOut:
    """After a `confirmation_required` answer: whether the visitor confirmed the charge on their
    phone. Poll it until it is no longer pending."""
    asked = await service.confirmation(session, caller.servicer_id, confirmation_id)
    charge = (
        PaymentOut.model_validate(
            await service.operation(session, caller.servicer_id, asked.charge_id)
        )
        if asked.charge_id
        else None
    )
    return ConfirmationOut(
        id=asked.id,
        state=str(asked.state),
        amount=asked.amount,
        expires_at=asked.expires_at,
        charge=charge,
    )


@router.post(
    "/payments/webhooks/stripe",
    summary="Stripe's webhook: a paid card top-up credits the wallet (signature verified)",
    responses={
        400: {"description": "invalid_signature"},
        404: {"description": "card_top_up_unavailable: no payment provider is configured"},
    },
)
async def stripe_webhook(request: Request, session: Session) -> JSONResponse:
    """Called by Stripe, not by integrators: a paid card top-up credits the visitor's wallet. The
    Stripe signature is verified."""
    settings = request.app.state.platform.settings
    payments = provider.provider(settings)
    event = payments.verify(await request.body(), request.headers.get("stripe-signature", ""))
    if event is not None:
        await cards.paid(session, Rules.from_settings(settings), event, provider=payments)
    return JSONResponse({"received": True})


@router.get("/me/wallet", response_model=WalletOut, summary="The visitor's balance and history")
async def my_wallet(me: CurrentVisitor, session: Session) -> WalletOut:
    """The visitor's wallet balance in yen and its history."""
    view = await service.wallet(session, me.visitor_id)
    return WalletOut(
        available=view.balance.available,
        held=view.balance.held,
        history=[WalletEntryOut.model_validate(p) for p in view.history],
    )
