"""API shapes of resolve."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from omotenashi.servicers.purposes import PurposeKey


class CardPresented(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["ic_card", "nfc_tag"]
    id: Annotated[str, Field(min_length=1, max_length=64, examples=["0123456789ABCDEF"])]


class QrPresented(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["qr"]
    payload: Annotated[str, Field(min_length=1, max_length=256)]


class ResolveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    carrier: Annotated[CardPresented | QrPresented, Field(discriminator="kind")]
    purpose: PurposeKey


class Verification(BaseModel):
    """Who vouched for an attribute's value."""

    verified_by: str = Field(
        description="The issuer (iss) of the OpenID Provider that verified the value",
        examples=["https://auth.example.go.jp"],
    )
    verified_at: datetime = Field(description="When it was verified (UTC)")


class ResolveResponse(BaseModel):
    subject: str = Field(description="Pairwise id: stable for this servicer, unlinkable elsewhere.")
    language: str = Field(description="The language to serve the visitor in (BCP 47).")
    purpose: PurposeKey
    attributes: dict[str, Any]
    missing: list[str] = Field(description="Needed by the purpose but not granted.")
    verification: dict[str, Verification | None] = Field(
        description="For every key of `attributes`: who verified its value and when, or null "
        "for a value the visitor typed themselves. A verified value the visitor later edits "
        "is typed again (null).",
        examples=[
            {
                "name": {
                    "verified_by": "https://auth.example.go.jp",
                    "verified_at": "2026-12-04T09:00:00Z",
                },
                "email": None,
            }
        ],
    )


class ConsentRequestStatus(BaseModel):
    id: str
    state: str
    purpose: str
    attributes: list[str]
    expires_at: datetime
