"""add access log

Revision ID: 0006_access_log
Revises: 0005_carriers
Create Date: 2026-11-23 11:17:47.262194+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_access_log"
down_revision: str | None = "0005_carriers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("terminal_id", sa.Uuid(), nullable=True),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("attribute_keys", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.ForeignKeyConstraint(
            ["servicer_id"], ["servicers.id"], name=op.f("fk_access_log_servicer_id_servicers")
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_access_log_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index("ix_access_log_visitor_at", "access_log", ["visitor_id", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_access_log_visitor_at", table_name="access_log")
    op.drop_table("access_log")
