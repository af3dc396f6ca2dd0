"""add staff users

Revision ID: 0009_staff_users
Revises: 0008_consent_requests
Create Date: 2026-11-23 11:25:35.347370+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_staff_users"
down_revision: str | None = "0008_consent_requests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("servicer_id", sa.Uuid(), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "operator",
                "servicer_admin",
                "servicer_staff",
                name="staff_role",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("totp_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("last_totp_step", sa.BigInteger(), nullable=True),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(role = 'operator') = (servicer_id IS NULL)",
            name=op.f("ck_staff_users_operators_have_no_servicer"),
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_staff_users_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_users_email")),
    )
    op.create_index(
        op.f("ix_staff_users_servicer_id"), "staff_users", ["servicer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_users_servicer_id"), table_name="staff_users")
    op.drop_table("staff_users")
