"""Webhook tables: endpoints, the event outbox, and one delivery per event and endpoint."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, LiveFlag, UUIDPrimaryKey, text_enum


class WebhookEndpoint(UUIDPrimaryKey, LiveFlag, Base):
    """Where a servicer wants events pushed, and which ones."""

    __tablename__ = "webhook_endpoints"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(sa.String(2000))
    description: Mapped[str | None] = mapped_column(sa.String(200))
    events: Mapped[list[str]] = mapped_column(ARRAY(sa.String(40)))
    # The signing secrets, sealed with a key derived from the platform's derivation key. During
    # a rotation's overlap the previous one signs too, until ``previous_secret_until``.
    secret_sealed: Mapped[bytes] = mapped_column(sa.LargeBinary)
    previous_secret_sealed: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    previous_secret_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    # Set by the first failure after a success; an endpoint failing for the whole retry span
    # is disabled and its administrators are told.
    failing_since: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(sa.String(200))


class WebhookEvent(UUIDPrimaryKey, LiveFlag, Base):
    """The outbox: one event for one servicer, written in the transaction of what it announces.
    Its id is the ``webhook-id`` of every delivery and retry of it."""

    __tablename__ = "webhook_events"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(sa.String(40))
    # Ids only; the visitor's own id never leaves: the body names them by the servicer's
    # pairwise subject, computed when the body is made.
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]


class DeliveryState(StrEnum):
    pending = "pending"  # waiting for its first or next attempt
    succeeded = "succeeded"  # the endpoint answered 2xx
    failed = "failed"  # retried for the whole span (or the endpoint was disabled) and given up


class WebhookDelivery(UUIDPrimaryKey, LiveFlag, Base):
    __tablename__ = "webhook_deliveries"

    event_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("webhook_events.id", ondelete="CASCADE"), index=True
    )
    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    state: Mapped[DeliveryState] = mapped_column(
        text_enum(DeliveryState, "webhook_delivery_state", length=16),
        default=DeliveryState.pending,
    )
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    last_attempt_at: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None]
    # The endpoint's answer to the last attempt (None: no answer, see ``last_error``).
    last_status: Mapped[int | None] = mapped_column(sa.SmallInteger)
    last_error: Mapped[str | None] = mapped_column(sa.String(200))
    delivered_at: Mapped[datetime | None]

    __table_args__ = (
        sa.UniqueConstraint("event_id", "endpoint_id"),
        sa.Index("ix_webhook_deliveries_endpoint_created", "endpoint_id", "created_at"),
    )


class WebhookCursor(Base):
    """How far a scan that turns time into events (grants reaching their end) has come."""

    __tablename__ = "webhook_cursors"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    position: Mapped[datetime]
