"""add consent requests

Revision ID: 0008_consent_requests
Revises: 0007_api_clients
Create Date: 2026-11-23 11:22:34.408578+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008_consent_requests"
down_revision: str | None = "0007_api_clients"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consent_requests",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("terminal_id", sa.Uuid(), nullable=True),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("attributes", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="consent_request_state",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("grant_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["consent_grants.id"],
            name=op.f("fk_consent_requests_grant_id_consent_grants"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_consent_requests_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_consent_requests_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_requests")),
        sa.UniqueConstraint("token", name=op.f("uq_consent_requests_token")),
    )
    op.create_index(
        op.f("ix_consent_requests_visitor_id"), "consent_requests", ["visitor_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_consent_requests_visitor_id"), table_name="consent_requests")
    op.drop_table("consent_requests")
