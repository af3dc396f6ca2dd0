"""The visitor's carriers: link a card or tag, register a phone for rotating QR codes, revoke."""

from __future__ import annotations

import base64
import uuid

from fastapi import APIRouter, Request

from omotenashi.auth.dependencies import CurrentVisitor
from omotenashi.carriers import service
from omotenashi.carriers.models import Carrier, CarrierKind
from omotenashi.carriers.schemas import (
    CardIn,
    CardLinkReceived,
    CarrierOut,
    DeviceIn,
    DeviceRegistered,
)
from omotenashi.carriers.service import CarrierKeys
from omotenashi.deps import Session, platform_keys
from omotenashi.security import ratelimit

router = APIRouter(prefix="/v1/me", tags=["visitor"])


def _keys(request: Request) -> CarrierKeys:
    return CarrierKeys.from_platform(platform_keys(request))


@router.get("/carriers", response_model=list[CarrierOut], summary="My cards, tags and phones")
async def my_carriers(me: CurrentVisitor, session: Session) -> list[Carrier]:
    """List the cards, NFC tags and phones the visitor can present at a touchpoint, to let them
    manage or revoke one."""
    return await service.list_carriers(session, me.visitor_id)


@router.post(
    "/carriers",
    status_code=202,
    response_model=CardLinkReceived,
    summary="Link an IC card or NFC tag; only a keyed hash of its id is kept",
    description=(
        "Answered 202, the same whether or not the card is already linked, so that no one "
        "learns through it whether a card number is known. A card linked to no one is linked "
        "to the caller at once and listed in `GET /v1/me/carriers`; a card linked to another "
        "account stays theirs, and its holder is told by e-mail that someone tried. Only a "
        "malformed number or label is answered at once (422)."
    ),
    responses={429: {"description": "rate_limited: too many card links; see Retry-After"}},
)
async def link_card(
    body: CardIn, me: CurrentVisitor, session: Session, request: Request
) -> CardLinkReceived:
    await ratelimit.enforce(
        request.app.state.rate_limit_engine,
        service.links_by(me.visitor_id),
        service.LINKS_PER_VISITOR,
    )
    await service.link_card(
        session, _keys(request), me.visitor_id, CarrierKind(body.kind), body.id, body.label
    )
    return CardLinkReceived(kind=body.kind, label=body.label.strip())


@router.post(
    "/devices",
    status_code=201,
    response_model=DeviceRegistered,
    summary="Register this phone to show rotating QR codes (computed offline)",
)
async def register_device(
    body: DeviceIn, me: CurrentVisitor, session: Session, request: Request
) -> DeviceRegistered:
    """Register the visitor's phone to show rotating QR codes. The answer holds the device secret
    (shown only this once; keep it in the phone's secure storage) and the QR format's
    parameters, with which the phone computes each code offline."""
    carrier, secret = await service.register_device(
        session, _keys(request), me.visitor_id, body.label
    )
    return DeviceRegistered(
        carrier=CarrierOut.model_validate(carrier),
        secret=base64.urlsafe_b64encode(secret).rstrip(b"=").decode(),
        qr_key=base64.urlsafe_b64encode(_keys(request).qr_public_key).rstrip(b"=").decode(),
    )


@router.delete(
    "/carriers/{carrier_id}",
    response_model=CarrierOut,
    summary="Revoke a lost card, tag or phone: it stops working at once",
)
async def revoke_carrier(carrier_id: uuid.UUID, me: CurrentVisitor, session: Session) -> Carrier:
    """Revoke a card, tag or phone that was lost or given away: touchpoints stop recognising it at
    once."""
    return await service.revoke(session, me.visitor_id, carrier_id)
