"""Partner tables: an agency's imports and the invitations they made.

What an agency supplied about a traveller is sealed in the invitation's row with a data key of
its own and read by nobody but the traveller holding the invitation's link. It becomes the
traveller's profile only when they confirm; then, or when the invitation expires or is
withdrawn, the sealed copy and its key are deleted.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class InvitationState(StrEnum):
    sent = "sent"
    opened = "opened"
    accepted = "accepted"
    expired = "expired"
    withdrawn = "withdrawn"


# States in which the invitation still holds the agency's sealed data and may be answered.
OPEN_STATES = (InvitationState.sent, InvitationState.opened)


class PartnerImport(UUIDPrimaryKey, Timestamps, Base):
    """One upload of travellers by an agency, and what became of each row."""

    __tablename__ = "partner_imports"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )
    format: Mapped[str] = mapped_column(sa.String(16))
    rows: Mapped[int] = mapped_column(default=0)
    accepted: Mapped[int] = mapped_column(default=0)
    # One entry per refused row: {"row": n, "field": "...", "reason": "..."}; no values.
    refused: Mapped[list[dict[str, object]]] = mapped_column(JSONB, default=list)
    actor: Mapped[str] = mapped_column(sa.String(100))


class Invitation(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "partner_invitations"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE")
    )
    import_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("partner_imports.id", ondelete="CASCADE"), index=True
    )
    # The agency's own references: its traveller and its booking (the party).
    reference: Mapped[str] = mapped_column(sa.String(64))
    party: Mapped[str] = mapped_column(sa.String(64))
    # A companion's lead traveller; a minor is confirmed by them and gets no invitation mailed.
    lead_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("partner_invitations.id", ondelete="CASCADE"), index=True
    )
    minor: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(sa.String(16))
    arrival: Mapped[date]
    departure: Mapped[date]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    state: Mapped[InvitationState] = mapped_column(
        text_enum(InvitationState, "invitation_state"), default=InvitationState.sent
    )
    state_changed_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    opened_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    # SHA-256 of the link's token (minors have no link of their own).
    token_digest: Mapped[bytes | None] = mapped_column(sa.LargeBinary(32), unique=True)
    # The sealed supplied profile and its wrapped key; both NULL once answered or ended.
    data_key: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    master_key_id: Mapped[str | None] = mapped_column(sa.String(64))
    sealed: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    supplied_keys: Mapped[list[str]] = mapped_column(ARRAY(sa.String(64)))

    __table_args__ = (
        sa.Index("ix_partner_invitations_servicer_state", "servicer_id", "state"),
        sa.Index(
            "uq_partner_invitations_open_reference",
            "servicer_id",
            "reference",
            unique=True,
            postgresql_where=sa.text("state IN ('sent', 'opened')"),
        ),
        sa.CheckConstraint("(sealed IS NULL) = (data_key IS NULL)", name="sealed_with_its_key"),
        sa.CheckConstraint(
            "state IN ('sent', 'opened') OR sealed IS NULL", name="ended_holds_nothing"
        ),
    )
