"""API shapes of a servicer's clients and terminals."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from omotenashi.clients.models import ClientKind
from omotenashi.schemas import Schema
from omotenashi.text import RequestBody


class ClientIn(RequestBody):
    kind: ClientKind
    label: str = Field(max_length=200)
    scopes: list[str] = Field(max_length=8)
    purposes: list[str] = Field(default_factory=list, max_length=8)
    location: str | None = Field(None, max_length=200, description="Where a terminal stands")
    live: bool = Field(
        True,
        description="false: a sandbox client (secret prefixed `oms_test_`) that reaches only "
        "the servicer's sandbox visitors, consents and webhooks, never live data. A sandbox "
        "client may make sandbox clients only.",
    )


class ClientOut(Schema):
    id: uuid.UUID
    client_id: str
    kind: str
    label: str
    scopes: list[str]
    purposes: list[str]
    location: str | None
    live: bool = Field(description="false for a sandbox client")
    max_visitors_per_minute: int
    max_requests_per_minute: int
    created_at: datetime
    rotated_at: datetime | None
    revoked_at: datetime | None


class ClientCreated(BaseModel):
    client: ClientOut
    client_secret: str = Field(description="Shown once; only a hash of it is kept")


class SecretOut(BaseModel):
    client_secret: str = Field(description="Shown once; the old secret no longer works")


class TokenOut(BaseModel):
    """An access token (RFC 6749 §5.1). Keep it until shortly before ``expires_in`` runs out."""

    access_token: str = Field(description="Send as Authorization: Bearer")
    token_type: str = Field(examples=["Bearer"])
    expires_in: int = Field(description="Seconds the token is valid for", examples=[600])
    scope: str = Field(description="The scopes granted, space-separated", examples=["resolve"])


class OAuthErrorOut(BaseModel):
    """The token endpoint's error (RFC 6749 §5.2), the shape OAuth client libraries expect."""

    error: str = Field(examples=["invalid_client"])
    error_description: str | None = None
