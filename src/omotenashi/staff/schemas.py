"""API shapes of a servicer's staff."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from omotenashi.text import RequestBody


class AdminIn(RequestBody):
    email: str = Field(max_length=320)
    display_name: str = Field(max_length=200)
    password: str = Field(max_length=1024, description="At least 12 characters")


class StaffIn(AdminIn):
    role: Literal["servicer_admin", "servicer_staff"]


class Enrolled(BaseModel):
    staff_id: str
    totp_uri: str = Field(description="Shown once: add it to an authenticator app (as a QR code)")
