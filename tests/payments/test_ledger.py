from __future__ import annotations

import asyncio
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from omotenashi.db import session_factory, session_scope
from omotenashi.payments import ledger
from omotenashi.payments.ledger import Operation, Transfer
from omotenashi.payments.models import AccountKind, OperationKind, TransferKind


async def _account(session: AsyncSession | object, *, guarded: bool) -> uuid.UUID:
    """An account with no owner (as an erased visitor's wallet is): a wallet when guarded, else
    a merchant's."""
    account_id = uuid.uuid4()
    await session.execute(  # type: ignore[attr-defined]
        sa.text(
            "WITH made AS (INSERT INTO ledger_accounts (id, kind, debits_must_not_exceed_credits)"
            " VALUES (:id, :kind, :guarded) RETURNING id) "
            "INSERT INTO ledger_balances (account_id, slot, debits_must_not_exceed_credits) "
            "SELECT id, 0, :guarded FROM made"
        ),
        {"id": account_id, "guarded": guarded, "kind": "wallet" if guarded else "merchant"},
    )
    return account_id


def _op(kind: OperationKind, amount: int) -> Operation:
    return Operation(kind=kind, amount=amount)


async def test_linked_transfers_move_money_and_keep_the_books_balanced(
    session: AsyncSession,
) -> None:
    source = await _account(session, guarded=False)
    wallet = await _account(session, guarded=True)
    merchant = await _account(session, guarded=False)
    fees = await _account(session, guarded=False)
    assert await ledger.post(
        session, _op(OperationKind.cash_top_up, 10_000), [Transfer(source, wallet, 10_000)]
    )
    posted = await ledger.post(
        session,
        _op(OperationKind.charge, 3_200),
        [Transfer(wallet, merchant, 3_200), Transfer(merchant, fees, 96)],
    )
    assert posted is not None
    assert len(posted.transfer_ids) == 2
    assert (await ledger.balance(session, wallet)).available == 6_800
    assert (await ledger.balance(session, merchant)).posted == 3_104
    result = await ledger.verify(session)
    assert result.clean, ledger.describe(result)


async def test_a_wallet_cannot_go_below_zero_and_nothing_of_the_operation_is_written(
    session: AsyncSession,
) -> None:
    source = await _account(session, guarded=False)
    wallet = await _account(session, guarded=True)
    merchant = await _account(session, guarded=False)
    await ledger.post(session, _op(OperationKind.cash_top_up, 500), [Transfer(source, wallet, 500)])
    refused = await ledger.post(
        session,
        _op(OperationKind.charge, 501),
        [Transfer(wallet, merchant, 501)],
    )
    assert refused is None
    assert (await ledger.balance(session, wallet)).available == 500
    operations = await session.scalar(
        sa.text("SELECT count(*) FROM payment_operations WHERE kind = 'charge'")
    )
    assert operations == 0
    assert (await ledger.verify(session)).clean


async def test_a_ceiling_refuses_a_top_up_above_the_wallet_limit(session: AsyncSession) -> None:
    source = await _account(session, guarded=False)
    wallet = await _account(session, guarded=True)
    over = await ledger.post(
        session,
        _op(OperationKind.cash_top_up, 50_001),
        [Transfer(source, wallet, 50_001)],
        ceilings={wallet: 50_000},
    )
    assert over is None
    assert await ledger.post(
        session,
        _op(OperationKind.cash_top_up, 50_000),
        [Transfer(source, wallet, 50_000)],
        ceilings={wallet: 50_000},
    )


async def test_a_hold_reserves_then_captures_part_and_releases_the_rest(
    session: AsyncSession,
) -> None:
    source = await _account(session, guarded=False)
    wallet = await _account(session, guarded=True)
    hotel = await _account(session, guarded=False)
    await ledger.post(
        session, _op(OperationKind.cash_top_up, 20_000), [Transfer(source, wallet, 20_000)]
    )
    held = await ledger.post(
        session,
        _op(OperationKind.hold, 15_000),
        [Transfer(wallet, hotel, 15_000, TransferKind.pending)],
    )
    assert held is not None
    assert (await ledger.balance(session, wallet)).available == 5_000
    # Held money cannot be spent twice.
    assert (
        await ledger.post(
            session, _op(OperationKind.charge, 5_001), [Transfer(wallet, hotel, 5_001)]
        )
        is None
    )
    (pending_id,) = held.transfer_ids
    assert await ledger.post(
        session,
        _op(OperationKind.capture, 12_000),
        [
            Transfer(wallet, hotel, 12_000, TransferKind.post_pending, pending_id),
            Transfer(wallet, hotel, 3_000, TransferKind.void_pending, pending_id),
        ],
    )
    balance = await ledger.balance(session, wallet)
    assert (balance.posted, balance.held) == (8_000, 0)
    result = await ledger.verify(session)
    assert result.clean, ledger.describe(result)


