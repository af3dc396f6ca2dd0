"""The access log: every disclosure, written in the transaction that made it."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, LiveFlag


class AccessLogEntry(LiveFlag, Base):
    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    # Not a checked foreign key either: the check would lock the visitor's row in every resolve
    # (migration 0022). Erasure deletes a visitor's lines itself (``visitors.service.erase``).
    # In the primary key, so that the log can be distributed by visitor (docs/scale.md).
    visitor_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    # A servicer is suspended, never deleted, while visitors' logs of it remain. Not a checked
    # foreign key: the check would lock the servicer's row in every resolve (see migration 0017).
    servicer_id: Mapped[uuid.UUID]
    terminal_id: Mapped[uuid.UUID | None]
    purpose: Mapped[str] = mapped_column(sa.String(32))
    attribute_keys: Mapped[list[str]] = mapped_column(ARRAY(sa.String(64)))

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.Index("ix_access_log_visitor_at", "visitor_id", "at"),
        sa.Index("ix_access_log_terminal_at", "terminal_id", "at"),
        # Statistics read one day at a time; the log is appended in time order, so a BRIN
        # index finds a day's pages for a fraction of a B-tree's size and upkeep.
        sa.Index("ix_access_log_at", "at", postgresql_using="brin"),
    )


class TerminalLoad(Base):
    """A terminal's distinct visitors in the current minute and the one before, kept by
    resolve's statement so that its ceiling is checked in constant time (the exact count of
    the last minute's log is made only when their sum reaches the ceiling)."""

    __tablename__ = "terminal_load"

    terminal_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    minute: Mapped[datetime]
    visitors: Mapped[int]
    previous: Mapped[int]
