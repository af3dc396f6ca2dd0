"""Alert tables: alerts as issued (or drafted), the targeting table, push subscriptions and
safety answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, UUIDPrimaryKey, text_enum


class AlertState(StrEnum):
    draft = "draft"
    """Composed by an operator, waiting for a second operator's approval."""
    issued = "issued"
    superseded = "superseded"
    """A later report of the same event replaced it."""
    cancelled = "cancelled"
    discarded = "discarded"
    """A draft that was never sent."""


class AlertOrigin(StrEnum):
    jma_xml = "jma_xml"
    operator = "operator"


class SafetyAnswer(StrEnum):
    safe = "safe"
    need_help = "need_help"


class StoredAlert(UUIDPrimaryKey, Base):
    __tablename__ = "alerts"

    type: Mapped[str] = mapped_column(sa.String(40))
    severity: Mapped[int] = mapped_column(sa.SmallInteger)
    status: Mapped[str] = mapped_column(sa.String(16))
    """normal, exercise or test (JMA's Control/Status)."""
    state: Mapped[AlertState] = mapped_column(text_enum(AlertState, "alert_state", length=16))
    origin: Mapped[AlertOrigin] = mapped_column(text_enum(AlertOrigin, "alert_origin", length=16))
    source: Mapped[str] = mapped_column(sa.String(200))
    event_id: Mapped[str | None] = mapped_column(sa.String(64))
    serial: Mapped[int | None]
    # The alert itself, as ``codec.to_json`` writes it: details, areas, times, status.
    content: Mapped[dict[str, Any]] = mapped_column(JSONB)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    # Who matches, computed once: prefecture codes, 5-digit municipality codes, H3 cells.
    target_prefectures: Mapped[list[str]] = mapped_column(ARRAY(sa.String(2)))
    target_municipalities: Mapped[list[str]] = mapped_column(ARRAY(sa.String(5)))
    target_cells: Mapped[list[int]] = mapped_column(ARRAY(sa.BigInteger))
    unresolved_areas: Mapped[list[str]] = mapped_column(JSONB)
    unknown_elements: Mapped[list[str]] = mapped_column(JSONB)
    # Headline, lines and action in every alert language, rendered from fixed phrases.
    renderings: Mapped[dict[str, Any]] = mapped_column(JSONB)
    signature: Mapped[str | None] = mapped_column(sa.Text)
    """The compact JWS (EdDSA) the platform signed it with when it was issued."""
    document_sha256: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    """Of the JMA document it came from: the same document ingested twice is one alert."""
    created_by: Mapped[str] = mapped_column(sa.String(200))
    approved_by: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    """When it was superseded or cancelled."""
    superseded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("alerts.id", ondelete="SET NULL")
    )
    withheld: Mapped[str | None] = mapped_column(sa.String(200))
    """Why a real alert was issued without being pushed (received too long after it was
    issued); shown to operators, never None for an alert that should have been pushed."""
    recipients: Mapped[int] = mapped_column(default=0, server_default="0")
    delivered: Mapped[int] = mapped_column(default=0, server_default="0")
    failed: Mapped[int] = mapped_column(default=0, server_default="0")

    __table_args__ = (
        sa.Index("ix_alerts_event", "source", "event_id"),
        sa.Index("ix_alerts_current", "state", "issued_at"),
    )


class AlertTarget(Base):
    """What targeting needs of one visitor, kept up to date by database triggers on profiles,
    consent grants and visitors (see the migration): no name, no stay dates, no exact place.

    A row exists only while the visitor (or, for a family member, the visitor who registered
    them) holds an unrevoked grant for the emergency purpose; ``emergency_until`` is when the
    latest such grant ends."""

    __tablename__ = "alert_targets"

    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    reach_visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE")
    )
    """Who is told: the visitor, or for a family member the visitor who registered them."""
    language: Mapped[str] = mapped_column(sa.String(16))
    prefecture: Mapped[str | None] = mapped_column(sa.String(2))
    municipality: Mapped[str | None] = mapped_column(sa.String(5))
    cell: Mapped[int | None] = mapped_column(sa.BigInteger)
    """H3 cell (resolution 7) of the coarse location the visitor chose to share."""
    cell_at: Mapped[datetime | None]
    emergency_until: Mapped[datetime]

    __table_args__ = (
        sa.Index("ix_alert_targets_prefecture", "prefecture"),
        sa.Index("ix_alert_targets_municipality", "municipality"),
        sa.Index("ix_alert_targets_cell", "cell"),
        sa.Index("ix_alert_targets_reach", "reach_visitor_id"),
    )


