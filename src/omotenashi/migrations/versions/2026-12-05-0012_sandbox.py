"""A sandbox for every servicer: a ``live`` flag on every row a sandbox can create.

``live boolean not null default true`` on each table: existing rows are live. On PostgreSQL 11
and later, adding a column with a constant default is a catalogue change only (no table
rewrite), so the access log, the largest table, takes it in a moment under a brief lock.

Revision ID: 0023_sandbox
Revises: 0023_partner_invitations
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023_sandbox"
down_revision: str | None = "0023_partner_invitations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "api_clients",
    "visitors",
    "carriers",
    "consent_grants",
    "consent_requests",
    "access_log",
    "webhook_endpoints",
    "webhook_events",
    "webhook_deliveries",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("live", sa.Boolean(), server_default=sa.text("true"), nullable=False)
        )
    # A sandbox visitor's servicer: the only one whose sandbox clients reach it.
    op.add_column("visitors", sa.Column("sandbox_of", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f("fk_visitors_sandbox_of_servicers"),
        "visitors",
        "servicers",
        ["sandbox_of"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_index(op.f("ix_visitors_sandbox_of"), "visitors", ["sandbox_of"])
    op.create_check_constraint(
        op.f("ck_visitors_sandbox_has_owner"), "visitors", "live = (sandbox_of IS NULL)"
    )
    op.create_table(
        "sandbox_visitors",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("card_idm", sa.String(length=16), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_sandbox_visitors_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_sandbox_visitors_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id", "device_id"],
            ["carriers.visitor_id", "carriers.id"],
            name=op.f("fk_sandbox_visitors_visitor_id_carriers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visitor_id", name=op.f("pk_sandbox_visitors")),
    )
    op.create_index(op.f("ix_sandbox_visitors_servicer_id"), "sandbox_visitors", ["servicer_id"])


def downgrade() -> None:
    op.drop_table("sandbox_visitors")
    op.drop_constraint(op.f("ck_visitors_sandbox_has_owner"), "visitors", type_="check")
    op.drop_index(op.f("ix_visitors_sandbox_of"), table_name="visitors")
    op.drop_constraint(op.f("fk_visitors_sandbox_of_servicers"), "visitors", type_="foreignkey")
    op.drop_column("visitors", "sandbox_of")
    for table in reversed(TABLES):
        op.drop_column(table, "live")
