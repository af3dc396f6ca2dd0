"""API shapes of consent: grants, receipts and tap-to-consent requests."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.text import RequestBody


class Item(BaseModel):
    key: str
    label: str = Field(description="In the visitor's language")


class GrantIn(RequestBody):
    purpose: PurposeKey
    attributes: list[str] = Field(max_length=32, description="A subset of the purpose's items")
    servicer_id: uuid.UUID | None = Field(None, description="One servicer…")
    category: ServicerCategory | None = Field(None, description="…or every servicer of a kind")
    expires_at: datetime | None = Field(None, description="Default: the end of departure day")


class GrantOut(BaseModel):
    id: str
    servicer_id: str | None
    servicer_name: str | None
    category: str | None
    purpose: Item
    attributes: list[Item]
    granted_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    active: bool
    receipt_jws: str = Field(description="Kantara Consent Receipt v1.1 claims, signed (EdDSA)")


class Receipt(BaseModel):
    jws: str
    claims: dict[str, Any]


class ConsentRequestOut(BaseModel):
    id: str
    state: str
    servicer_name: str
    servicer_name_ja: str
    servicer_category: str
    purpose: Item
    attributes: list[Item]
    expires_at: datetime
