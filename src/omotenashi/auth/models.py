"""Sign-in sessions. The bearer secret is never stored: only its SHA-256 digest, which is enough
for a 256-bit random value and lets a lookup use an index."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class PrincipalKind(StrEnum):
    visitor = "visitor"
    staff = "staff"


class AuthSession(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "auth_sessions"

    token_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), unique=True)
    kind: Mapped[PrincipalKind] = mapped_column(text_enum(PrincipalKind, "principal_kind"))
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), index=True
    )
    staff_user_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'visitor' AND visitor_id IS NOT NULL AND staff_user_id IS NULL)"
            " OR (kind = 'staff' AND staff_user_id IS NOT NULL AND visitor_id IS NULL)",
            name="one_principal",
        ),
    )
