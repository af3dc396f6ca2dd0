"""Settlement: a servicer's day (in Japan time) becomes a payout of its charges minus refunds
minus fees, reconciled against the day's transfers on its merchant account.

The cash the servicer took at its counter for top-ups that day is the platform's (its cash
float owes it): settlement nets it against what the platform owes the servicer, in the ledger
as a transfer from the merchant account to the cash float. What is left is paid out; when the
cash was more than the day earned, the servicer owes the rest and pays it in (a collection).
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.japan import JST
from omotenashi.payments import ledger
from omotenashi.payments.ledger import Operation, Transfer
from omotenashi.payments.models import (
    AccountKind,
    OperationKind,
    PaymentEvent,
    PaymentOperation,
    Payout,
)
from omotenashi.servicers.models import Servicer  # also: a payout's servicer, for its key

log = structlog.get_logger(__name__)

EARNING = (OperationKind.charge, OperationKind.capture)
# What a servicer's day is made of.
SETTLED = (*EARNING, OperationKind.refund, OperationKind.cash_top_up)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), JST).astimezone(UTC)
    return start, start + timedelta(days=1)


@dataclass(frozen=True)
class StatementLine:
    id: uuid.UUID
    at: datetime
    kind: OperationKind
    subject: str | None
    amount: int
    fee: int

    @property
    def net(self) -> int:
        if self.kind in EARNING:
            return self.amount - self.fee
        if self.kind in (OperationKind.refund, OperationKind.cash_top_up):
            return -self.amount
        return 0


@dataclass(frozen=True)
class Statement:
    servicer_id: uuid.UUID
    day: date
    lines: list[StatementLine]
    charges: int
    refunds: int
    fees: int
    cash: int  # taken at the counter for top-ups: the platform's
    from_transfers: int  # the merchant account's and cash float's net movement that day
    payout: Payout | None

    @property
    def net(self) -> int:
        """Paid out when positive; when negative, what the servicer owes the platform."""
        return self.charges - self.refunds - self.fees - self.cash

    @property
    def reconciled(self) -> bool:
        return self.from_transfers == self.net and (
            self.payout is None or self.payout.net == self.net
        )


# What the servicer's accounts moved by the day's own operations (not by its settlement): its
# merchant account's credits less debits, and its cash float's (a cash top-up debits it).
_TRANSFERS_NET = sa.text(
    """
SELECT coalesce(sum(CASE WHEN t.credit_account_id = m.id THEN t.amount ELSE -t.amount END), 0)
  FROM ledger_accounts m
  JOIN ledger_transfers t ON m.id IN (t.debit_account_id, t.credit_account_id)
  JOIN payment_operations o ON o.id = t.operation_id
 WHERE m.kind IN ('merchant', 'cash_float') AND m.servicer_id = :servicer_id
   AND o.servicer_id = :servicer_id
   AND o.kind NOT IN ('payout', 'cash_settlement', 'collection')
   AND t.kind IN ('posted', 'post_pending')
   AND o.created_at >= :start AND o.created_at < :end
