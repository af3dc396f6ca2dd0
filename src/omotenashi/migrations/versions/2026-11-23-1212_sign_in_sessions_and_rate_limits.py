"""Sign-in sessions, rate-limit state, and a request ceiling per terminal.

Revision ID: 0011_sessions_rate_limits
Revises: 0010_access_log_terminal
Create Date: 2026-11-23 12:12:14.215616+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_sessions_rate_limits"
down_revision: str | None = "0010_access_log_terminal"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("theoretical_arrival", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limits")),
        # Losing rate-limit state in a crash is harmless; not logging it spares the WAL.
        prefixes=["UNLOGGED"],
    )
    op.create_table(
        "auth_sessions",
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("visitor", "staff", name="principal_kind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("visitor_id", sa.Uuid(), nullable=True),
        sa.Column("staff_user_id", sa.Uuid(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(kind = 'visitor' AND visitor_id IS NOT NULL AND staff_user_id IS NULL)"
            " OR (kind = 'staff' AND staff_user_id IS NOT NULL AND visitor_id IS NULL)",
            name=op.f("ck_auth_sessions_one_principal"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_auth_sessions_staff_user_id_staff_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_auth_sessions_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_sessions_token_hash")),
    )
    op.create_index(
        op.f("ix_auth_sessions_staff_user_id"), "auth_sessions", ["staff_user_id"], unique=False
    )
    op.create_index(
        op.f("ix_auth_sessions_visitor_id"), "auth_sessions", ["visitor_id"], unique=False
    )
    op.add_column(
        "api_clients",
        sa.Column("max_requests_per_minute", sa.Integer(), server_default="600", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("api_clients", "max_requests_per_minute")
    op.drop_index(op.f("ix_auth_sessions_visitor_id"), table_name="auth_sessions")
    op.drop_index(op.f("ix_auth_sessions_staff_user_id"), table_name="auth_sessions")
    op.drop_table("auth_sessions")
    op.drop_table("rate_limits")
