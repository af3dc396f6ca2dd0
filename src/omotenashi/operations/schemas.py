"""API shapes of the operator's audit log."""

from __future__ import annotations

from datetime import datetime

from omotenashi.schemas import Schema


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, object]
    hash: str
    previous_hash: str


class ChainOut(Schema):
    checked: int
    intact: bool
    first_broken_id: int | None
    reason: str | None
