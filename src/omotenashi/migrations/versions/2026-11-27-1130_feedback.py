"""feedback on interactions and staff replies

Revision ID: 0015_feedback
Revises: 0014_alerts
Create Date: 2026-11-27 11:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_feedback"
down_revision: str | None = "0014_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("access_log_id", sa.BigInteger(), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("terminal_id", sa.Uuid(), nullable=True),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("comment_language", sa.String(length=16), nullable=True),
        sa.Column("comment_ja", sa.Text(), nullable=True),
        sa.Column("comment_ja_provenance", sa.String(length=32), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "visible", "reported", "hidden", name="feedback_state", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("report_reason", sa.String(length=500), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_feedback_rating_1_to_5")),
        sa.ForeignKeyConstraint(
            ["access_log_id"],
            ["access_log.id"],
            name=op.f("fk_feedback_access_log_id_access_log"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"], ["servicers.id"], name=op.f("fk_feedback_servicer_id_servicers")
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_feedback_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("access_log_id", name=op.f("uq_feedback_access_log_id")),
    )
    op.create_index(op.f("ix_feedback_servicer_id"), "feedback", ["servicer_id"], unique=False)
    op.create_index(op.f("ix_feedback_visitor_id"), "feedback", ["visitor_id"], unique=False)
    op.create_table(
        "feedback_replies",
        sa.Column("feedback_id", sa.Uuid(), nullable=False),
        sa.Column("staff_user_id", sa.Uuid(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("translated", sa.Text(), nullable=True),
        sa.Column("translated_language", sa.String(length=16), nullable=False),
        sa.Column("translated_provenance", sa.String(length=32), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f("fk_feedback_replies_feedback_id_feedback"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_feedback_replies_staff_user_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_replies")),
    )
    op.create_index(
        op.f("ix_feedback_replies_feedback_id"), "feedback_replies", ["feedback_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_feedback_replies_feedback_id"), table_name="feedback_replies")
    op.drop_table("feedback_replies")
    op.drop_index(op.f("ix_feedback_visitor_id"), table_name="feedback")
    op.drop_index(op.f("ix_feedback_servicer_id"), table_name="feedback")
    op.drop_table("feedback")
