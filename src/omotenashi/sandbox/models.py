"""The sandbox's own table: what the console shows of each test visitor (its name for the
servicer's staff, its test card's number and its simulated phone). The visitor itself is an
ordinary ``visitors`` row with ``live`` false and ``sandbox_of`` naming the servicer."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base


class SandboxVisitor(Base):
    __tablename__ = "sandbox_visitors"
    __table_args__ = (
        # The simulated phone is one of the visitor's carriers (keyed by visitor, as Citus needs).
        sa.ForeignKeyConstraint(
            ["visitor_id", "device_id"], ["carriers.visitor_id", "carriers.id"], ondelete="CASCADE"
        ),
    )

    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(sa.String(100))
    # A test card's IDm is no secret (the range is reserved): kept to show, so a tester can type
    # it or write it to a blank card.
    card_idm: Mapped[str] = mapped_column(sa.String(16))
    device_id: Mapped[uuid.UUID]
    created_at: Mapped[datetime]
