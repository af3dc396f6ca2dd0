from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.payments import RULES, merchant, tap, terminal, visitor

from omotenashi.japan import JST
from omotenashi.payments import ledger, report, service
from omotenashi.payments.models import OperationKind
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import ServicerCategory


async def test_what_is_left_of_a_lapsed_top_up_expires_first_in_first_out(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, keys)
    desk = await terminal(session, hotel)
    till = await terminal(session, restaurant)
    await service.top_up_cash(session, keys, RULES, desk, tap(), 10_000, actor="staff:x")
    charged = await service.charge(session, keys, RULES, till, tap(), 3_200)
    await service.refund(session, restaurant.id, charged.id, 1_200)
    # Not yet: the top-up is usable for 180 days.
    assert await report.expire_lapsed(session, datetime.now(UTC) + timedelta(days=179)) == 0
    later = datetime.now(UTC) + timedelta(days=181)
    assert await report.expire_lapsed(session, later) == 8_000
    assert await report.expire_lapsed(session, later) == 0
    view = await service.wallet(session, minji)
    assert view.balance.available == 0
    assert view.history[0].kind is OperationKind.expiry
    assert (await ledger.verify(session)).clean


async def test_only_what_lapsed_expires_when_a_newer_top_up_is_still_valid(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    minji = await visitor(session, keys)
    desk = await terminal(session, hotel)
    await service.top_up_cash(session, keys, RULES, desk, tap(), 5_000, actor="staff:x")
    newer = RULES.__class__(validity_days=180 - 1)  # expires a day earlier, for the test
    await service.top_up_cash(session, keys, newer, desk, tap(), 2_000, actor="staff:x")
    between = datetime.now(UTC) + timedelta(days=179, hours=12)
    assert await report.expire_lapsed(session, between) == 2_000
    assert (await service.wallet(session, minji)).balance.available == 5_000


async def test_the_base_date_report_gives_the_unused_balance_and_the_deposit(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, keys)
    desk = await terminal(session, hotel)
    till = await terminal(session, restaurant)
    await service.top_up_cash(session, keys, RULES, desk, tap(), 10_000, actor="staff:x")
    await service.charge(session, keys, RULES, till, tap(), 3_200)
    today = datetime.now(JST).date()
    base = date(today.year, 9, 30) if today.month > 3 else date(today.year, 3, 31)
    if base < today:
        base = date(today.year + 1, 3, 31)
    made = await report.base_date_report(session, base)
    assert made.unused_balance >= 6_800  # other tests' committed wallets may add to it
    assert made.issued >= 10_000
    assert made.deposit_due == (
        made.unused_balance // 2 if made.unused_balance > report.DEPOSIT_THRESHOLD else 0
    )
    assert "要供託額" in "\n".join(made.lines("Operator"))
    with pytest.raises(report.NotABaseDateError):
        report.previous_base_date(date(2027, 3, 30))


def test_half_the_unused_balance_is_deposited_above_ten_million() -> None:
    made = report.BaseDateReport(date(2027, 3, 31), date(2026, 10, 1), 12_000_000, 300, 0, 0, 0)
    assert made.deposit_due == 6_000_000
    under = report.BaseDateReport(date(2027, 3, 31), date(2026, 10, 1), 9_999_999, 300, 0, 0, 0)
    assert under.deposit_due == 0
