"""Tax-free records over the API: a shop's POS or terminal builds a record from a tap and the
items (idempotent under an ``Idempotency-Key``, as payments are), reads its records, downloads
one as a file for an approved sender, and corrects a rejected one; the visitor reads theirs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.responses import JSONResponse, Response

from omotenashi.auth.dependencies import CurrentVisitor
from omotenashi.carriers.models import CarrierKind
from omotenashi.clients import service as clients
from omotenashi.clients.dependencies import access_token
from omotenashi.clients.errors import SandboxOnlyError
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import PROBLEM_JSON, AppError, problem_body
from omotenashi.payments import idempotency
from omotenashi.payments.errors import IdempotencyKeyRequiredError
from omotenashi.resolve.schemas import QrPresented
from omotenashi.resolve.touchpoint import PurposeNotForTerminalError
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.taxfree import service
from omotenashi.taxfree.models import RecordState
from omotenashi.taxfree.schemas import (
    TaxFreeCorrectionIn,
    TaxFreeItemIn,
    TaxFreeRecordIn,
    TaxFreeRecordOut,
    TaxFreeRecordWithItemsOut,
    TaxFreeVisitorRecordOut,
)

router = APIRouter(prefix="/v1", tags=["tax-free"])

_KINDS = {
    "ic_card": CarrierKind.ic_card,
    "nfc_tag": CarrierKind.nfc_tag,
    "qr": CarrierKind.qr_device,
}


async def shop_caller(
    session: Session, claims: Annotated[AccessToken, Depends(access_token)]
) -> AuthenticatedClient:
    """The shop's back-end (``servicer:admin``) or one of its terminals holding ``resolve`` and
    set up for ``tax_free_sale``; live only (a purchase record goes to the tax office, so a
    sandbox client is refused with 403 ``sandbox_only``)."""
    if "servicer:admin" in claims.scopes:
        caller = await clients.authorize(session, claims, "servicer:admin")
        if not caller.live:
            raise SandboxOnlyError()
        return caller
    caller = await clients.authorize(session, claims, "resolve")
    if not caller.live:
        raise SandboxOnlyError()
    if (
        caller.kind is not ClientKind.terminal
        or str(PurposeKey.tax_free_sale) not in caller.purposes
    ):
        raise PurposeNotForTerminalError()
    return caller


ShopCaller = Annotated[AuthenticatedClient, Security(shop_caller)]


def _items(items: list[TaxFreeItemIn]) -> list[service.ItemIn]:
    return [service.ItemIn(i.name, i.quantity, i.unit_price, i.tax_rate, i.serial) for i in items]


async def _with_items(session: Session, found: Any) -> dict[str, Any]:
    items = await service.items_of(session, found.id)
    return {
        **TaxFreeRecordOut.model_validate(found).model_dump(mode="json"),
        "items": [
            {
                "line": i.line,
                "name": i.name,
                "quantity": i.quantity,
                "unit_price": i.unit_price,
                "price": i.price,
                "tax_rate": i.tax_rate,
                "serial": i.serial,
                "confirmed": i.confirmed,
            }
            for i in items
        ],
    }


@router.post(
    "/tax-free/records",
    status_code=201,
    response_model=TaxFreeRecordWithItemsOut,
    summary="Build a tax-free purchase record from a tap (purpose `tax_free_sale`) and the items",
    responses={
        400: {"description": "idempotency_key_required"},
        403: {
            "description": "consent_required (with a tap-to-consent request), purpose_not_approved"
        },
        404: {"description": "carrier_not_found"},
        409: {"description": "tax_free_not_configured"},
        422: {"description": "invalid_items, passport_missing, idempotency_key_reused"},
    },
)
async def build(
    body: TaxFreeRecordIn, caller: ShopCaller, session: Session, request: Request
) -> JSONResponse:
    """At a tax-free shop's till: build the purchase record from the visitor's tap (purpose
    `tax_free_sale`) and the items sold."""
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
    keys = platform_keys(request)
    carrier = body.carrier
    value = carrier.payload if isinstance(carrier, QrPresented) else carrier.id
    try:
        now = datetime.now(UTC)
        buyer = await service.identify(session, keys, caller, _KINDS[carrier.kind], value, now)
        found = await service.build_record(
            session,
            keys,
            caller.servicer_id,
            buyer,
            _items(body.items),
            actor=f"client:{caller.client_id}",
            card_payment=body.card_payment,
            now=now,
        )
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
        status, answer, media = 201, await _with_items(session, found), "application/json"
    await idempotency.remember(session, scope, key, status, answer)
    return JSONResponse(answer, status_code=status, media_type=media)


@router.get(
    "/tax-free/records",
    response_model=list[TaxFreeRecordOut],
    summary="The shop's tax-free records, newest first, by state",
)
async def records(
    caller: ShopCaller,
    session: Session,
    state: Annotated[RecordState | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Any:
    """The shop's tax-free records, newest first, optionally in one state, to follow their
    transmission."""
    return await service.shop_records(session, caller.servicer_id, state, limit=limit)


@router.get(
    "/tax-free/records/{record_id}",
    response_model=TaxFreeRecordWithItemsOut,
    summary="One tax-free record with its items",
    responses={404: {"description": "tax_free_record_not_found"}},
)
async def one(record_id: uuid.UUID, caller: ShopCaller, session: Session) -> Any:
    """One tax-free record with its items and its transmission state."""
    return await _with_items(session, await service.record(session, caller.servicer_id, record_id))


@router.get(
    "/tax-free/records/{record_id}/file",
    summary="The record as a file for an approved sender (the submission's shape)",
    response_class=Response,
    responses={404: {"description": "tax_free_record_not_found"}},
)
async def file(
    record_id: uuid.UUID, caller: ShopCaller, session: Session, request: Request
) -> Response:
    """The record as a file in the submission's shape, for a shop that sends through an approved
    sender."""
    name, content = await service.record_file(
        session, platform_keys(request), caller.servicer_id, record_id
    )
    return Response(
        content,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post(
    "/tax-free/records/{record_id}/correction",
    response_model=TaxFreeRecordWithItemsOut,
    summary="Correct a rejected record; it is sent again with the next transmission",
    responses={
        404: {"description": "tax_free_record_not_found"},
        409: {"description": "tax_free_wrong_state"},
        422: {"description": "invalid_items"},
    },
)
async def correction(
    record_id: uuid.UUID,
    body: TaxFreeCorrectionIn,
    caller: ShopCaller,
    session: Session,
    request: Request,
) -> Any:
    """Correct a record the tax authority rejected; it is sent again with the next transmission."""
    found = await service.correct(
        session,
        platform_keys(request),
        caller.servicer_id,
        record_id,
        _items(body.items) if body.items is not None else None,
        passport=body.passport.model_dump(mode="json", exclude_none=True)
        if body.passport
        else None,
        actor=f"client:{caller.client_id}",
    )
    return await _with_items(session, found)


@router.get(
    "/me/tax-free",
    response_model=list[TaxFreeVisitorRecordOut],
    summary="The visitor's tax-free purchases at every shop",
)
async def mine(me: CurrentVisitor, session: Session) -> Any:
    """The visitor's tax-free purchases at every shop, to show at departure."""
    return [v.record for v in await service.visitor_records(session, me.visitor_id)]
