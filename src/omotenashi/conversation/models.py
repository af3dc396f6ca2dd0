"""A conversation while it lasts: UNLOGGED tables, deleted when it ends.

UNLOGGED: what is said is written to no write-ahead log, so it reaches no backup, no standby
and no archive, and a crash empties the tables. Every ``serve`` process sees the same rows, and
PostgreSQL's NOTIFY (sent in the transaction that adds a line) wakes the streams of whichever
process holds the other screen. A conversation is deleted, with its lines, when either side
ends it, or once idle for ``service.IDLE``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE")
    )
    terminal_id: Mapped[uuid.UUID | None]
    # The visitor's language; nothing else about them is kept here.
    language: Mapped[str] = mapped_column(sa.String(16))
    scene: Mapped[str] = mapped_column(sa.String(16))
    # The visitor side's secret (a cookie on their phone or the turned tablet) is made from
    # the platform's key and this salt, so it is never stored; the current join code (in the
    # QR on the counter) is kept only as its digest.
    seat_salt: Mapped[bytes] = mapped_column(sa.LargeBinary(16))
    join_hash: Mapped[bytes | None] = mapped_column(sa.LargeBinary(32))
    join_expires_at: Mapped[datetime | None]
    joined_at: Mapped[datetime | None]
    started_at: Mapped[datetime]
    expires_at: Mapped[datetime]

    __table_args__ = (
        sa.Index("ix_conversations_expires_at", "expires_at"),
        sa.Index("uq_conversations_join_hash", "join_hash", unique=True),
        {"prefixes": ["UNLOGGED"]},
    )


class ConversationLine(Base):
    """One thing said: a phrase (its id and slot values, rendered for each screen in its own
    language) or free text with its translation and how that was made."""

    __tablename__ = "conversation_lines"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE")
    )
    at: Mapped[datetime]
    speaker: Mapped[str] = mapped_column(sa.String(8))
    phrase_id: Mapped[str | None] = mapped_column(sa.String(64))
    slots: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    text: Mapped[str | None] = mapped_column(sa.Text)
    text_language: Mapped[str | None] = mapped_column(sa.String(16))
    translation: Mapped[str | None] = mapped_column(sa.Text)
    provenance: Mapped[str | None] = mapped_column(sa.String(16))

    __table_args__ = (
        sa.Index("ix_conversation_lines_conversation_id", "conversation_id", "id"),
        {"prefixes": ["UNLOGGED"]},
    )
