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

router = APIRouter(prefix="/v1/me", tags=["visitor"])


class CarrierOut(BaseModel):
    id: str
    kind: str
    label: str
    created_at: datetime
    revoked_at: datetime | None


class CardIn(BaseModel):
    kind: Literal["ic_card", "nfc_tag"]
    id: str = Field(max_length=64, description="IC card IDm (16 hex digits) or tag UID")
    label: str = Field(max_length=200, description="A name you will recognise: 'My Suica'")


class DeviceIn(BaseModel):
    label: str = Field(max_length=200, description="A name you will recognise: 'My phone'")


class DeviceRegistered(BaseModel):
    carrier: CarrierOut
    secret: str = Field(
        description="The device secret, base64url without padding; shown once, kept on the phone"
    )
    qr_version: str = service.QR_VERSION
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
    status_code=201,
    response_model=CarrierOut,
    summary="Link an IC card or NFC tag; only a keyed hash of its id is kept",
    responses={409: {"description": "carrier_already_linked"}},
)
async def link_card(
    body: CardIn, me: CurrentVisitor, session: Session, request: Request
) -> CarrierOut:
    carrier = await service.link_card(
        session, _keys(request), me.visitor_id, CarrierKind(body.kind), body.id, body.label
    )
    return _out(carrier)


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
        carrier=_out(carrier), secret=base64.urlsafe_b64encode(secret).rstrip(b"=").decode()
    )


@router.delete(
    "/carriers/{carrier_id}",
    response_model=CarrierOut,
    summary="Revoke a lost card, tag or phone: it stops working at once",
)
async def revoke_carrier(carrier_id: uuid.UUID, me: CurrentVisitor, session: Session) -> CarrierOut:
    return _out(await service.revoke(session, me.visitor_id, carrier_id))
