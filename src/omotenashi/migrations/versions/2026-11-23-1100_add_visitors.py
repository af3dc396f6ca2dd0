"""add visitors

Revision ID: 0003_visitors
Revises: 0002_servicers
Create Date: 2026-11-23 11:00:11.732213+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_visitors"
down_revision: str | None = "0002_servicers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "visitors",
        sa.Column("registered_by_id", sa.Uuid(), nullable=True),
        sa.Column("data_key", sa.LargeBinary(), nullable=True),
        sa.Column("master_key_id", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("departure", sa.Date(), nullable=True),
        sa.Column("keep_after_departure", sa.Boolean(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["registered_by_id"],
            ["visitors.id"],
            name=op.f("fk_visitors_registered_by_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visitors")),
    )
    op.create_index(op.f("ix_visitors_departure"), "visitors", ["departure"], unique=False)
    op.create_index(
        op.f("ix_visitors_registered_by_id"), "visitors", ["registered_by_id"], unique=False
    )
    op.create_table(
        "visitor_attributes",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("clear_value", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("sealed_value", sa.LargeBinary(), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(clear_value IS NULL) <> (sealed_value IS NULL)",
            name=op.f("ck_visitor_attributes_one_form_of_value"),
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_visitor_attributes_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visitor_id", "key", name=op.f("pk_visitor_attributes")),
    )


def downgrade() -> None:
    op.drop_table("visitor_attributes")
    op.drop_index(op.f("ix_visitors_registered_by_id"), table_name="visitors")
    op.drop_index(op.f("ix_visitors_departure"), table_name="visitors")
    op.drop_table("visitors")
