"""What the wallet's legal shape asks of the operator (FACTS.md, Payment Services Act).

Short validity (the default): every top-up is usable for at most 6 months, which keeps the
wallet outside the Act; what is left of a top-up when it lapses is moved to the ``expired``
account by :func:`expire_lapsed` (first in, first out: spending uses the oldest money first).

Registered issuer: the balance does not lapse; at each base date (31 March, 30 September) the
issuer reports the unused balance and, when it exceeds ¥10 million, deposits half of it as
security (発行保証金). :func:`base_date_report` gives those figures from the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.japan import JST
from omotenashi.payments import ledger
from omotenashi.payments.ledger import Operation, Transfer
from omotenashi.payments.models import AccountKind, OperationKind

log = structlog.get_logger(__name__)

BASE_DATES = ((3, 31), (9, 30))
DEPOSIT_THRESHOLD = 10_000_000  # yen of unused balance above which security is deposited


class NotABaseDateError(ValueError):
    pass


def previous_base_date(base: date) -> date:
    if (base.month, base.day) == (3, 31):
        return date(base.year - 1, 9, 30)
    if (base.month, base.day) == (9, 30):
        return date(base.year, 3, 31)
    raise NotABaseDateError("a base date is 31 March or 30 September")


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), JST).astimezone(UTC)


@dataclass(frozen=True)
class BaseDateReport:
    base_date: date
    period_start: date  # the day after the previous base date
    unused_balance: int  # 未使用残高 at the end of the base date
    wallets_with_balance: int
    issued: int  # 発行額: paid in during the period
    used: int  # 回収額: spent during the period, net of refunds
    expired: int

    @property
    def deposit_due(self) -> int:
        """発行保証金: half of the unused balance, when it exceeds ¥10 million."""
        return self.unused_balance // 2 if self.unused_balance > DEPOSIT_THRESHOLD else 0

    def lines(self, issuer: str) -> list[str]:
        return [
            f"前払式支払手段 基準日報告 / Prepaid payment instrument: base-date report ({issuer})",
            f"基準日 Base date: {self.base_date.isoformat()}",
            f"対象期間 Period: {self.period_start.isoformat()} – {self.base_date.isoformat()}",
            f"基準日未使用残高 Unused balance: ¥{self.unused_balance:,} "
            f"({self.wallets_with_balance:,} wallets)",
            f"発行額 Issued in the period: ¥{self.issued:,}",
            f"回収額 Used in the period (net of refunds): ¥{self.used:,}",
            f"失効額 Expired in the period: ¥{self.expired:,}",
            f"要供託額 Security deposit due: ¥{self.deposit_due:,} "
            f"(half of the unused balance when it exceeds ¥{DEPOSIT_THRESHOLD:,})",
        ]


_UNUSED = sa.text(
    """
SELECT coalesce(sum(balance), 0) AS unused, count(*) FILTER (WHERE balance > 0) AS wallets
  FROM (SELECT a.id,
               coalesce(sum(CASE WHEN t.credit_account_id = a.id THEN t.amount
                                 ELSE -t.amount END), 0) AS balance
          FROM ledger_accounts a
          JOIN ledger_transfers t ON a.id IN (t.debit_account_id, t.credit_account_id)
         WHERE a.kind = 'wallet' AND t.kind IN ('posted', 'post_pending') AND t.created_at < :end
         GROUP BY a.id) AS w
"""
)
_PERIOD = sa.text(
    """
SELECT coalesce(sum(amount) FILTER (WHERE kind IN ('cash_top_up', 'card_top_up')), 0) AS issued,
       coalesce(sum(amount) FILTER (WHERE kind IN ('charge', 'capture')), 0)
       - coalesce(sum(amount) FILTER (WHERE kind = 'refund'), 0) AS used,
       coalesce(sum(amount) FILTER (WHERE kind = 'expiry' AND wallet_id IS NOT NULL), 0)
           AS expired
  FROM payment_operations
 WHERE created_at >= :start AND created_at < :end
"""
)


async def base_date_report(session: AsyncSession, base: date) -> BaseDateReport:
    previous = previous_base_date(base)
    end = _end_of(base)
    unused = (await session.execute(_UNUSED, {"end": end})).one()
    period = (await session.execute(_PERIOD, {"start": _end_of(previous), "end": end})).one()
    return BaseDateReport(
        base_date=base,
        period_start=previous + timedelta(days=1),
        unused_balance=int(unused.unused),
        wallets_with_balance=int(unused.wallets),
        issued=int(period.issued),
        used=int(period.used),
        expired=int(period.expired),
    )


# First in, first out: what has lapsed is what was paid in with an expiry now past, less all
# that was spent (net of refunds), held, or expired before; never more than is available.
_LAPSED = sa.text(
    """
SELECT o.wallet_id,
       least(a.credits_posted - a.debits_posted - a.debits_pending,
             sum(o.amount) FILTER (WHERE o.kind IN ('cash_top_up', 'card_top_up')
                                     AND o.expires_at <= :now)
             - coalesce(sum(o.amount) FILTER (WHERE o.kind IN ('charge', 'capture')), 0)
             + coalesce(sum(o.amount) FILTER (WHERE o.kind = 'refund'), 0)
             - coalesce(sum(o.amount) FILTER (WHERE o.kind = 'expiry'), 0)
             - a.debits_pending) AS due
  FROM payment_operations o JOIN ledger_balances a ON a.account_id = o.wallet_id AND a.slot = 0
 GROUP BY o.wallet_id, a.credits_posted, a.debits_posted, a.debits_pending
HAVING bool_or(o.kind IN ('cash_top_up', 'card_top_up') AND o.expires_at <= :now)
"""
)


async def expire_lapsed(session: AsyncSession, now: datetime | None = None) -> int:
    """Move what lapsed of each wallet to the ``expired`` account; returns the yen moved."""
    now = now or datetime.now(UTC)
    due = [(w, int(d)) for w, d in (await session.execute(_LAPSED, {"now": now})).all() if d > 0]
    if not due:
        return 0
    expired = await ledger.account(session, AccountKind.expired)
    moved = 0
    for wallet_id, amount in due:
        operation = Operation(
            kind=OperationKind.expiry, amount=amount, wallet_id=wallet_id, actor="system:expiry"
        )
        if await ledger.post(session, operation, [Transfer(wallet_id, expired, amount)]):
            moved += amount
    log.info("payments.expired", wallets=len(due), amount=moved)
    return moved
