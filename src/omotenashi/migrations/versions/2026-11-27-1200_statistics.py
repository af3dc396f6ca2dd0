"""statistics: daily cells pre-aggregated from the raw tables; the access log indexed by time

Revision ID: 0016_statistics
Revises: 0015_feedback
Create Date: 2026-11-27 12:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_statistics"
down_revision: str | None = "0015_feedback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stat_cells",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=True),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("dimension", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("marked", sa.Integer(), nullable=False),
        sa.Column(
            "computed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_stat_cells_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_cells")),
    )
    op.create_index("ix_stat_cells_metric_day", "stat_cells", ["metric", "day"], unique=False)
    op.create_index(
        "ix_stat_cells_servicer_metric_day",
        "stat_cells",
        ["servicer_id", "metric", "day"],
        unique=False,
    )
    op.create_index("ix_access_log_at", "access_log", ["at"], unique=False, postgresql_using="brin")


def downgrade() -> None:
    op.drop_index("ix_access_log_at", table_name="access_log", postgresql_using="brin")
    op.drop_index("ix_stat_cells_servicer_metric_day", table_name="stat_cells")
    op.drop_index("ix_stat_cells_metric_day", table_name="stat_cells")
    op.drop_table("stat_cells")