"""
)


async def statement(session: AsyncSession, servicer_id: uuid.UUID, day: date) -> Statement:

    start, end = day_bounds(day)
    rows = (
        await session.scalars(
            sa.select(PaymentOperation)
            .where(
                PaymentOperation.servicer_id == servicer_id,
                PaymentOperation.created_at >= start,
                PaymentOperation.created_at < end,
                PaymentOperation.kind.in_(SETTLED),
            )
            .order_by(PaymentOperation.created_at, PaymentOperation.id)
        )
    ).all()
    lines = [StatementLine(r.id, r.created_at, r.kind, r.subject, r.amount, r.fee) for r in rows]
    from_transfers = await session.scalar(
        _TRANSFERS_NET, {"servicer_id": servicer_id, "start": start, "end": end}
    )
    payout = await session.scalar(
        sa.select(Payout).where(Payout.servicer_id == servicer_id, Payout.day == day)
    )
    return Statement(
        servicer_id=servicer_id,
        day=day,
        lines=lines,
        charges=sum(line.amount for line in lines if line.kind in EARNING),
        refunds=sum(line.amount for line in lines if line.kind is OperationKind.refund),
        fees=sum(line.fee for line in lines if line.kind in EARNING),
        cash=sum(line.amount for line in lines if line.kind is OperationKind.cash_top_up),
        from_transfers=int(from_transfers or 0),
        payout=payout,
    )


async def settle(
    session: AsyncSession, servicer_id: uuid.UUID, day: date, *, now: datetime | None = None
) -> Payout:
    """The day's payout record (once per servicer and day) and, when the day earned money,
    its transfer out of the merchant account. A day must be over to be settled."""
    if day >= (now or datetime.now(UTC)).astimezone(JST).date():
        raise ValueError("only a day that is over can be settled")
    existing = await session.scalar(
        sa.select(Payout).where(Payout.servicer_id == servicer_id, Payout.day == day)
    )
    if existing is not None:
        return existing
    made = await statement(session, servicer_id, day)
    merchant = await ledger.account(session, AccountKind.merchant, servicer_id=servicer_id)
    payouts = await ledger.account(session, AccountKind.payouts)
    when = f"settlement {day.isoformat()}"
    if made.cash:
        cash = await ledger.account(session, AccountKind.cash_float, servicer_id=servicer_id)
        await _settle(
            session, OperationKind.cash_settlement, servicer_id, merchant, cash, made.cash, when
        )
    operation_id = None
    if made.net > 0:
        operation_id = await _settle(
            session, OperationKind.payout, servicer_id, merchant, payouts, made.net, when
        )
    elif made.net < 0:
        operation_id = await _settle(
            session, OperationKind.collection, servicer_id, payouts, merchant, -made.net, when
        )
    payout = Payout(
        servicer_id=servicer_id,
        day=day,
        charges=made.charges,
        refunds=made.refunds,
        fees=made.fees,
        cash=made.cash,
        net=made.net,
        operation_id=operation_id,
    )
    session.add(payout)
    await session.flush()
    await session.execute(
        sa.insert(PaymentEvent).values(
            servicer_id=servicer_id,
            kind="settlement.created",
            operation_id=operation_id,
            payload={
                "day": day.isoformat(),
                "net": made.net,
                "cash": made.cash,
                "payout_id": str(payout.id),
            },
        )
    )
    log.info("payments.settled", servicer_id=str(servicer_id), day=day.isoformat())
    return payout


async def _settle(
    session: AsyncSession,
    kind: OperationKind,
    servicer_id: uuid.UUID,
    debit: uuid.UUID,
    credit: uuid.UUID,
    amount: int,
    description: str,
) -> uuid.UUID:
    operation = Operation(
        kind=kind,
        amount=amount,
        servicer_id=servicer_id,
        actor="system:settlement",
        description=description,
    )
    posted = await ledger.post(session, operation, [Transfer(debit, credit, amount)])
    assert posted is not None, "settlement moves money between unguarded accounts"
    return operation.id


async def settle_day(
    session: AsyncSession, day: date, *, now: datetime | None = None
) -> list[Payout]:
    """Settle ``day`` for every servicer that had payments on it (a servicer settled already
    keeps its payout): each servicer's payout, in the order of their ids."""

    start, end = day_bounds(day)
    servicers = (
        await session.scalars(
            sa.select(PaymentOperation.servicer_id)
            .where(
                PaymentOperation.created_at >= start,
                PaymentOperation.created_at < end,
                PaymentOperation.servicer_id.is_not(None),
                PaymentOperation.kind.in_(SETTLED),
            )
            .distinct()
            .order_by(PaymentOperation.servicer_id)
        )
    ).all()
    payouts = []
    for servicer_id in servicers:
        assert servicer_id is not None
        payouts.append(await settle(session, servicer_id, day, now=now))
    return payouts


async def describe(session: AsyncSession, payouts: list[Payout]) -> list[str]:
    """Each payout as a line an operator reads."""
    ids = [p.servicer_id for p in payouts]
    names = dict(
        (await session.execute(sa.select(Servicer.id, Servicer.name).where(Servicer.id.in_(ids))))
        .tuples()
        .all()
    )
    lines = []
    for p in payouts:
        outcome = f"paid out ¥{p.net:,}" if p.net >= 0 else f"owes the platform ¥{-p.net:,}"
        lines.append(
            f"{names.get(p.servicer_id, p.servicer_id)}: charges ¥{p.charges:,}, refunds "
            f"¥{p.refunds:,}, fees ¥{p.fees:,}, cash taken ¥{p.cash:,} → {outcome}"
        )
    return lines


def as_csv(made: Statement) -> str:
    """The statement as CSV (UTF-8 with a BOM, so that spreadsheet software in Japan opens it
    as UTF-8), times in Japan time."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["time_jst", "kind", "payment_id", "subject", "amount", "fee", "net"])
    for line in made.lines:
        writer.writerow(
            [
                line.at.astimezone(JST).isoformat(timespec="seconds"),
                str(line.kind),
                str(line.id),
                line.subject or "",
                line.amount,
                line.fee,
                line.net,
            ]
        )
    if made.cash:
        writer.writerow(["cash_for_platform", "", "", "", made.cash, "", -made.cash])
    writer.writerow(["total", "", "", "", made.charges - made.refunds, made.fees, made.net])
    return out.getvalue()
