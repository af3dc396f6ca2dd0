"""API client tables.

The secret is stored only as its keyed digest (HMAC-SHA256; older ones as argon2 hashes); the
plain secret is shown once, when made.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, LiveFlag, Timestamps, UUIDPrimaryKey, text_enum


class ClientKind(StrEnum):
    system = "system"  # a servicer's back-end (property management, point of sale)
    terminal = "terminal"  # one device at a touchpoint, with its own location and purposes


class ApiClient(UUIDPrimaryKey, Timestamps, LiveFlag, Base):
    __tablename__ = "api_clients"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ClientKind] = mapped_column(text_enum(ClientKind, "client_kind"))
    label: Mapped[str] = mapped_column(sa.String(100))
    client_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(200))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(sa.String(32)))
    purposes: Mapped[list[str]] = mapped_column(ARRAY(sa.String(32)))
    location: Mapped[str | None] = mapped_column(sa.String(200))
    rotated_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # Set with revoked_at when the platform stopped the terminal for abnormal use: its calls are
    # then answered 403 terminal_suspended, not 401 invalid_token.
    suspended_at: Mapped[datetime | None]
    # Distinct visitors a terminal may resolve per minute before it is suspended.
    max_visitors_per_minute: Mapped[int] = mapped_column(default=30, server_default="30")
    # Requests a terminal may make per minute (bursts of a tenth of that); beyond, 429.
    max_requests_per_minute: Mapped[int] = mapped_column(default=600, server_default="600")

    __table_args__ = (
        sa.CheckConstraint(
            "suspended_at IS NULL OR revoked_at IS NOT NULL", name="suspended_means_revoked"
        ),
    )
