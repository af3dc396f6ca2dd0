"""Identity from an OpenID Provider: sign-ins under way, linked accounts, and the provenance of
each verified attribute.

Revision ID: 0022_oidc_identity
Revises: 0022_webhooks
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_oidc_identity"
down_revision: str | None = "0022_webhooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "oidc_authorizations",
        sa.Column("state_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("browser_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("code_verifier", sa.String(length=128), nullable=False),
        sa.Column("next_path", sa.String(length=500), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_oidc_authorizations_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oidc_authorizations")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_oidc_authorizations_state_hash")),
    )
    op.create_table(
        "oidc_identities",
        sa.Column("lookup_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_oidc_identities_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lookup_hash", name=op.f("pk_oidc_identities")),
    )
    op.create_index(
        op.f("ix_oidc_identities_visitor_id"), "oidc_identities", ["visitor_id"], unique=False
    )
    op.add_column("visitor_attributes", sa.Column("verified_by", sa.String(255), nullable=True))
    op.add_column(
        "visitor_attributes",
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_check_constraint(
        op.f("ck_visitor_attributes_whole_provenance"),
        "visitor_attributes",
        "(verified_by IS NULL) = (verified_at IS NULL)",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("ck_visitor_attributes_whole_provenance"), "visitor_attributes", type_="check"
    )
    op.drop_column("visitor_attributes", "verified_at")
    op.drop_column("visitor_attributes", "verified_by")
    op.drop_index(op.f("ix_oidc_identities_visitor_id"), table_name="oidc_identities")
    op.drop_table("oidc_identities")
    op.drop_table("oidc_authorizations")
