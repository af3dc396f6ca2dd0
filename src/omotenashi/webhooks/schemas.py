"""Shapes of the webhook API."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from omotenashi.text import RequestBody
from omotenashi.webhooks.models import DeliveryState


class EndpointIn(RequestBody):
    url: str = Field(
        max_length=2000,
        description="Where events are POSTed: https only",
        examples=["https://pms.example.jp/omotenashi/webhooks"],
    )
    events: list[str] = Field(
        min_length=1,
        max_length=20,
        description="Event types to receive; see the developer pages for each one's payload",
        examples=[["consent_request.answered", "consent.revoked"]],
    )
    description: str | None = Field(None, max_length=200, examples=["Front desk PMS"])
    live: bool = Field(
        True,
        description="false: a sandbox endpoint, for the events of the servicer's sandbox only. "
        "An API client's endpoint always takes the client's own mode (a sandbox client's is a "
        "sandbox endpoint); this field chooses only for a signed-in administrator.",
    )


class EndpointOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    description: str | None
    events: list[str]
    live: bool = Field(description="false for a sandbox endpoint")
    created_at: datetime
    previous_secret_until: datetime | None = Field(
        description="While set and in the future, deliveries carry a signature by the previous "
        "secret too"
    )
    failing_since: datetime | None
    disabled_at: datetime | None = Field(
        description="Set when the endpoint failed every delivery for 3 days; enable it again "
        "once it is fixed"
    )


class EndpointCreated(BaseModel):
    endpoint: EndpointOut
    secret: str = Field(
        description="The signing secret (`whsec_` + base64), shown this once",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class DeliveryOut(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    webhook_id: str = Field(description="The `webhook-id` header of every attempt")
    type: str
    endpoint_id: uuid.UUID
    state: DeliveryState
    attempts: int
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    last_status: int | None = Field(description="The endpoint's HTTP status at the last attempt")
    last_error: str | None
    delivered_at: datetime | None


class EventTypeOut(BaseModel):
    type: str
    description: str
