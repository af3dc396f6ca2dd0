"""API shapes of signing in."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from omotenashi.text import RequestBody


class StaffSignIn(RequestBody):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)
    code: str = Field(max_length=10, description="The current code of the authenticator app")


class SessionStarted(BaseModel):
    token: str = Field(description="The bearer secret; shown once, keep it like a password")
    expires_at: datetime
