"""API shapes of the alerts domain."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from omotenashi.alerts.errors import LISTED
from omotenashi.alerts.forwarded import TextChange, VerificationVerdict
from omotenashi.schemas import Schema


class Rendering(BaseModel):
    headline: str
    lines: list[str]
    action: str


class AlertOut(BaseModel):
    id: uuid.UUID
    type: str
    severity: int = Field(description="1 information, 2 advisory, 3 warning, 4 emergency")
    status: str = Field(description="normal, exercise or test: only normal alerts are real")
    state: str = Field(description="current, expired, superseded or cancelled")
    source: str
    issued_at: datetime
    expires_at: datetime | None
    language: str
    text: Rendering = Field(description="The alert in `language`, from fixed phrases")
    signature: str | None = Field(description="Compact JWS (EdDSA) over the alert, by the platform")


class AlertDetailOut(AlertOut):
    content: dict[str, Any] = Field(description="The structured alert: details, areas, times")


class OperatorAlertOut(BaseModel):
    id: uuid.UUID
    type: str
    severity: int
    status: str
    state: str
    origin: str
    source: str
    issued_at: datetime
    expires_at: datetime | None
    created_by: str
    approved_by: str | None
    content: dict[str, Any]
    renderings: dict[str, Rendering] = Field(description="Every alert language")
    target_prefectures: list[str]
    target_municipalities: list[str]
    target_cells: int = Field(description="How many H3 cells the drawn areas cover")
    unresolved_areas: list[str] = Field(description="Areas that match no visitor")
    unknown_elements: list[str] = Field(description="Elements of the document not understood")
    recipients: int
    delivered: int
    failed: int
    signature: str | None


class IngestedAlert(BaseModel):
    """The alert an ingested report made, summarised: its size does not grow with the report's.
    Every rendering and area is at ``GET /v1/operator/alerts/{id}``."""

    id: uuid.UUID
    type: str
    severity: int = Field(description="1 information, 2 advisory, 3 warning, 4 emergency")
    status: str = Field(description="normal, exercise or test: only normal alerts are real")
    state: str = Field(description="current, expired, superseded or cancelled")
    origin: str
    source: str
    issued_at: datetime
    expires_at: datetime | None
    created_by: str = Field(description="Who ingested it, as the audit log names them")
    headlines: dict[str, str] = Field(description="The headline in every alert language")
    area_count: int = Field(description="How many areas the report names")
    prefectures: list[str] = Field(
        description="JIS X 0401 codes of the prefectures it reaches, in whole or in part"
    )
    municipality_count: int = Field(description="How many municipalities it targets")
    cell_count: int = Field(description="How many H3 cells the drawn areas cover")
    unresolved_areas: list[str] = Field(
        description=f"Areas that match no place we know, so nobody there is told (the first "
        f"{LISTED}, as `kind:code name`)"
    )
    unresolved_count: int = Field(description="How many areas match no place we know")
    signature: str | None = Field(description="Compact JWS (EdDSA) over the alert, by the platform")
    withheld: str | None = Field(
        default=None,
        description="Why this real alert was not pushed: received too long after JMA issued it",
    )


class Ingested(BaseModel):
    alert: IngestedAlert | None
    cancelled: list[uuid.UUID]
    unknown_elements: list[str] = Field(
        description=f"Paths of elements the parser did not know (the first {LISTED})"
    )
    unknown_element_count: int = Field(description="How many such paths there are")
    duplicate: bool = Field(description="The same document was ingested before")
    warnings: list[str] = Field(
        default_factory=list,
        description="What the operator should know, such as a cancellation that cancelled nothing",
    )


class Preview(BaseModel):
    renderings: dict[str, Rendering]
    unresolved_areas: list[str]


class VerifyIn(BaseModel):
    text: str = Field(
        min_length=1,
        max_length=20_000,
        description="A forwarded alert: its text, its link, its signature (JWS), or any of "
        "them together",
    )
    language: str = "en"


class TextSpan(BaseModel):
    change: TextChange = Field(
        description="same; inserted: only in the pasted text; deleted: only in the official text"
    )
    text: str


class VerificationOut(BaseModel):
    verdict: VerificationVerdict = Field(
        description="official_unchanged: an alert we issued, word for word (or only its link or "
        "signature); official_changed: an alert we issued, but this text was changed (see "
        "`official_text` and `differences`); no_such_alert: nothing we issued"
    )
    genuine: bool = Field(description="True only when the verdict is official_unchanged")
    state: str = Field(
        description="The alert's: current, expired, superseded, cancelled, or unknown when "
        "there is no such alert"
    )
    matched_by: Literal["signature", "link", "wording"] | None = Field(
        description="How the alert was found; the text beside a link or signature is compared "
        "all the same"
    )
    reason: str
    language: str | None = Field(
        description="The alert language the text was compared in; null when nothing but a link "
        "or signature was pasted"
    )
    official_text: str | None = Field(
        description="What was issued in `language`: headline, lines and action, one to a line"
    )
    differences: list[TextSpan] = Field(
        description="For official_changed: the pasted text against `official_text`, in reading "
        "order, whitespace shown as one space; empty otherwise"
    )
    alert: AlertOut | None = Field(description="The alert, in the language asked for")


class KeysIn(BaseModel):
    p256dh: str = Field(max_length=128)
    auth: str = Field(max_length=64)


class SubscriptionIn(BaseModel):
    """``PushSubscription.toJSON()`` as the browser gives it."""

    endpoint: str = Field(max_length=2048)
    keys: KeysIn


class SubscriptionOut(Schema):
    id: uuid.UUID
    endpoint: str
    created_at: datetime
    last_delivered_at: datetime | None


class VapidKey(BaseModel):
    application_server_key: str = Field(description="For PushManager.subscribe (base64url)")


class LocationIn(BaseModel):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class LocationOut(BaseModel):
    cell: str = Field(description="The H3 cell kept (resolution 7); the point itself is not kept")


class SafetyIn(BaseModel):
    answer: Literal["safe", "need_help"]
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class SafetyOut(BaseModel):
    alert_id: uuid.UUID
    answer: str
    answered_at: datetime


class AreaCountOut(BaseModel):
    prefecture: str | None
    municipality: str | None
    safe: int
    need_help: int


class PointOut(BaseModel):
    latitude: float
    longitude: float


class PersonInNeedOut(BaseModel):
    visitor_id: uuid.UUID
    answered_at: datetime
    name: Any
    languages: list[str]
    accessibility_needs: Any
    family_members: int
    municipality: str | None
    location: PointOut | None = Field(description="Centre of a ~5 km² cell, not an address")


class SafetyReportOut(BaseModel):
    counts: list[AreaCountOut]
    need_help: list[PersonInNeedOut]
