"""Tax-free tables: a shop's settings with the tax office, its purchase records (購入記録情報),
their items and the append-only history of each record's state.

A record is the shop's legal record for seven years, not the visitor's: it is keyed by the
shop, its passport part is sealed under the shop's own data key (wrapped by the platform's
master key, as a visitor's is), and its link to the visitor is cleared when the visitor is
erased, so it survives the erasure with nothing else of theirs.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class RecordState(StrEnum):
    built = "built"
    transmitted = "transmitted"
    accepted = "accepted"
    rejected = "rejected"
    confirmed = "confirmed"  # customs confirmed every item: the refund is due
    not_confirmed = "not_confirmed"  # an item was not confirmed: forfeited as a whole
    refunded = "refunded"
    forfeited = "forfeited"


class RefundMethod(StrEnum):
    wallet = "wallet"
    card = "card"


class NtaEnvironment(StrEnum):
    test = "test"
    production = "production"


class TaxFreeShop(Timestamps, Base):
    """A servicer's 販売場 as the tax office knows it, and how its records reach it."""

    __tablename__ = "tax_free_shops"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), primary_key=True
    )
    sender_id: Mapped[str] = mapped_column(sa.String(21))  # 送信者識別符号
    sales_location_id: Mapped[str] = mapped_column(sa.String(20))  # 販売場識別符号
    seller_name: Mapped[str] = mapped_column(sa.String(200))
    tax_location: Mapped[str] = mapped_column(sa.String(300))  # 納税地
    store_address: Mapped[str] = mapped_column(sa.String(300))
    # The fee the shop keeps from each refund, in basis points of the tax, shown before a sale.
    refund_fee_bps: Mapped[int] = mapped_column(sa.Integer, server_default="0")
    refund_method: Mapped[RefundMethod] = mapped_column(
        text_enum(RefundMethod, "tax_free_refund_method", 16), server_default="wallet"
    )
    # Not configured (None): records are offered as files for an approved sender.
    nta_environment: Mapped[NtaEnvironment | None] = mapped_column(
        text_enum(NtaEnvironment, "nta_environment", 16)
    )
    # The shop's client certificate and key (PEM), sealed under its data key.
    nta_certificate_sealed: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    nta_private_key_sealed: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    # The shop's data key, wrapped by the platform's master key (``WrappedKey.to_bytes``).
    data_key: Mapped[bytes] = mapped_column(sa.LargeBinary)

    __table_args__ = (
        sa.CheckConstraint("sender_id ~ '^[0-9]{21}$'", name="sender_id_21_digits"),
        sa.CheckConstraint(
            "refund_fee_bps >= 0 AND refund_fee_bps <= 10000", name="fee_within_tax"
        ),
    )


# The running part of every 送信番号 (the date of the sale, then nine digits of this).
TRANSMISSION_SEQUENCE = sa.Sequence(
    "tax_free_transmission_seq", metadata=Base.metadata, maxvalue=999_999_999, cycle=True
)


class TaxFreeRecord(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "tax_free_records"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="RESTRICT"), index=True
    )
    # The buyer while they have an account; cleared by their erasure (the record stays).
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="SET NULL"), index=True
    )
    subject: Mapped[str] = mapped_column(sa.String(64))  # the buyer's pairwise id at the shop
    language: Mapped[str] = mapped_column(sa.String(16))
    # Header (NTA specification)
    procedure_id: Mapped[str] = mapped_column(sa.String(20))  # 手続ID
    spec_version: Mapped[str] = mapped_column(sa.String(10))
    transmission_number: Mapped[str] = mapped_column(sa.String(17), unique=True)  # 送信番号
    sender_id: Mapped[str] = mapped_column(sa.String(21))
    # Shop part, as it was at the sale
    sales_location_id: Mapped[str] = mapped_column(sa.String(20))
    seller_name: Mapped[str] = mapped_column(sa.String(200))
    tax_location: Mapped[str] = mapped_column(sa.String(300))
    store_address: Mapped[str] = mapped_column(sa.String(300))
    # Passport part, sealed under the shop's data key
    passport_sealed: Mapped[bytes] = mapped_column(sa.LargeBinary)
    purchased_at: Mapped[datetime]
    deadline: Mapped[date]  # the last day customs can confirm (90 days from the day after)
    retain_until: Mapped[date]
    total: Mapped[int] = mapped_column(sa.BigInteger)  # tax included, yen
    tax: Mapped[int] = mapped_column(sa.BigInteger)
    fee: Mapped[int] = mapped_column(sa.BigInteger)
    refund_method: Mapped[RefundMethod] = mapped_column(
        text_enum(RefundMethod, "tax_free_refund_method", 16)
    )
    # The card payment to refund to (the provider's payment id), for card refunds.
    card_payment: Mapped[str | None] = mapped_column(sa.String(200))
    state: Mapped[RecordState] = mapped_column(
        text_enum(RecordState, "tax_free_record_state", 16), server_default="built"
    )
    rejection_reason: Mapped[str | None] = mapped_column(sa.String(1000))
    state_changed_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    refund_reference: Mapped[str | None] = mapped_column(sa.String(200))
    reminders_sent: Mapped[int] = mapped_column(sa.SmallInteger, server_default="0")

    __table_args__ = (
        sa.CheckConstraint("transmission_number ~ '^[0-9]{17}$'", name="number_17_digits"),
        sa.Index("ix_tax_free_records_servicer_state", "servicer_id", "state"),
        sa.Index("ix_tax_free_records_deadline", "deadline", "state"),
    )


class TaxFreeItem(Base):
    __tablename__ = "tax_free_items"

    record_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("tax_free_records.id", ondelete="CASCADE"), primary_key=True
    )
    line: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    quantity: Mapped[int] = mapped_column(sa.Integer)
    unit_price: Mapped[int] = mapped_column(sa.BigInteger)
    price: Mapped[int] = mapped_column(sa.BigInteger)
    tax_rate: Mapped[int] = mapped_column(sa.SmallInteger)  # percent: 10, or 8 (food)
    serial: Mapped[str | None] = mapped_column(sa.String(100))
    confirmed: Mapped[bool | None]  # by customs; None until its answer

    __table_args__ = (
        sa.CheckConstraint("quantity > 0 AND unit_price >= 0", name="positive"),
        sa.CheckConstraint("price = quantity * unit_price", name="price_is_quantity_times_unit"),
        sa.CheckConstraint(
            "unit_price < 1000000 OR serial IS NOT NULL", name="serial_for_high_value"
        ),
        sa.CheckConstraint("tax_rate IN (8, 10)", name="tax_rate"),
    )


class TaxFreeStateChange(Base):
    """One change of a record's state; rows are only ever added (UPDATE is refused)."""

    __tablename__ = "tax_free_state_changes"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("tax_free_records.id", ondelete="CASCADE"), index=True
    )
    from_state: Mapped[RecordState | None] = mapped_column(
        text_enum(RecordState, "tax_free_record_state", 16)
    )
    to_state: Mapped[RecordState] = mapped_column(
        text_enum(RecordState, "tax_free_record_state", 16)
    )
    reason: Mapped[str | None] = mapped_column(sa.String(1000))
    actor: Mapped[str] = mapped_column(sa.String(200))
    at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
