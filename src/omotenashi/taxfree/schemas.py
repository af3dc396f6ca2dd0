"""API shapes of tax-free records."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from omotenashi.resolve.schemas import CardPresented, QrPresented
from omotenashi.schemas import Schema
from omotenashi.taxfree.models import RecordState, RefundMethod
from omotenashi.text import RequestBody

Carrier = Annotated[CardPresented | QrPresented, Field(discriminator="kind")]


class TaxFreeItemIn(RequestBody):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1, max_length=200)]
    quantity: Annotated[int, Field(ge=1, le=100_000)]
    unit_price: Annotated[int, Field(ge=1, description="Tax included, whole yen.")]
    tax_rate: Annotated[int, Field(description="Consumption tax in percent: 10, or 8.")] = 10
    serial: Annotated[
        str | None,
        Field(max_length=100, description="Required for an item of ¥1,000,000 or more."),
    ] = None


class TaxFreeRecordIn(RequestBody):
    model_config = ConfigDict(extra="forbid")
    carrier: Carrier
    items: Annotated[list[TaxFreeItemIn], Field(min_length=1, max_length=100)]
    card_payment: Annotated[
        str | None,
        Field(
            max_length=200,
            description="The payment provider's id of the card payment, to refund to the card.",
        ),
    ] = None


class TaxFreePassportCorrection(RequestBody):
    model_config = ConfigDict(extra="forbid")
    status_of_residence: Annotated[str | None, Field(max_length=50)] = None
    landing_date: date | None = None
    passport_number: Annotated[str | None, Field(max_length=20)] = None
    passport_type: Annotated[str | None, Field(max_length=2)] = None


class TaxFreeCorrectionIn(RequestBody):
    model_config = ConfigDict(extra="forbid")
    items: Annotated[list[TaxFreeItemIn] | None, Field(max_length=100)] = None
    passport: TaxFreePassportCorrection | None = None


class TaxFreeItemOut(Schema):
    line: int
    name: str
    quantity: int
    unit_price: int
    price: int
    tax_rate: int
    serial: str | None
    confirmed: bool | None


class TaxFreeRecordOut(Schema):
    id: uuid.UUID
    subject: str = Field(description="The buyer's pairwise id at this shop.")
    procedure_id: str
    spec_version: str
    transmission_number: str = Field(description="送信番号, 17 digits.")
    sender_id: str = Field(description="送信者識別符号, 21 digits.")
    sales_location_id: str
    state: RecordState
    rejection_reason: str | None = Field(description="The tax office's reason, in Japanese.")
    purchased_at: datetime
    deadline: date
    retain_until: date
    total: int
    tax: int
    fee: int
    refund_method: RefundMethod


class TaxFreeRecordWithItemsOut(TaxFreeRecordOut):
    items: list[TaxFreeItemOut]


class TaxFreeVisitorRecordOut(Schema):
    id: uuid.UUID
    seller_name: str
    state: RecordState
    purchased_at: datetime
    deadline: date
    total: int
    tax: int
    fee: int
