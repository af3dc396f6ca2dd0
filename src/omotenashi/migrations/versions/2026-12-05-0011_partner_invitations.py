"""Partners: travel agencies' imports of travellers and the invitations they made.

Revision ID: 0023_partner_invitations
Revises: 0023_citus_ready_keys
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0023_partner_invitations"
down_revision: str | None = "0023_citus_ready_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner_imports",
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("refused", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
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
            name=op.f("fk_partner_imports_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_imports")),
    )
    op.create_index(
        op.f("ix_partner_imports_servicer_id"), "partner_imports", ["servicer_id"], unique=False
    )
    op.create_table(
        "partner_invitations",
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("lead_id", sa.Uuid(), nullable=True),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("arrival", sa.Date(), nullable=False),
        sa.Column("departure", sa.Date(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "sent",
                "opened",
                "accepted",
                "expired",
                "withdrawn",
                name="invitation_state",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "state_changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("token_digest", sa.LargeBinary(length=32), nullable=True),
        sa.Column("data_key", sa.LargeBinary(), nullable=True),
        sa.Column("master_key_id", sa.String(length=64), nullable=True),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("supplied_keys", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(sealed IS NULL) = (data_key IS NULL)",
            name=op.f("ck_partner_invitations_sealed_with_its_key"),
        ),
        sa.CheckConstraint(
            "state IN ('sent', 'opened') OR sealed IS NULL",
            name=op.f("ck_partner_invitations_ended_holds_nothing"),
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["partner_imports.id"],
            name=op.f("fk_partner_invitations_import_id_partner_imports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["partner_invitations.id"],
            name=op.f("fk_partner_invitations_lead_id_partner_invitations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_partner_invitations_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_invitations")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_partner_invitations_token_digest")),
    )
    op.create_index(
        op.f("ix_partner_invitations_expires_at"),
        "partner_invitations",
        ["expires_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_partner_invitations_import_id"), "partner_invitations", ["import_id"], unique=False
    )
    op.create_index(
        op.f("ix_partner_invitations_lead_id"), "partner_invitations", ["lead_id"], unique=False
    )
    op.create_index(
        "ix_partner_invitations_servicer_state",
        "partner_invitations",
        ["servicer_id", "state"],
        unique=False,
    )
    op.create_index(
        "uq_partner_invitations_open_reference",
        "partner_invitations",
        ["servicer_id", "reference"],
        unique=True,
        postgresql_where=sa.text("state IN ('sent', 'opened')"),
    )


def downgrade() -> None:
    op.drop_table("partner_invitations")
    op.drop_table("partner_imports")
