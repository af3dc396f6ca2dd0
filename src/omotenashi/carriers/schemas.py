"""API shapes of a visitor's carriers: cards, tags and phones."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from omotenashi.carriers import service
from omotenashi.schemas import Schema
from omotenashi.text import RequestBody


class CarrierOut(Schema):
    id: uuid.UUID
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
