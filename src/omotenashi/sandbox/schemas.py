"""API shapes of the sandbox."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from omotenashi.servicers.purposes import PurposeKey
from omotenashi.text import RequestBody


class SandboxVisitorIn(RequestBody):
    label: str = Field(max_length=200, description="A name for your tests", examples=["Guest A"])
    language: str = Field("en", max_length=16, description="The language its pages speak")


class TestCardOut(BaseModel):
    kind: Literal["ic_card"] = "ic_card"
    id: str = Field(
        description="The test card's IDm (16 hex digits, always starting FFFF): present it to "
        '`POST /v1/resolve` as `{"kind": "ic_card", "id": ...}` with a sandbox token',
        examples=["FFFF0123456789AB"],
    )


class SandboxVisitorOut(BaseModel):
    id: uuid.UUID = Field(description="The test visitor's id, for the sandbox's own routes")
    label: str
    subject: str = Field(description="Your pairwise subject for it, as resolve answers")
    card: TestCardOut
    created_at: datetime


class QrOut(BaseModel):
    payload: str = Field(
        description="The rotating code (OM2) its phone shows now; present it as "
        '`{"kind": "qr", "payload": ...}`'
    )
    expires_in: int = Field(description="Seconds until the code's 30-second step ends")


class SandboxGrantIn(RequestBody):
    purpose: PurposeKey = Field(description="The test visitor consents to all this purpose needs")


class SandboxGrantOut(BaseModel):
    grant_id: uuid.UUID
    purpose: str
    attributes: list[str]
    expires_at: datetime


class AnsweredOut(BaseModel):
    id: uuid.UUID
    state: str = Field(description="accepted or declined")
