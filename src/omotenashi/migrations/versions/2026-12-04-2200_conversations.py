"""Conversations at the counter: UNLOGGED tables holding a conversation while it lasts.

Revision ID: 0022_conversations
Revises: 0023_terminal_load
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0022_conversations"
down_revision: str | None = "0023_terminal_load"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("terminal_id", sa.Uuid(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("scene", sa.String(length=16), nullable=False),
        sa.Column("seat_salt", sa.LargeBinary(length=16), nullable=False),
        sa.Column("join_hash", sa.LargeBinary(length=32), nullable=True),
        sa.Column("join_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_conversations_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
        prefixes=["UNLOGGED"],
    )
    op.create_index("ix_conversations_expires_at", "conversations", ["expires_at"])
    op.create_index("uq_conversations_join_hash", "conversations", ["join_hash"], unique=True)
    op.create_table(
        "conversation_lines",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("conversation_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("speaker", sa.String(length=8), nullable=False),
        sa.Column("phrase_id", sa.String(length=64), nullable=True),
        sa.Column("slots", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("text_language", sa.String(length=16), nullable=True),
        sa.Column("translation", sa.Text(), nullable=True),
        sa.Column("provenance", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_lines_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_lines")),
        prefixes=["UNLOGGED"],
    )
    op.create_index(
        "ix_conversation_lines_conversation_id",
        "conversation_lines",
        ["conversation_id", "id"],
    )


def downgrade() -> None:
    op.drop_table("conversation_lines")
    op.drop_table("conversations")
