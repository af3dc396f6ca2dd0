"""API shapes of what the visitor can see of their data: disclosures."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class Seen(BaseModel):
    key: str
    label: str


class DisclosureOut(BaseModel):
    at: datetime
    servicer_name: str
    servicer_name_ja: str
    terminal: str | None
    location: str | None
    purpose: Seen
    attributes: list[Seen]
