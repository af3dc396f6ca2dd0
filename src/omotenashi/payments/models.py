"""Ledger and payment tables.

The ledger follows TigerBeetle's model: accounts keep four running sums (debits and credits,
pending and posted), transfers are immutable and each debits one account and credits another
by a positive integer amount of yen; the transfers of one operation are linked (written by one
statement, all or none). A hold is a pending transfer, later posted (in part) or voided.
Corrections are new transfers: the migration makes ``ledger_transfers`` and
``payment_operations`` refuse UPDATE and DELETE, as the audit log does.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class AccountKind(StrEnum):
    wallet = "wallet"  # a visitor's stored value (the platform owes it to them)
    merchant = "merchant"  # what the platform owes a servicer for its charges
    cash_float = "cash_float"  # cash a servicer took at its counter, owed to the platform
    card_float = "card_float"  # card top-ups the payment provider owes the platform
    refunds_payable = "refunds_payable"  # balances to be paid back to visitors
    fees = "fees"  # the platform's fees on charges
    expired = "expired"  # balances past their validity
    payouts = "payouts"  # what was paid out to servicers on settlement


class LedgerAccount(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "ledger_accounts"

    kind: Mapped[AccountKind] = mapped_column(text_enum(AccountKind, "account_kind", 16))
    # A wallet's visitor; erasing the visitor leaves the account, and its transfers, nameless.
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="SET NULL")
    )
    # A merchant's or cash float's servicer; platform accounts have neither.
    servicer_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="RESTRICT")
    )
    currency: Mapped[str] = mapped_column(sa.String(3), server_default="JPY")
    # A wallet: what is spent or held can never exceed what was paid in.
    debits_must_not_exceed_credits: Mapped[bool] = mapped_column(server_default=sa.false())

    __table_args__ = (
        sa.Index(
            "uq_ledger_accounts_wallet",
            "visitor_id",
            unique=True,
            postgresql_where=sa.text("kind = 'wallet' AND visitor_id IS NOT NULL"),
        ),
        sa.Index(
            "uq_ledger_accounts_servicer",
            "kind",
            "servicer_id",
            unique=True,
            postgresql_where=sa.text("servicer_id IS NOT NULL"),
        ),
        sa.Index(
            "uq_ledger_accounts_platform",
            "kind",
            unique=True,
            postgresql_where=sa.text("kind NOT IN ('wallet', 'merchant', 'cash_float')"),
        ),
    )


# How many rows an account without limits spreads its sums over. A charge locks the row it adds
# to until its transaction commits; with one row per account, every charge at one servicer (and
# every fee) would wait for the one before it to commit, so charges would run one at a time.
SLOTS = 16


class LedgerBalance(Base):
    """An account's running sums, on one row (slot 0) for an account with limits — a wallet,
    whose rule must be checked against all of its sums at once — or spread over :data:`SLOTS`
    rows for any other. The account's sums are the totals over its rows."""

    __tablename__ = "ledger_balances"

    account_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("ledger_accounts.id"), primary_key=True
    )
    slot: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    debits_pending: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    debits_posted: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    credits_pending: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    credits_posted: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    debits_must_not_exceed_credits: Mapped[bool] = mapped_column(server_default=sa.false())

    __table_args__ = (
        # One slot of a spread account may hold a hold's pending sum and another its release,
        # so only an account's totals (and a wallet's one row) are never negative.
        sa.CheckConstraint(
            "NOT debits_must_not_exceed_credits OR (debits_pending >= 0 AND debits_posted >= 0 "
            "AND credits_pending >= 0 AND credits_posted >= 0)",
            name="sums_not_negative",
        ),
        sa.CheckConstraint(
            "NOT debits_must_not_exceed_credits "
            "OR debits_posted + debits_pending <= credits_posted",
            name="debits_within_credits",
        ),
        sa.CheckConstraint(
            "slot >= 0 AND (slot = 0 OR NOT debits_must_not_exceed_credits)", name="one_slot"
        ),
    )


