"""Staff and operator accounts."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class Role(StrEnum):
    operator = "operator"  # runs the platform: approves servicers, reads the audit log
    servicer_admin = "servicer_admin"  # manages one servicer's clients, terminals and staff
    servicer_staff = "servicer_staff"  # serves visitors at the counter


class StaffUser(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "staff_users"

    # None for operators; their organisation is the platform itself.
    servicer_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(text_enum(Role, "staff_role"))
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    # The TOTP seed, sealed with a key derived from the master key.
    totp_sealed: Mapped[bytes] = mapped_column(sa.LargeBinary)
    last_totp_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    disabled_at: Mapped[datetime | None]

    __table_args__ = (
        sa.CheckConstraint(
            "(role = 'operator') = (servicer_id IS NULL)", name="operators_have_no_servicer"
        ),
    )
