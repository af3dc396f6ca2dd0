"""add carriers

Revision ID: 0005_carriers
Revises: 0004_consent_audit
Create Date: 2026-11-23 11:15:08.474577+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_carriers"
down_revision: str | None = "0004_consent_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "carriers",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "ic_card", "nfc_tag", "qr_device", name="carrier_kind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("lookup_hash", sa.LargeBinary(), nullable=True),
        sa.Column("sealed_secret", sa.LargeBinary(), nullable=True),
        sa.Column("master_key_id", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(kind = 'qr_device') = (lookup_hash IS NULL)",
            name=op.f("ck_carriers_lookup_hash_iff_card"),
        ),
        sa.CheckConstraint(
            "(kind = 'qr_device') = (sealed_secret IS NOT NULL)",
            name=op.f("ck_carriers_secret_iff_device"),
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_carriers_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carriers")),
    )
    op.create_index(op.f("ix_carriers_visitor_id"), "carriers", ["visitor_id"], unique=False)
    op.create_index(
        "uq_carriers_live_lookup_hash",
        "carriers",
        ["kind", "lookup_hash"],
        unique=True,
        postgresql_where=sa.text("revoked_at IS NULL"),
    )
    op.create_table(
        "qr_uses",
        sa.Column("carrier_id", sa.Uuid(), nullable=False),
        sa.Column("step", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "used_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["carrier_id"],
            ["carriers.id"],
            name=op.f("fk_qr_uses_carrier_id_carriers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("carrier_id", "step", name=op.f("pk_qr_uses")),
    )
    op.create_index(op.f("ix_qr_uses_used_at"), "qr_uses", ["used_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_qr_uses_used_at"), table_name="qr_uses")
    op.drop_table("qr_uses")
    op.drop_index(
        "uq_carriers_live_lookup_hash",
        table_name="carriers",
        postgresql_where=sa.text("revoked_at IS NULL"),
    )
    op.drop_index(op.f("ix_carriers_visitor_id"), table_name="carriers")
    op.drop_table("carriers")
