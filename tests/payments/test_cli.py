"""`omotenashi ledger verify`, `ledger settle` and `ledger report` as an operator runs them:
real processes against a PostgreSQL database holding yesterday's payments."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.conftest import _recreate
from tests.factories.payments import merchant, visitor
from tests.payments.deployment import make_deployment

from omotenashi import db
from omotenashi.japan import JST
from omotenashi.payments import ledger
from omotenashi.payments.ledger import Operation, Transfer
from omotenashi.payments.models import AccountKind, OperationKind
from omotenashi.pgcluster import EmbeddedCluster
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import ServicerCategory

pytestmark = pytest.mark.slow(0.4)  # commands against a server of its own

YESTERDAY = datetime.now(JST).date() - timedelta(days=1)


@dataclass(frozen=True)
class Books:
    url: str
    env: dict[str, str]
    wallet: str


async def _yesterday(url: str, keys: PlatformKeys) -> str:
    """Yesterday in Japan: Minji paid ¥10,000 in cash at the hotel's desk and ¥3,200 at the
    restaurant (fee ¥96). The wallet's account id."""
    at = datetime.combine(YESTERDAY, time(12), JST)
    engine = db.create_engine(url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
            restaurant = await merchant(session, "Sushi Ginza")
            minji = await visitor(session, keys)
            wallet = await ledger.account(session, AccountKind.wallet, visitor_id=minji)
            cash = await ledger.account(session, AccountKind.cash_float, servicer_id=hotel.id)
            till = await ledger.account(session, AccountKind.merchant, servicer_id=restaurant.id)
            fees = await ledger.account(session, AccountKind.fees)
            top_up = Operation(
                OperationKind.cash_top_up, 10_000, servicer_id=hotel.id, wallet_id=wallet
            )
            assert await ledger.post(session, top_up, [Transfer(cash, wallet, 10_000)], at=at)
            charge = Operation(
                OperationKind.charge, 3_200, servicer_id=restaurant.id, wallet_id=wallet, fee=96
            )
            transfers = [Transfer(wallet, till, 3_200), Transfer(till, fees, 96)]
            assert await ledger.post(session, charge, transfers, at=at)
        return str(wallet)
    finally:
        await engine.dispose()


@pytest.fixture
def books(cluster: EmbeddedCluster, migrated: str, keys: PlatformKeys, tmp_path: Path) -> Books:
    """A freshly migrated database of its own (the commands run in other processes, with the
    deployment's secrets in their environment), holding yesterday's payments."""
    name = "omotenashi_ledger_cli"
    asyncio.run(_recreate(cluster.url(), name, template=migrated))
    url = cluster.url(name)
    wallet = asyncio.run(_yesterday(url, keys))
    tmp_path.chmod(0o755)
    return Books(url, make_deployment(url, tmp_path / "var").env, wallet)


def _omotenashi(books: Books, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "omotenashi", *args],
        env=books.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def _scalar(url: str, statement: str, **params: object) -> object:
    engine = db.create_engine(url, pool_size=1)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(sa.text(statement), params)
            return result.scalar() if result.returns_rows else None
    finally:
        await engine.dispose()


def test_ledger_verify_passes_clean_books_and_names_the_account_whose_sums_went_wrong(
    books: Books,
) -> None:
    clean = _omotenashi(books, "ledger", "verify")
    assert clean.returncode == 0, clean.stderr
    assert "3 transfers over 4 accounts" in clean.stdout
    assert "posted: debits 13296 = credits 13296" in clean.stdout
    assert "Ledger verified" in clean.stdout

    # Someone adds ¥500 to the wallet's running sums by hand, without a transfer.
    asyncio.run(
        _scalar(
            books.url,
            "UPDATE ledger_balances SET credits_posted = credits_posted + 500 "
            "WHERE account_id = CAST(:wallet AS uuid)",
            wallet=books.wallet,
        )
    )
    wrong = _omotenashi(books, "ledger", "verify")
    assert wrong.returncode == 2
    assert "Ledger mismatch" in wrong.stderr
    assert f"account {books.wallet} (wallet): stored (0, 3200, 0, 10500)" in wrong.stdout
    assert "transfers say (0, 3200, 0, 10000)" in wrong.stdout


def test_ledger_settle_pays_the_restaurant_and_nets_the_hotels_cash_once(books: Books) -> None:
    settled = _omotenashi(books, "ledger", "settle", "--day", YESTERDAY.isoformat())
    assert settled.returncode == 0, settled.stderr
    assert "Sushi Ginza: charges ¥3,200, refunds ¥0, fees ¥96, cash taken ¥0 → paid out ¥3,104" in (
        settled.stdout
    )
    assert "Hotel Ueno: charges ¥0, refunds ¥0, fees ¥0, cash taken ¥10,000 → owes the " in (
        settled.stdout
    )
    assert "owes the platform ¥10,000" in settled.stdout
    assert f"{YESTERDAY.isoformat()}: 2 servicers settled." in settled.stdout

    again = _omotenashi(books, "ledger", "settle", "--day", YESTERDAY.isoformat())
    assert again.returncode == 0, again.stderr
    assert again.stdout == settled.stdout  # a day settles once
    moved = asyncio.run(
        _scalar(
            books.url,
            "SELECT count(*) FROM payment_operations "
            "WHERE kind IN ('payout', 'cash_settlement', 'collection')",
        )
    )
    assert moved == 3  # the restaurant's payout; the hotel's cash netted, and the rest owed
    assert _omotenashi(books, "ledger", "verify").returncode == 0

    today = _omotenashi(books, "ledger", "settle", "--day", str(YESTERDAY + timedelta(days=1)))
    assert today.returncode == 2
    assert "not over yet" in today.stderr
    garbled = _omotenashi(books, "ledger", "settle", "--day", "yesterday")
    assert garbled.returncode == 2
    assert "YYYY-MM-DD" in garbled.stderr


def _next_base_date(after: date) -> date:
    for candidate in (date(after.year, 3, 31), date(after.year, 9, 30)):
        if candidate > after:
            return candidate
    return date(after.year + 1, 3, 31)


def test_ledger_report_prints_what_an_issuer_files_for_a_base_date(books: Books) -> None:
    base = _next_base_date(YESTERDAY)
    made = _omotenashi(books, "ledger", "report", "--base-date", base.isoformat())
    assert made.returncode == 0, made.stderr
    assert f"基準日 Base date: {base.isoformat()}" in made.stdout
    assert "基準日未使用残高 Unused balance: ¥6,800 (1 wallets)" in made.stdout
    assert "発行額 Issued in the period: ¥10,000" in made.stdout
    assert "要供託額 Security deposit due: ¥0" in made.stdout
    assert "short validity" in made.stdout  # the default regime: for information

    wrong_day = _omotenashi(books, "ledger", "report", "--base-date", "2027-03-30")
    assert wrong_day.returncode == 2
    assert "31 March or 30 September" in wrong_day.stderr
