"""payments: a double-entry ledger, payment operations, idempotency keys, payouts

Transfers and operations are append-only for everyone, the application included (a trigger,
as on the audit log): a correction is a new transfer, never an edit. An account's running sums
live in ``ledger_balances``: one row for a wallet, spread over several for any other account.

Revision ID: 0020_payments
Revises: 0019_alerts_withheld
Create Date: 2026-12-04 19:02:32.816563+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0020_payments"
down_revision: str | None = "0019_alerts_withheld"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


IMMUTABLE = ("ledger_transfers", "payment_operations")


def upgrade() -> None:
    op.execute(
        "CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '% is append-only: correct with a new transfer', TG_TABLE_NAME; "
        "END $$"
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.SmallInteger(), nullable=True),
        sa.Column("body", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(
        op.f("ix_idempotency_keys_created_at"), "idempotency_keys", ["created_at"], unique=False
    )
    op.create_table(
        "payment_events",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("operation_id", sa.Uuid(), nullable=True),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_events")),
    )
    op.create_index(
        op.f("ix_payment_events_servicer_id"), "payment_events", ["servicer_id"], unique=False
    )
    op.create_table(
        "ledger_accounts",
        sa.Column(
            "kind",
            sa.Enum(
                "wallet",
                "merchant",
                "cash_float",
                "card_float",
                "refunds_payable",
                "fees",
                "expired",
                "payouts",
                name="account_kind",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("visitor_id", sa.Uuid(), nullable=True),
        sa.Column("servicer_id", sa.Uuid(), nullable=True),
        sa.Column("currency", sa.String(length=3), server_default="JPY", nullable=False),
        sa.Column(
            "debits_must_not_exceed_credits",
            sa.Boolean(),
            server_default=sa.text("false"),
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
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_ledger_accounts_servicer_id_servicers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_ledger_accounts_visitor_id_visitors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_accounts")),
    )
    op.create_index(
        "uq_ledger_accounts_platform",
        "ledger_accounts",
        ["kind"],
        unique=True,
        postgresql_where=sa.text("kind NOT IN ('wallet', 'merchant', 'cash_float')"),
    )
    op.create_index(
        "uq_ledger_accounts_servicer",
        "ledger_accounts",
        ["kind", "servicer_id"],
        unique=True,
        postgresql_where=sa.text("servicer_id IS NOT NULL"),
    )
    op.create_index(
        "uq_ledger_accounts_wallet",
        "ledger_accounts",
        ["visitor_id"],
        unique=True,
        postgresql_where=sa.text("kind = 'wallet' AND visitor_id IS NOT NULL"),
    )
    op.create_table(
        "ledger_balances",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("slot", sa.SmallInteger(), nullable=False),
        sa.Column("debits_pending", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("debits_posted", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("credits_pending", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("credits_posted", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column(
            "debits_must_not_exceed_credits",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "NOT debits_must_not_exceed_credits "
            "OR debits_posted + debits_pending <= credits_posted",
            name=op.f("ck_ledger_balances_debits_within_credits"),
        ),
        sa.CheckConstraint(
            "NOT debits_must_not_exceed_credits OR (debits_pending >= 0 AND debits_posted >= 0 "
            "AND credits_pending >= 0 AND credits_posted >= 0)",
            name=op.f("ck_ledger_balances_sums_not_negative"),
        ),
        sa.CheckConstraint(
            "slot >= 0 AND (slot = 0 OR NOT debits_must_not_exceed_credits)",
            name=op.f("ck_ledger_balances_one_slot"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_balances_account_id_ledger_accounts"),
        ),
        sa.PrimaryKeyConstraint("account_id", "slot", name=op.f("pk_ledger_balances")),
    )
    op.create_table(
        "payment_operations",
        sa.Column(
            "kind",
            sa.Enum(
                "cash_top_up",
                "card_top_up",
                "charge",
                "refund",
                "hold",
                "capture",
                "release",
                "expiry",
                "payout",
                name="operation_kind",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("servicer_id", sa.Uuid(), nullable=True),
        sa.Column("wallet_id", sa.Uuid(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("fee", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("currency", sa.String(length=3), server_default="JPY", nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.Column("original_id", sa.Uuid(), nullable=True),
        sa.Column("terminal_id", sa.Uuid(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("tax_lines", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_operations_amount_positive")),
        sa.CheckConstraint(
            "fee >= 0 AND fee <= amount", name=op.f("ck_payment_operations_fee_within_amount")
        ),
        sa.ForeignKeyConstraint(
            ["original_id"],
            ["payment_operations.id"],
            name=op.f("fk_payment_operations_original_id_payment_operations"),
        ),
        sa.ForeignKeyConstraint(
            ["wallet_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_payment_operations_wallet_id_ledger_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_operations")),
    )
    op.create_index(
        op.f("ix_payment_operations_original_id"),
        "payment_operations",
        ["original_id"],
        unique=False,
    )
    op.create_index(
        "ix_payment_operations_servicer_day",
        "payment_operations",
        ["servicer_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_payment_operations_wallet",
        "payment_operations",
        ["wallet_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "ledger_transfers",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("operation_id", sa.Uuid(), nullable=False),
        sa.Column("debit_account_id", sa.Uuid(), nullable=False),
        sa.Column("credit_account_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "posted",
                "pending",
                "post_pending",
                "void_pending",
                name="transfer_kind",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("pending_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(pending_id IS NULL) = (kind IN ('posted', 'pending'))",
            name=op.f("ck_ledger_transfers_pending_named"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_ledger_transfers_amount_positive")),
        sa.CheckConstraint(
            "debit_account_id <> credit_account_id", name=op.f("ck_ledger_transfers_two_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["credit_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_transfers_credit_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["debit_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_transfers_debit_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["payment_operations.id"],
            name=op.f("fk_ledger_transfers_operation_id_payment_operations"),
        ),
        sa.ForeignKeyConstraint(
            ["pending_id"],
            ["ledger_transfers.id"],
            name=op.f("fk_ledger_transfers_pending_id_ledger_transfers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_transfers")),
    )
    op.create_index(
        op.f("ix_ledger_transfers_operation_id"), "ledger_transfers", ["operation_id"], unique=False
    )
    op.create_index(
        "uq_ledger_transfers_resolution", "ledger_transfers", ["pending_id", "kind"], unique=True
    )
    op.create_table(
        "payouts",
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("charges", sa.BigInteger(), nullable=False),
        sa.Column("refunds", sa.BigInteger(), nullable=False),
        sa.Column("fees", sa.BigInteger(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("operation_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["payment_operations.id"],
            name=op.f("fk_payouts_operation_id_payment_operations"),
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"], ["servicers.id"], name=op.f("fk_payouts_servicer_id_servicers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payouts")),
        sa.UniqueConstraint("servicer_id", "day", name=op.f("uq_payouts_servicer_id_day")),
    )
    op.create_table(
        "payment_merchants",
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_registration_number", sa.String(length=14), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "invoice_registration_number ~ '^T[0-9]{13}$'",
            name=op.f("ck_payment_merchants_registration_number"),
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_payment_merchants_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("servicer_id", name=op.f("pk_payment_merchants")),
    )
    op.create_table(
        "payment_confirmations",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("terminal_id", sa.Uuid(), nullable=True),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("tax_lines", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "confirmed",
                "declined",
                name="confirmation_state",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("charge_id", sa.Uuid(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["charge_id"],
            ["payment_operations.id"],
            name=op.f("fk_payment_confirmations_charge_id_payment_operations"),
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_payment_confirmations_servicer_id_servicers"),
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_payment_confirmations_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_confirmations")),
        sa.UniqueConstraint("token", name=op.f("uq_payment_confirmations_token")),
    )
    op.create_index(
        op.f("ix_payment_confirmations_visitor_id"),
        "payment_confirmations",
        ["visitor_id"],
        unique=False,
    )
    op.create_table(
        "card_top_ups",
        sa.Column("visitor_id", sa.Uuid(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("provider_session", sa.String(length=255), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "credited",
                "refused",
                name="card_top_up_state",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("operation_id", sa.Uuid(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["payment_operations.id"],
            name=op.f("fk_card_top_ups_operation_id_payment_operations"),
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_card_top_ups_visitor_id_visitors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_top_ups")),
        sa.UniqueConstraint("provider_session", name=op.f("uq_card_top_ups_provider_session")),
    )
    op.create_index(
        op.f("ix_card_top_ups_visitor_id"), "card_top_ups", ["visitor_id"], unique=False
    )
    for table in IMMUTABLE:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only()"
        )


def downgrade() -> None:
    op.drop_table("card_top_ups")
    op.drop_table("payment_confirmations")
    op.drop_table("payment_merchants")
    for table in IMMUTABLE:
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    op.drop_table("payouts")
    op.drop_index("uq_ledger_transfers_resolution", table_name="ledger_transfers")
    op.drop_index(op.f("ix_ledger_transfers_operation_id"), table_name="ledger_transfers")
    op.drop_table("ledger_transfers")
    op.drop_index("ix_payment_operations_wallet", table_name="payment_operations")
    op.drop_index("ix_payment_operations_servicer_day", table_name="payment_operations")
    op.drop_index(op.f("ix_payment_operations_original_id"), table_name="payment_operations")
    op.drop_table("payment_operations")
    op.drop_table("ledger_balances")
    op.drop_index(
        "uq_ledger_accounts_wallet",
        table_name="ledger_accounts",
        postgresql_where=sa.text("kind = 'wallet' AND visitor_id IS NOT NULL"),
    )
    op.drop_index(
        "uq_ledger_accounts_servicer",
        table_name="ledger_accounts",
        postgresql_where=sa.text("servicer_id IS NOT NULL"),
    )
    op.drop_index(
        "uq_ledger_accounts_platform",
        table_name="ledger_accounts",
        postgresql_where=sa.text("kind NOT IN ('wallet', 'merchant', 'cash_float')"),
    )
    op.drop_table("ledger_accounts")
    op.drop_index(op.f("ix_payment_events_servicer_id"), table_name="payment_events")
    op.drop_table("payment_events")
    op.drop_index(op.f("ix_idempotency_keys_created_at"), table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
    op.execute("DROP FUNCTION ledger_is_append_only()")
