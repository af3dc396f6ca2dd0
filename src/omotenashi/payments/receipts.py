"""Receipts: the visitor's, in their language, and the merchant's in Japanese with what a
qualified invoice (適格請求書, since 2023-10) needs where the merchant gave its registration
number: the seller and its number, the date, what was sold, and the amounts and consumption
tax per rate (10 %, and 8 % for food and newspapers), the tax rounded once per rate."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.errors import FieldError, ValidationFailedError
from omotenashi.payments import ledger
from omotenashi.payments.errors import OperationNotFoundError
from omotenashi.payments.models import Merchant, OperationKind, PaymentOperation
from omotenashi.servicers.models import Servicer

REGISTRATION_NUMBER = re.compile(r"T\d{13}")
RECEIPTED = (OperationKind.charge, OperationKind.capture, OperationKind.refund)


@dataclass(frozen=True)
class TaxLine:
    rate: int  # percent
    amount: int  # tax included
    tax: int

    @property
    def without_tax(self) -> int:
        return self.amount - self.tax


@dataclass(frozen=True)
class Receipt:
    id: uuid.UUID
    kind: OperationKind
    at: datetime
    amount: int
    description: str | None
    seller: str
    seller_ja: str
    registration_number: str | None
    subject: str | None
    lines: list[TaxLine]

    @property
    def qualified(self) -> bool:
        """Whether this is a qualified invoice: the seller gave its registration number."""
        return self.registration_number is not None


def tax_lines(amount: int, by_rate: dict[str, int] | None) -> list[TaxLine]:
    """Tax per rate for tax-included amounts (all at 10 % when the charge did not say)."""
    given = by_rate or {"10": amount}
    return [
        TaxLine(int(rate), part, part * int(rate) // (100 + int(rate)))
        for rate, part in sorted(given.items(), key=lambda item: -int(item[0]))
        if part
    ]


async def _receipt(session: AsyncSession, row: PaymentOperation) -> Receipt:
    assert row.servicer_id is not None
    servicer = await session.get(Servicer, row.servicer_id)
    merchant = await session.get(Merchant, row.servicer_id)
    assert servicer is not None
    by_rate = row.tax_lines
    if row.kind is not OperationKind.charge and row.original_id is not None:
        original = await session.get(PaymentOperation, row.original_id)
        if original is not None and original.tax_lines and row.amount == original.amount:
            by_rate = original.tax_lines
    return Receipt(
        id=row.id,
        kind=row.kind,
        at=row.created_at,
        amount=row.amount,
        description=row.description,
        seller=servicer.name,
        seller_ja=servicer.name_ja,
        registration_number=merchant.invoice_registration_number if merchant else None,
        subject=row.subject,
        lines=tax_lines(row.amount, by_rate),
    )


async def for_visitor(
    session: AsyncSession, visitor_id: uuid.UUID, payment_id: uuid.UUID
) -> Receipt:
    """A receipt of the visitor's own wallet (another's is not found)."""
    wallet = await ledger.wallet_of(session, visitor_id)
    row = await session.scalar(
        sa.select(PaymentOperation).where(
            PaymentOperation.id == payment_id,
            PaymentOperation.wallet_id == wallet,
            PaymentOperation.kind.in_(RECEIPTED),
        )
    )
    if wallet is None or row is None:
        raise OperationNotFoundError()
    return await _receipt(session, row)


async def for_merchant(
    session: AsyncSession, servicer_id: uuid.UUID, payment_id: uuid.UUID
) -> Receipt:
    row = await session.scalar(
        sa.select(PaymentOperation).where(
            PaymentOperation.id == payment_id,
            PaymentOperation.servicer_id == servicer_id,
            PaymentOperation.kind.in_(RECEIPTED),
        )
    )
    if row is None:
        raise OperationNotFoundError()
    return await _receipt(session, row)


async def registration_number(session: AsyncSession, servicer_id: uuid.UUID) -> str | None:
    merchant = await session.get(Merchant, servicer_id)
    return merchant.invoice_registration_number if merchant else None


async def set_registration_number(
    session: AsyncSession, servicer_id: uuid.UUID, number: str | None
) -> None:
    """The seller's registration number (T and 13 digits), or None to remove it."""
    cleaned = (number or "").strip().upper().replace("-", "").replace(" ", "") or None
    if cleaned is not None and not REGISTRATION_NUMBER.fullmatch(cleaned):
        raise ValidationFailedError(
            fields=[
                FieldError(
                    "invoice_registration_number",
                    "A registration number is T followed by 13 digits.",
                    "invalid_registration_number",
                )
            ]
        )
    merchant = await session.get(Merchant, servicer_id)
    if merchant is None:
        session.add(Merchant(servicer_id=servicer_id, invoice_registration_number=cleaned))
    else:
        merchant.invoice_registration_number = cleaned
        merchant.updated_at = sa.func.now()
    await session.flush()