class TransferKind(StrEnum):
    posted = "posted"  # moves the amount at once
    pending = "pending"  # reserves it (a hold)
    post_pending = "post_pending"  # turns (part of) a pending transfer into a posted one
    void_pending = "void_pending"  # releases (the rest of) a pending transfer


class OperationKind(StrEnum):
    cash_top_up = "cash_top_up"
    card_top_up = "card_top_up"
    charge = "charge"
    refund = "refund"
    hold = "hold"
    capture = "capture"
    release = "release"
    expiry = "expiry"
    payout = "payout"
    # Settlement of a servicer's cash float: the cash it took for the platform, netted against
    # what the platform owes it (``cash_settlement``); a day whose cash exceeds its earnings
    # leaves the servicer owing the rest, which it pays the platform (``collection``).
    cash_settlement = "cash_settlement"
    collection = "collection"
    # A tax-free refund (``taxfree``): the shop's merchant account pays the visitor's wallet.
    tax_free_refund = "tax_free_refund"


class PaymentOperation(UUIDPrimaryKey, Base):
    """One thing that moved money, as the people involved know it; its transfers are the
    ledger's record of it. Immutable: a refund, a capture or a release is a new operation
    naming the one it follows."""

    __tablename__ = "payment_operations"

    kind: Mapped[OperationKind] = mapped_column(text_enum(OperationKind, "operation_kind", 16))
    # Not a checked foreign key: its check would lock the servicer's row (FOR KEY SHARE) in
    # every charge at once, as it did the access log's (migration 0017); servicers are never
    # deleted, and the operation is written from the servicer just read as approved.
    servicer_id: Mapped[uuid.UUID | None]
    wallet_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("ledger_accounts.id"))
    amount: Mapped[int] = mapped_column(sa.BigInteger)
    fee: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    currency: Mapped[str] = mapped_column(sa.String(3), server_default="JPY")
    # The visitor as the servicer knows them (pairwise); the ledger never names them otherwise.
    subject: Mapped[str | None] = mapped_column(sa.String(64))
    original_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("payment_operations.id"), index=True
    )
    terminal_id: Mapped[uuid.UUID | None]
    actor: Mapped[str | None] = mapped_column(sa.String(80))
    description: Mapped[str | None] = mapped_column(sa.String(200))
    # Amount (tax included) per consumption-tax rate in percent, for the qualified invoice.
    tax_lines: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    expires_at: Mapped[datetime | None]  # a hold's
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    __table_args__ = (
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("fee >= 0 AND fee <= amount", name="fee_within_amount"),
        sa.Index("ix_payment_operations_servicer_day", "servicer_id", "created_at"),
        sa.Index("ix_payment_operations_wallet", "wallet_id", "created_at"),
    )


class LedgerTransfer(Base):
    __tablename__ = "ledger_transfers"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(always=True), primary_key=True)
    operation_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("payment_operations.id"), index=True
    )
    debit_account_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("ledger_accounts.id"))
    credit_account_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("ledger_accounts.id"))
    amount: Mapped[int] = mapped_column(sa.BigInteger)
    kind: Mapped[TransferKind] = mapped_column(text_enum(TransferKind, "transfer_kind", 16))
    pending_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ledger_transfers.id"))
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    __table_args__ = (
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("debit_account_id <> credit_account_id", name="two_accounts"),
        sa.CheckConstraint(
            "(pending_id IS NULL) = (kind IN ('posted', 'pending'))", name="pending_named"
        ),
        # A pending transfer is posted at most once and voided at most once.
        sa.Index("uq_ledger_transfers_resolution", "pending_id", "kind", unique=True),
    )


class IdempotencyKey(Base):
    """Stripe's semantics: the first answer to a key, whatever it was, stored with a
    fingerprint of the request that got it."""

    __tablename__ = "idempotency_keys"

    scope: Mapped[str] = mapped_column(sa.String(80), primary_key=True)  # who sent it
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    fingerprint: Mapped[bytes] = mapped_column(sa.LargeBinary)
    status: Mapped[int | None] = mapped_column(sa.SmallInteger)
    body: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now(), index=True)