async def test_transfers_and_operations_refuse_update_and_delete(session: AsyncSession) -> None:
    source = await _account(session, guarded=False)
    wallet = await _account(session, guarded=True)
    await ledger.post(session, _op(OperationKind.cash_top_up, 100), [Transfer(source, wallet, 100)])
    for statement in (
        "UPDATE ledger_transfers SET amount = 1000000",
        "DELETE FROM ledger_transfers",
        "UPDATE payment_operations SET amount = 1000000",
        "DELETE FROM payment_operations",
        "TRUNCATE ledger_transfers CASCADE",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with session.begin_nested():
                await session.execute(sa.text(statement))


async def test_the_database_itself_refuses_a_negative_wallet(session: AsyncSession) -> None:
    wallet = await _account(session, guarded=True)
    with pytest.raises(DBAPIError, match="debits_within_credits"):
        async with session.begin_nested():
            await session.execute(
                sa.text("UPDATE ledger_balances SET debits_posted = 1 WHERE account_id = :id"),
                {"id": wallet},
            )


async def test_verify_names_an_account_whose_sums_disagree_with_its_transfers(
    session: AsyncSession,
) -> None:
    source = await _account(session, guarded=False)
    wallet = await _account(session, guarded=True)
    await ledger.post(session, _op(OperationKind.cash_top_up, 700), [Transfer(source, wallet, 700)])
    await session.execute(
        sa.text("UPDATE ledger_balances SET credits_posted = 7000 WHERE account_id = :id"),
        {"id": wallet},
    )
    result = await ledger.verify(session)
    assert not result.clean
    assert [m.account_id for m in result.mismatches] == [wallet]
    assert not result.balanced


async def test_two_charges_racing_for_the_last_yen_one_wins(own_engine: AsyncEngine) -> None:
    """Committed in separate transactions on separate connections, at the same moment (on a
    database of its own: tests elsewhere count the charges in theirs)."""
    sessions = session_factory(own_engine)
    async with session_scope(sessions) as session:
        source = await _account(session, guarded=False)
        wallet = await _account(session, guarded=True)
        merchant = await _account(session, guarded=False)
        await ledger.post(
            session, _op(OperationKind.cash_top_up, 1_000), [Transfer(source, wallet, 1_000)]
        )

    async def spend(amount: int) -> bool:
        async with session_scope(sessions) as racing:
            posted = await ledger.post(
                racing, _op(OperationKind.charge, amount), [Transfer(wallet, merchant, amount)]
            )
            await asyncio.sleep(0.05)  # hold the lock while the other waits on it
            return posted is not None

    results = await asyncio.gather(*(spend(600) for _ in range(2)), spend(400), spend(1))
    async with session_scope(sessions) as session:
        balance = await ledger.balance(session, wallet)
        spent = 1_000 - balance.available
        assert balance.available >= 0
        assert spent == sum(a for a, ok in zip((600, 600, 400, 1), results, strict=True) if ok)
        assert results[:2].count(True) <= 1
        verification = await ledger.verify(session)
        assert verification.clean, ledger.describe(verification)


async def test_a_servicers_sums_spread_over_slots_add_up(session: AsyncSession) -> None:
    source = await _account(session, guarded=False)
    wallet = await _account(session, guarded=True)
    merchant = await _account(session, guarded=False)
    await ledger.post(
        session, _op(OperationKind.cash_top_up, 5_000), [Transfer(source, wallet, 5_000)]
    )
    for _ in range(20):
        await ledger.post(session, _op(OperationKind.charge, 10), [Transfer(wallet, merchant, 10)])
    slots = await session.scalar(
        sa.text("SELECT count(*) FROM ledger_balances WHERE account_id = :id"), {"id": merchant}
    )
    assert slots is not None
    assert slots > 1
    assert (await ledger.balance(session, merchant)).posted == 200
    wallet_rows = await session.scalar(
        sa.text("SELECT count(*) FROM ledger_balances WHERE account_id = :id"), {"id": wallet}
    )
    assert wallet_rows == 1
    assert (await ledger.verify(session)).clean


async def test_an_account_is_opened_once_per_owner(session: AsyncSession) -> None:
    first = await ledger.account(session, AccountKind.fees)
    assert await ledger.account(session, AccountKind.fees) == first
