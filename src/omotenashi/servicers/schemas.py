"""API shapes of servicers: applying to join, the public directory, and the operator's view."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator

from omotenashi.schemas import Schema
from omotenashi.servicers.models import PurposeState, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.schemas import AdminIn
from omotenashi.text import RequestBody


class PurposeOut(Schema):
    purpose: str
    state: str
    justification: str
    decided_at: datetime | None


class ServicerOut(Schema):
    id: uuid.UUID
    name: str
    name_ja: str
    category: str
    state: str
    municipality_code: str | None
    state_reason: str | None
    purposes: list[PurposeOut] = Field(description="By purpose key")

    @field_validator("purposes", mode="before")
    @classmethod
    def _by_key(cls, purposes: Iterable[Any]) -> list[Any]:
        return sorted(purposes, key=lambda p: p.purpose if hasattr(p, "purpose") else p["purpose"])


class ListedServicer(Schema):
    """What anyone may know of an approved servicer: enough for a visitor to choose."""

    id: uuid.UUID
    name: str
    name_ja: str
    category: str
    municipality_code: str | None
    purposes: list[str] = Field(description="The purposes the operator approved")

    @field_validator("purposes", mode="before")
    @classmethod
    def _approved_only(cls, purposes: Iterable[Any]) -> list[str]:
        return sorted(
            p if isinstance(p, str) else p.purpose
            for p in purposes
            if isinstance(p, str) or p.state is PurposeState.approved
        )


class ApplicationIn(RequestBody):
    name: str = Field(max_length=200)
    name_ja: str = Field(max_length=200)
    category: ServicerCategory
    contact_email: str = Field(max_length=320)
    municipality_code: str | None = Field(None, max_length=6, description="JIS X 0402, 6 digits")
    purposes: dict[PurposeKey, Annotated[str, Field(max_length=1000)]] = Field(
        description="Each purpose declared, with why the organisation needs it"
    )
    admin: AdminIn = Field(description="The first administrator of the organisation's console")


class ApplicationReceived(BaseModel):
    """The same whatever the platform already holds (see ``POST /v1/servicers``)."""

    detail: str


class StateIn(RequestBody):
    state: ServicerState
    reason: str = Field("", max_length=500)


class PurposeDecision(RequestBody):
    approve: bool
