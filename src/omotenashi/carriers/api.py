"""The visitor's carriers: link a card or tag, register a phone for rotating QR codes, revoke."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from omotenashi.auth.api import CurrentVisitor
from omotenashi.carriers import service
from omotenashi.carriers.models import Carrier, CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.deps import Session, platform_keys
from omotenashi.security import ratelimit
from omotenashi.text import RequestBody

router = APIRouter(prefix="/v1/me", tags=["visitor"])


class CarrierOut(BaseModel):
    id: str
    kind: str
    label: str
    created_at: datetime
    revoked_at: datetime | None


class CardIn(RequestBody):
    kind: Literal["ic_card", "nfc_tag"]
    id: str = Field(max_length=64, description="IC card IDm (16 hex digits) or tag UID")
    label: str = Field(max_length=200, description="A name you will recognise: 'My Suica'")


class CardLinkReceived(BaseModel):
    """The same whether or not the card was linked (see ``POST /v1/me/carriers``)."""

    kind: Literal["ic_card", "nfc_tag"]
    label: str
    detail: str = Field(
        "Received. If no other account has this card, it is now linked to yours and listed "
        "among your carriers; if another account has it, its holder is told."
    )


class DeviceIn(RequestBody):
    label: str = Field(max_length=200, description="A name you will recognise: 'My phone'")


class DeviceRegistered(BaseModel):
    carrier: CarrierOut
    secret: str = Field(
        description="The device secret, base64url without padding; shown once, kept on the phone"
    )
    qr_version: str = Field(
        service.QR2_VERSION, description="The code format to show: OM2 (see /developers#qr)"
    )
    qr_key: str = Field(
        description="The platform's QR key (P-256 point, uncompressed, base64url without "
        "padding): the phone seals its carrier id to it in every OM2 code"
    )
    step_seconds: int = service.QR_STEP_SECONDS


def _out(carrier: Carrier) -> CarrierOut:
    return CarrierOut(
        id=str(carrier.id),
        kind=str(carrier.kind),
        label=carrier.label,
        created_at=carrier.created_at,
        revoked_at=carrier.revoked_at,
    )


def _keys(request: Request) -> CarrierKeys:
    return CarrierKeys.from_platform(platform_keys(request))


@router.get("/carriers", response_model=list[CarrierOut], summary="My cards, tags and phones")
async def my_carriers(me: CurrentVisitor, session: Session) -> list[CarrierOut]:
    return [_out(c) for c in await service.list_carriers(session, me.visitor_id)]


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
    carrier, secret = await service.register_device(
        session, _keys(request), me.visitor_id, body.label
    )
    return DeviceRegistered(
        carrier=_out(carrier),
        secret=base64.urlsafe_b64encode(secret).rstrip(b"=").decode(),
        qr_key=base64.urlsafe_b64encode(_keys(request).qr_public_key).rstrip(b"=").decode(),
    )


@router.delete(
    "/carriers/{carrier_id}",
    response_model=CarrierOut,
    summary="Revoke a lost card, tag or phone: it stops working at once",
)
async def revoke_carrier(carrier_id: uuid.UUID, me: CurrentVisitor, session: Session) -> CarrierOut:
    return _out(await service.revoke(session, me.visitor_id, carrier_id))
