"""Passkeys, login e-mails, one-time codes and WebAuthn challenges.

Revision ID: 0012_web_sign_in
Revises: 0011_sessions_rate_limits
Create Date: 2026-11-23 12:26:00.914521+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012_web_sign_in"
down_revision: str | None = "0011_sessions_rate_limits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "email_codes",
        sa.Column("lookup_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("code_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_codes")),
    )
    op.create_index(
        op.f("ix_email_codes_lookup_hash"), "email_codes", ["lookup_hash"], unique=False
    )
    op.create_table(
        "auth_challenges",
        sa.Column("challenge", sa.LargeBinary(length=64), nullable=False),
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
            name=op.f("fk_auth_challenges_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_challenges")),
    )
    op.create_table(
        "login_emails",
        sa.Column("lookup_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_login_emails_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lookup_hash", name=op.f("pk_login_emails")),
        sa.UniqueConstraint("visitor_id", name=op.f("uq_login_emails_visitor_id")),
    )
    op.create_table(
        "passkeys",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("credential_id", sa.LargeBinary(length=1024), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("sign_count", sa.BigInteger(), nullable=False),
        sa.Column("transports", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
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
            name=op.f("fk_passkeys_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passkeys")),
        sa.UniqueConstraint("credential_id", name=op.f("uq_passkeys_credential_id")),
    )
    op.create_index(op.f("ix_passkeys_visitor_id"), "passkeys", ["visitor_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_passkeys_visitor_id"), table_name="passkeys")
    op.drop_table("passkeys")
    op.drop_table("login_emails")
    op.drop_table("auth_challenges")
    op.drop_index(op.f("ix_email_codes_lookup_hash"), table_name="email_codes")
    op.drop_table("email_codes")