class PushSubscription(UUIDPrimaryKey, Base):
    """A browser's Web Push subscription (RFC 8030): where to POST and the keys to encrypt to."""

    __tablename__ = "push_subscriptions"

    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    endpoint: Mapped[str] = mapped_column(sa.String(2048), unique=True)
    p256dh: Mapped[str] = mapped_column(sa.String(128))
    auth: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime]
    last_delivered_at: Mapped[datetime | None]

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.Index("ix_push_subscriptions_id", "id"),
    )


class SafetyCheck(Base):
    """A visitor's answer to an alert. The place is the coarse cell they chose to give, and the
    lodging area the targeting table held when they answered."""

    __tablename__ = "alert_safety_answers"

    alert_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True
    )
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    answer: Mapped[SafetyAnswer] = mapped_column(text_enum(SafetyAnswer, "safety_answer"))
    prefecture: Mapped[str | None] = mapped_column(sa.String(2))
    municipality: Mapped[str | None] = mapped_column(sa.String(5))
    cell: Mapped[int | None] = mapped_column(sa.BigInteger)
    answered_at: Mapped[datetime]


class FeedOutcome(StrEnum):
    ingested = "ingested"
    """Handed to ``service.ingest``: issued, cancelled, or found to be a document seen before."""
    skipped = "skipped"
    """A kind of report we do not read, known from the entry's title without fetching it."""
    refused = "refused"
    """Fetched (or not, when its host is not allowed) and refused; ``reason`` says why."""


class FeedState(Base):
    """What we last heard from one JMA Atom feed: its validators for the next conditional GET."""

    __tablename__ = "alert_feeds"

    url: Mapped[str] = mapped_column(sa.String(1000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(sa.String(200))
    last_modified: Mapped[str | None] = mapped_column(sa.String(100))
    polled_at: Mapped[datetime]


class FeedEntry(UUIDPrimaryKey, Base):
    """An Atom entry of a JMA feed, seen once: written in the transaction that ingests its
    document, so that no restart ingests it again."""

    __tablename__ = "alert_feed_entries"

    entry_id: Mapped[str] = mapped_column(sa.String(1000), unique=True)
    document_url: Mapped[str] = mapped_column(sa.String(1000), index=True)
    feed_url: Mapped[str] = mapped_column(sa.String(1000))
    title: Mapped[str] = mapped_column(sa.String(200))
    updated: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(sa.String(16))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    alert_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("alerts.id", ondelete="SET NULL")
    )
    received_at: Mapped[datetime]


class FanOutProgress(Base):
    """How far the fan-out of one alert (or of its withdrawal, ``notice`` "cancelled") has come.

    The fan-out walks the push subscriptions in id order, a slice per transaction; each slice's
    delivery jobs and the move of ``after_subscription_id`` past it commit together, so a slice is
    enqueued exactly once however often a crashed or retried job runs again."""

    __tablename__ = "alert_fan_outs"

    alert_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True
    )
    notice: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    """"alert" for the alert itself, "cancelled" for its withdrawal."""
    after_subscription_id: Mapped[uuid.UUID | None]
    """The last subscription id of the slices enqueued so far (None before the first)."""
    subscriptions: Mapped[int] = mapped_column(default=0)
    jobs: Mapped[int] = mapped_column(default=0)
    scanned: Mapped[int] = mapped_column(default=0)
    """Subscriptions walked past so far, targeted or not: the next slice is as large (doubling)."""
    started_at: Mapped[datetime]
    """Whom the alert reaches is decided as of this time, for every slice alike."""
    updated_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
