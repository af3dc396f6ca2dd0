"""add api clients

Revision ID: 0007_api_clients
Revises: 0006_access_log
Create Date: 2026-11-23 11:19:15.589049+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007_api_clients"
down_revision: str | None = "0006_access_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_clients",
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("system", "terminal", name="client_kind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("scopes", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("purposes", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("max_visitors_per_minute", sa.Integer(), server_default="30", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_api_clients_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_clients")),
        sa.UniqueConstraint("client_id", name=op.f("uq_api_clients_client_id")),
    )
    op.create_index(
        op.f("ix_api_clients_servicer_id"), "api_clients", ["servicer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_api_clients_servicer_id"), table_name="api_clients")
    op.drop_table("api_clients")
