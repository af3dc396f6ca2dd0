"""Visitor tables. Attribute values live one row per attribute: personal ones in clear JSON,
sensitive and identity-document ones sealed with the visitor's own data key."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, LiveFlag, Timestamps, UUIDPrimaryKey


class Visitor(UUIDPrimaryKey, Timestamps, LiveFlag, Base):
    __tablename__ = "visitors"

    # A family member registered by a parent has no account of their own.
    registered_by_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), index=True
    )
    # The wrapped data key; deleting it makes every sealed value unreadable (crypto-shredding).
    data_key: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    master_key_id: Mapped[str | None] = mapped_column(sa.String(64))
    # Kept in clear because the platform acts on them: the language to speak, when to erase.
    language: Mapped[str] = mapped_column(sa.String(16), default="en")
    departure: Mapped[date | None] = mapped_column(index=True)
    keep_after_departure: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    # A sandbox visitor (``live`` false) belongs to the one servicer that made it for its tests:
    # only that servicer's sandbox clients reach it.
    sandbox_of: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )

    __table_args__ = (sa.CheckConstraint("live = (sandbox_of IS NULL)", name="sandbox_has_owner"),)


class VisitorAttribute(Base):
    __tablename__ = "visitor_attributes"

    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    clear_value: Mapped[object | None] = mapped_column(JSONB(none_as_null=True))
    sealed_value: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    # Provenance: the OpenID Provider (its issuer) that vouched for this value, and when. Both
    # empty for a value the visitor typed; an edit that changes the value empties them again.
    verified_by: Mapped[str | None] = mapped_column(sa.String(255))
    verified_at: Mapped[datetime | None]

    __table_args__ = (
        sa.CheckConstraint(
            "(clear_value IS NULL) <> (sealed_value IS NULL)", name="one_form_of_value"
        ),
        sa.CheckConstraint(
            "(verified_by IS NULL) = (verified_at IS NULL)", name="whole_provenance"
        ),
    )