class PaymentEvent(Base):
    """The outbox of payment events (charge, refund, settlement) for the webhooks to deliver
    once they exist: written in the transaction of what they announce."""

    __tablename__ = "payment_events"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(always=True), primary_key=True)
    servicer_id: Mapped[uuid.UUID] = mapped_column(index=True)  # unchecked, as an operation's
    kind: Mapped[str] = mapped_column(sa.String(40))
    operation_id: Mapped[uuid.UUID | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    delivered_at: Mapped[datetime | None]


class Payout(UUIDPrimaryKey, Timestamps, Base):
    """A servicer's settled day: charges minus refunds minus fees, less the cash it took for
    the platform; paid out, or owed by the servicer."""

    __tablename__ = "payouts"

    servicer_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("servicers.id"))
    day: Mapped[date]
    charges: Mapped[int] = mapped_column(sa.BigInteger)
    refunds: Mapped[int] = mapped_column(sa.BigInteger)
    fees: Mapped[int] = mapped_column(sa.BigInteger)
    # Cash the servicer took at its counter for top-ups that day, owed to the platform.
    cash: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    # Charges minus refunds minus fees minus cash: paid out when positive; when negative, what
    # the servicer owes the platform.
    net: Mapped[int] = mapped_column(sa.BigInteger)
    operation_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("payment_operations.id"))

    __table_args__ = (sa.UniqueConstraint("servicer_id", "day"),)


class Merchant(Base):
    """What the payments domain knows of a servicer as a seller: its registration number for
    qualified invoices (適格請求書発行事業者登録番号, T and 13 digits), when it has one."""

    __tablename__ = "payment_merchants"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), primary_key=True
    )
    invoice_registration_number: Mapped[str | None] = mapped_column(sa.String(14))
    updated_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    __table_args__ = (
        sa.CheckConstraint(
            "invoice_registration_number ~ '^T[0-9]{13}$'", name="registration_number"
        ),
    )


class ConfirmationState(StrEnum):
    pending = "pending"
    confirmed = "confirmed"  # the visitor paid on their phone
    declined = "declined"


class PaymentConfirmation(UUIDPrimaryKey, Base):
    """A charge above the tap limit, waiting for the visitor to confirm it on their phone
    (opened from the counter's code, as a tap-to-consent request is)."""

    __tablename__ = "payment_confirmations"

    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    servicer_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("servicers.id"))
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    terminal_id: Mapped[uuid.UUID | None]
    subject: Mapped[str] = mapped_column(sa.String(64))
    amount: Mapped[int] = mapped_column(sa.BigInteger)
    description: Mapped[str | None] = mapped_column(sa.String(200))
    tax_lines: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    state: Mapped[ConfirmationState] = mapped_column(
        text_enum(ConfirmationState, "confirmation_state", 16)
    )
    charge_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("payment_operations.id"))
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    expires_at: Mapped[datetime]

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.Index("ix_payment_confirmations_id", "id"),
    )


class CardTopUpState(StrEnum):
    pending = "pending"  # the visitor is on the provider's page
    credited = "credited"  # the provider's verified webhook said paid; the wallet was credited
    refused = "refused"  # paid, but the wallet could not take it (over its limit): to refund
    refunded = "refunded"  # ... and refunded to the card through the provider


class CardTopUp(UUIDPrimaryKey, Base):
    """A card top-up through the payment provider, from its start to the provider's webhook."""

    __tablename__ = "card_top_ups"

    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="SET NULL"), index=True
    )
    amount: Mapped[int] = mapped_column(sa.BigInteger)
    provider_session: Mapped[str] = mapped_column(sa.String(255), unique=True)
    state: Mapped[CardTopUpState] = mapped_column(text_enum(CardTopUpState, "card_top_up_state"))
    operation_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("payment_operations.id"))
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    refund_id: Mapped[str | None] = mapped_column(sa.String(255))  # the provider's refund
    refunded_at: Mapped[datetime | None]
