"""API shapes of partners: an import's outcome and what an agency may know of its invitations
(states and counts, never a traveller's profile)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field

from omotenashi.schemas import Schema


class RefusedRow(Schema):
    row: int = Field(
        description="The row's number in the file, counted from 1 (the header "
        "of a CSV file is not counted; in XML, the ResGuest's order)"
    )
    field: str = Field(description="The agency's field the reason is about")
    reason: str


class ImportOut(Schema):
    id: uuid.UUID
    rows: int = Field(description="Travellers read from the file")
    invited: int = Field(description="Invitations made (minors' included)")
    refused: list[RefusedRow] = Field(description="Every refused row with its reason")


class InvitationOut(Schema):
    """What an agency may know of one invitation: its own references and the state."""

    id: uuid.UUID
    reference: str
    party: str
    minor: bool = Field(description="Confirmed by the party's lead, not invited by e-mail")
    state: str = Field(description="sent, opened, accepted, expired or withdrawn")
    arrival: date
    expires_at: datetime
    link: str | None = Field(
        None, description="The invitation's link, to print, while it can be answered (adults)"
    )


class CountsOut(Schema):
    sent: int
    opened: int
    accepted: int
    expired: int
    withdrawn: int
