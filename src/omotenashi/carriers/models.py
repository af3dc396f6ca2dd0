"""Carrier tables.

A card or tag is stored only as a keyed hash of its id, so the table cannot be read back into
card numbers. A phone is stored with its device secret sealed under a platform key (see
:mod:`omotenashi.carriers.service` for why). ``qr_uses`` remembers each QR code that was accepted,
so that a second use is refused whichever server sees it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, LiveFlag, Timestamps, UUIDPrimaryKey, text_enum


class CarrierKind(StrEnum):
    ic_card = "ic_card"  # FeliCa transit card (Suica, PASMO, ICOCA, ...): its 8-byte IDm
    nfc_tag = "nfc_tag"  # NFC tag or wearable: its 4-, 7- or 10-byte UID
    qr_device = "qr_device"  # a phone showing a rotating QR code


class Carrier(UUIDPrimaryKey, Timestamps, LiveFlag, Base):
    __tablename__ = "carriers"

    # The visitor leads the primary key, so that carriers can be distributed by visitor
    # (docs/scale.md); the id stays unique on its own for the QR code, which names only it.
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[CarrierKind] = mapped_column(text_enum(CarrierKind, "carrier_kind"))
    label: Mapped[str] = mapped_column(sa.String(100))
    # HMAC of the card's id under a key derived from the master key; NULL for a phone.
    lookup_hash: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    # The phone's QR secret, AES-GCM sealed under a key derived from the master key.
    sealed_secret: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    # The master key the hash or seal was derived from, to find the rows a rotation must redo.
    master_key_id: Mapped[str] = mapped_column(sa.String(64))
    revoked_at: Mapped[datetime | None]

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.UniqueConstraint("id"),
        sa.CheckConstraint(
            "(kind = 'qr_device') = (lookup_hash IS NULL)", name="lookup_hash_iff_card"
        ),
        sa.CheckConstraint(
            "(kind = 'qr_device') = (sealed_secret IS NOT NULL)", name="secret_iff_device"
        ),
        # One live link per physical card; a revoked (lost) card can be linked again.
        sa.Index(
            "uq_carriers_live_lookup_hash",
            "kind",
            "lookup_hash",
            unique=True,
            postgresql_where=sa.text("revoked_at IS NULL"),
        ),
    )


class QrUse(Base):
    """One accepted QR code: a device and the 30-second step it was made for."""

    __tablename__ = "qr_uses"

    carrier_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("carriers.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, autoincrement=False)
    used_at: Mapped[datetime] = mapped_column(server_default=sa.func.now(), index=True)
