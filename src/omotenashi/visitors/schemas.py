"""Shapes of the visitor API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from omotenashi.text import RequestBody


class Registration(RequestBody):
    language: str = Field(
        "en", max_length=35, description="BCP 47 tag of the language to be served in"
    )
    profile: dict[str, Any] = Field(
        default_factory=dict,
        description="Attributes by catalogue key: every key, its value shape and vocabulary "
        "are listed by GET /v1/catalogue",
    )


class SessionOut(BaseModel):
    token: str = Field(description="The bearer secret; shown once, keep it like a password")
    expires_at: datetime


class Profile(BaseModel):
    visitor_id: str
    language: str
    departure: date | None
    catalogue_version: str
    attributes: dict[str, Any]


class Registered(Profile):
    session: SessionOut


class FamilyMember(BaseModel):
    id: str
    attributes: dict[str, Any]


class FamilyMemberIn(RequestBody):
    attributes: dict[str, Any]


class Family(BaseModel):
    members: list[FamilyMember]


class MrzIn(RequestBody):
    mrz: str = Field(max_length=200, description="The two lines of a passport's MRZ")


class MrzOut(BaseModel):
    attributes: dict[str, Any] = Field(description="What the MRZ fills in, ready to PATCH")
    nationality_code: str = Field(description="The ICAO code printed in the MRZ")
