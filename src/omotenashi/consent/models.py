"""Consent tables."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, LiveFlag, UUIDPrimaryKey, text_enum


class ConsentGrant(UUIDPrimaryKey, LiveFlag, Base):
    __tablename__ = "consent_grants"

    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    # Exactly one of: one servicer, or every servicer of a category.
    servicer_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE")
    )
    servicer_category: Mapped[str | None] = mapped_column(sa.String(32))
    purpose: Mapped[str] = mapped_column(sa.String(32))
    attributes: Mapped[list[str]] = mapped_column(ARRAY(sa.String(64)))
    granted_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    receipt: Mapped[str] = mapped_column(sa.Text)

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.CheckConstraint(
            "(servicer_id IS NULL) <> (servicer_category IS NULL)", name="one_recipient"
        ),
        sa.Index("ix_consent_grants_lookup", "visitor_id", "purpose", "revoked_at"),
    )


class ConsentRequestState(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"
    fulfilled = "fulfilled"  # accepted, and the asking touchpoint has been shown the answer


class ConsentRequest(UUIDPrimaryKey, LiveFlag, Base):
    """Tap-to-consent: a servicer at a touchpoint asks; the visitor answers on their phone."""

    __tablename__ = "consent_requests"

    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE")
    )
    terminal_id: Mapped[uuid.UUID | None]
    purpose: Mapped[str] = mapped_column(sa.String(32))
    attributes: Mapped[list[str]] = mapped_column(ARRAY(sa.String(64)))
    # The secret in the QR and link the visitor opens; the id alone is not enough to answer.
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    state: Mapped[ConsentRequestState] = mapped_column(
        text_enum(ConsentRequestState, "consent_request_state", length=16),
        default=ConsentRequestState.pending,
    )
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    # The grant goes only with its visitor, who takes their requests too (hence CASCADE: a
    # SET NULL would also empty visitor_id, which the key carries for distribution).
    grant_id: Mapped[uuid.UUID | None]

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.Index("ix_consent_requests_id", "id"),
        sa.ForeignKeyConstraint(
            ["visitor_id", "grant_id"],
            ["consent_grants.visitor_id", "consent_grants.id"],
            ondelete="CASCADE",
        ),
    )
