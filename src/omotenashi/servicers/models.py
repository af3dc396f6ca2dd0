"""Servicer tables."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class ServicerCategory(StrEnum):
    hotel = "hotel"
    retail = "retail"
    restaurant = "restaurant"
    transit = "transit"
    venue = "venue"
    municipality = "municipality"
    tourist_information = "tourist_information"
    # A partner, not a touchpoint: it pre-registers travellers and receives nothing of theirs.
    travel_agency = "travel_agency"


class ServicerState(StrEnum):
    pending = "pending"
    approved = "approved"
    suspended = "suspended"


class PurposeState(StrEnum):
    requested = "requested"
    approved = "approved"
    refused = "refused"


class Servicer(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "servicers"

    name: Mapped[str] = mapped_column(sa.String(200))
    name_ja: Mapped[str] = mapped_column(sa.String(200))
    category: Mapped[ServicerCategory] = mapped_column(
        text_enum(ServicerCategory, "servicer_category")
    )
    state: Mapped[ServicerState] = mapped_column(
        text_enum(ServicerState, "servicer_state"), default=ServicerState.pending
    )
    municipality_code: Mapped[str | None] = mapped_column(sa.String(6))
    contact_email: Mapped[str] = mapped_column(sa.String(320))
    state_changed_at: Mapped[datetime | None]
    state_reason: Mapped[str | None] = mapped_column(sa.String(500))

    purposes: Mapped[list[ServicerPurpose]] = relationship(
        back_populates="servicer", lazy="raise", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.UniqueConstraint("name", "municipality_code"),)


class ServicerPurpose(Base):
    """A purpose a servicer declared, and whether the operator approved it."""

    __tablename__ = "servicer_purposes"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), primary_key=True
    )
    purpose: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    state: Mapped[PurposeState] = mapped_column(
        text_enum(PurposeState, "purpose_state"), default=PurposeState.requested
    )
    justification: Mapped[str] = mapped_column(sa.String(1000), default="")
    decided_at: Mapped[datetime | None]

    servicer: Mapped[Servicer] = relationship(back_populates="purposes", lazy="raise")
