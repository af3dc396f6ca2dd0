"""add consent grants and audit log

Revision ID: 0004_consent_audit
Revises: 0003_visitors
Create Date: 2026-11-23 11:13:46.144045+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004_consent_audit"
down_revision: str | None = "0003_visitors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    # The audit log is append-only for everyone, the application included.
    op.execute(
        "CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
        "ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()"
    )
    op.create_table(
        "consent_grants",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=True),
        sa.Column("servicer_category", sa.String(length=32), nullable=True),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("attributes", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receipt", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "(servicer_id IS NULL) <> (servicer_category IS NULL)",
            name=op.f("ck_consent_grants_one_recipient"),
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_consent_grants_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_consent_grants_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_grants")),
    )
    op.create_index(
        "ix_consent_grants_lookup",
        "consent_grants",
        ["visitor_id", "purpose", "revoked_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_consent_grants_lookup", table_name="consent_grants")
    op.drop_table("consent_grants")
    op.drop_table("audit_log")
    op.execute("DROP FUNCTION IF EXISTS audit_log_is_append_only()")
