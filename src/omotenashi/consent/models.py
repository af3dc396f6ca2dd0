"""Consent tables."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, UUIDPrimaryKey


class ConsentGrant(UUIDPrimaryKey, Base):
    __tablename__ = "consent_grants"

    visitor_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("visitors.id", ondelete="CASCADE"))
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
        sa.CheckConstraint(
            "(servicer_id IS NULL) <> (servicer_category IS NULL)", name="one_recipient"
        ),
        sa.Index("ix_consent_grants_lookup", "visitor_id", "purpose", "revoked_at"),
    )
