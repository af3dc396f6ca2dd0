"""API shapes of payments."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from omotenashi.resolve.schemas import CardPresented, QrPresented
from omotenashi.text import RequestBody

# Checked by the service, not here, so that a fractional, negative or textual amount is the
# problem ``invalid_amount`` rather than a generic validation failure.
Amount = Annotated[
    Any,
    WithJsonSchema(
        {"type": "integer", "minimum": 1, "description": "Whole yen.", "examples": [3200]}
    ),
]
OptionalAmount = Annotated[
    Any,
    WithJsonSchema(
        {
            "type": ["integer", "null"],
            "minimum": 1,
            "description": "Whole yen; omitted: all that is left.",
        }
    ),
]
Currency = Annotated[str, Field(max_length=8, description="Only JPY is accepted.")]
Carrier = Annotated[CardPresented | QrPresented, Field(discriminator="kind")]


class TopUpIn(RequestBody):
    model_config = ConfigDict(extra="forbid")
    carrier: Carrier
    amount: Amount
    currency: Currency = "JPY"


class ChargeIn(RequestBody):
    model_config = ConfigDict(extra="forbid")
    carrier: Carrier
    amount: Amount
    currency: Currency = "JPY"
    description: Annotated[str | None, Field(max_length=200)] = None
    tax_lines: dict[str, int] | None = Field(
        default=None,
        description='Amount (tax included) per consumption-tax rate, e.g. {"10": 1200, "8": 2000}.',
    )


class HoldIn(RequestBody):
    model_config = ConfigDict(extra="forbid")
    carrier: Carrier
    amount: Amount
    currency: Currency = "JPY"
    expires_in_hours: Annotated[int, Field(ge=1, le=720)] = 168
    description: Annotated[str | None, Field(max_length=200)] = None


class PartIn(RequestBody):
    """A refund or a capture: part of what is left, or all of it."""

    model_config = ConfigDict(extra="forbid")
    amount: OptionalAmount = None
    currency: Currency = "JPY"


class PaymentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    kind: str
    amount: int
    fee: int
    currency: str
    subject: str | None = Field(description="The visitor's pairwise id at this servicer.")
    original_id: uuid.UUID | None
    description: str | None
    tax_lines: dict[str, int] | None
    created_at: datetime
    expires_at: datetime | None


class WalletEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    kind: str
    amount: int
    currency: str
    created_at: datetime
    expires_at: datetime | None


class WalletOut(BaseModel):
    available: int
    held: int
    currency: str = "JPY"
    history: list[WalletEntryOut]


class ConfirmationOut(BaseModel):
    id: uuid.UUID
    state: str
    amount: int
    currency: str = "JPY"
    expires_at: datetime
    charge: PaymentOut | None = Field(description="The charge, once the visitor confirmed.")
