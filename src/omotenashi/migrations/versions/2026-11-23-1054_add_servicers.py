"""add servicers

Revision ID: 0002_servicers
Revises: 0001_job_queue
Create Date: 2026-11-23 10:54:21.020247+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_servicers"
down_revision: str | None = "0001_job_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "servicers",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_ja", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "hotel",
                "retail",
                "restaurant",
                "transit",
                "venue",
                "municipality",
                "tourist_information",
                name="servicer_category",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "approved",
                "suspended",
                name="servicer_state",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("municipality_code", sa.String(length=6), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=False),
        sa.Column("state_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state_reason", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_servicers")),
        sa.UniqueConstraint(
            "name", "municipality_code", name=op.f("uq_servicers_name_municipality_code")
        ),
    )
    op.create_table(
        "servicer_purposes",
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "requested",
                "approved",
                "refused",
                name="purpose_state",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("justification", sa.String(length=1000), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_servicer_purposes_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("servicer_id", "purpose", name=op.f("pk_servicer_purposes")),
    )


def downgrade() -> None:
    op.drop_table("servicer_purposes")
    op.drop_table("servicers")
