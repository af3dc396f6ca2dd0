"""Feedback tables: a visitor's rating and comment on one interaction (one access-log entry),
its Japanese translation for the servicer, and the staff's replies in the visitor's language."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class FeedbackState(StrEnum):
    visible = "visible"
    reported = "reported"  # a servicer's staff flagged it; an operator decides
    hidden = "hidden"  # an operator hid it from the servicer


class Feedback(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "feedback"

    # One feedback per interaction; it goes with the interaction when the visitor is erased.
    access_log_id: Mapped[int] = mapped_column(sa.BigInteger, unique=True)
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    servicer_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("servicers.id"), index=True)
    terminal_id: Mapped[uuid.UUID | None]
    purpose: Mapped[str] = mapped_column(sa.String(32))
    rating: Mapped[int] = mapped_column(sa.SmallInteger)
    comment: Mapped[str | None] = mapped_column(sa.Text)
    comment_language: Mapped[str | None] = mapped_column(sa.String(16))
    # The comment as the servicer reads it. Null with a comment: nothing could translate it yet.
    comment_ja: Mapped[str | None] = mapped_column(sa.Text)
    comment_ja_provenance: Mapped[str | None] = mapped_column(sa.String(32))
    state: Mapped[FeedbackState] = mapped_column(
        text_enum(FeedbackState, "feedback_state", length=16), default=FeedbackState.visible
    )
    report_reason: Mapped[str | None] = mapped_column(sa.String(500))
    updated_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.Index("ix_feedback_id", "id"),
        sa.ForeignKeyConstraint(
            ["visitor_id", "access_log_id"],
            ["access_log.visitor_id", "access_log.id"],
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating_1_to_5"),
    )


class FeedbackReply(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "feedback_replies"

    # The visitor whose feedback this answers: it goes with them (docs/scale.md).
    visitor_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    feedback_id: Mapped[uuid.UUID] = mapped_column(index=True)
    staff_user_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(sa.Text)  # as the staff wrote it, in Japanese
    # The reply as the visitor reads it; null when nothing could translate it yet.
    translated: Mapped[str | None] = mapped_column(sa.Text)
    translated_language: Mapped[str] = mapped_column(sa.String(16))
    translated_provenance: Mapped[str | None] = mapped_column(sa.String(32))

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.ForeignKeyConstraint(
            ["visitor_id", "feedback_id"],
            ["feedback.visitor_id", "feedback.id"],
            ondelete="CASCADE",
        ),
    )
