"""The double-entry ledger: accounts, linked transfers, and its verification.

An operation's transfers, its row in ``payment_operations`` and the running sums of every
account they touch are written by **one statement** (:data:`_POST_SQL`), so they exist all
together or not at all, whatever happens to the process or the connection in between.

Why a wallet cannot go below zero, even under concurrency: a wallet's running sums are one row
of ``ledger_balances``. The statement first locks the rows of the accounts with limits that it
touches, in the order of their ids (so two operations over the same wallets never deadlock),
and computes from the locked rows — which, in READ COMMITTED, are the newest committed
versions — whether every account stays within its rules; only then does it add to the sums
and insert the transfers, or else write nothing and answer "refused". The table's CHECK
constraint ``debits_within_credits`` says the same again, so a bug in this module would be an
error rather than a negative balance.

Keeping running sums (rather than summing transfers on each charge) makes a charge's cost
independent of the account's history; :func:`verify` checks them against the transfers. An
account without limits (a servicer's, the fees) spreads its sums over ``SLOTS`` rows, one
chosen by the operation: a charge holds the row it added to until it commits, and with a
single row every charge at one servicer would wait for the previous one's commit.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
import structlog
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from omotenashi.db import Executor
from omotenashi.payments.models import SLOTS, AccountKind, OperationKind, TransferKind

log = structlog.get_logger(__name__)

CURRENCY = "JPY"
# Accounts of which there is one per servicer; one wallet per visitor; one of every other kind.
SERVICER_ACCOUNTS = frozenset({AccountKind.merchant, AccountKind.cash_float})


@dataclass(frozen=True)
class Transfer:
    """One entry of an operation: ``amount`` yen from ``debit`` to ``credit``."""

    debit: uuid.UUID
    credit: uuid.UUID
    amount: int
    kind: TransferKind = TransferKind.posted
    pending_id: int | None = None  # the pending transfer a post or void resolves


@dataclass(frozen=True)
class Operation:
    """What an operation's row records (see ``PaymentOperation``)."""

    kind: OperationKind
    amount: int
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    servicer_id: uuid.UUID | None = None
    wallet_id: uuid.UUID | None = None
    fee: int = 0
    subject: str | None = None
    original_id: uuid.UUID | None = None
    terminal_id: uuid.UUID | None = None
    actor: str | None = None
    description: str | None = None
    tax_lines: dict[str, int] | None = None
    expires_at: datetime | None = None


@dataclass(frozen=True)
class Posted:
    operation_id: uuid.UUID
    transfer_ids: tuple[int, ...]
    created_at: datetime


# Each kind of transfer, as changes to (debits_pending, debits_posted) of its debit account and
# (credits_pending, credits_posted) of its credit account, per yen.
_EFFECT = {
    TransferKind.posted: (0, 1),
    TransferKind.pending: (1, 0),
    TransferKind.post_pending: (-1, 1),
    TransferKind.void_pending: (-1, 0),
}

# The statement is built from parts: ``{accounts}`` names the operation's accounts (given, or
# looked up by their owners in the same statement) and ``{wallet}`` its wallet; ``{gate}``
# decides whether it is written (the accounts' rules, and on the lean charge path also its
# idempotency key's claim); ``{also}`` adds what is written with it (the lean path's event).
POST_TEMPLATE = """
WITH {accounts},
delta AS (
SELECT d.account_id,
       CASE WHEN a.debits_must_not_exceed_credits THEN 0 ELSE CAST(:slot AS smallint) END
           AS slot,
       a.debits_must_not_exceed_credits AS guarded,
       d.dq, d.dp, d.cq, d.cp, d.ceiling
  FROM unnest((SELECT ids FROM accounts), CAST(:dq AS bigint[]), CAST(:dp AS bigint[]),
              CAST(:cq AS bigint[]), CAST(:cp AS bigint[]), CAST(:ceilings AS bigint[]))
           AS d(account_id, dq, dp, cq, cp, ceiling)
  JOIN ledger_accounts a ON a.id = d.account_id
),
-- The rows with rules, locked in the order of their ids; the values are the newest committed.
locked AS MATERIALIZED (
SELECT b.account_id,
       (NOT b.debits_must_not_exceed_credits
        OR b.debits_posted + d.dp + b.debits_pending + d.dq <= b.credits_posted + d.cp)
       AND (d.ceiling IS NULL
            OR b.credits_posted + d.cp - b.debits_posted - d.dp - b.debits_pending - d.dq
               <= d.ceiling) AS ok
  FROM ledger_balances b JOIN delta d ON d.account_id = b.account_id AND d.slot = b.slot
 WHERE d.guarded OR d.ceiling IS NOT NULL
 ORDER BY b.account_id
   FOR NO KEY UPDATE OF b
),
allowed AS (
SELECT (SELECT count(*) FROM delta) = cardinality(CAST(:dq AS bigint[]))
       AND (SELECT count(*) FROM locked)
           = (SELECT count(*) FROM delta WHERE guarded OR ceiling IS NOT NULL)
       AND coalesce((SELECT bool_and(ok) FROM locked), true) AS ok
),
{gate},
operation AS (
INSERT INTO payment_operations (id, kind, servicer_id, wallet_id, amount, fee, currency,
                                subject, original_id, terminal_id, actor, description,
                                tax_lines, expires_at, created_at)
SELECT CAST(:id AS uuid), CAST(:kind AS text), CAST(:servicer_id AS uuid),
       {wallet}, CAST(:amount AS bigint), CAST(:fee AS bigint), 'JPY',
       CAST(:subject AS text), CAST(:original_id AS uuid), CAST(:terminal_id AS uuid),
       CAST(:actor AS text), CAST(:description AS text), CAST(:tax_lines AS jsonb),
       CAST(:expires_at AS timestamptz),
       coalesce(CAST(:created_at AS timestamptz), statement_timestamp())
 WHERE (SELECT ok FROM gate)
RETURNING id, created_at
),
-- A new row only ever starts a slot of an account without rules (a wallet's one row exists
-- from its account's start, and was locked above). The proposed row never claims the rules:
-- PostgreSQL checks it before it finds the conflict, and the row it updates keeps its own.
updated AS (
INSERT INTO ledger_balances AS b (account_id, slot, debits_pending, debits_posted,
                                  credits_pending, credits_posted)
SELECT account_id, slot, dq, dp, cq, cp
  FROM delta
 WHERE (SELECT ok FROM gate)
 ORDER BY account_id
    ON CONFLICT (account_id, slot) DO UPDATE
   SET debits_pending = b.debits_pending + excluded.debits_pending,
       debits_posted = b.debits_posted + excluded.debits_posted,
       credits_pending = b.credits_pending + excluded.credits_pending,
       credits_posted = b.credits_posted + excluded.credits_posted
RETURNING b.account_id
),
transfers AS (
INSERT INTO ledger_transfers (operation_id, debit_account_id, credit_account_id, amount, kind,
                              pending_id, created_at)
SELECT o.id, ids[t.debit], ids[t.credit], t.amount, t.kind, t.pending_id, o.created_at
  FROM operation o, accounts,
       unnest(CAST(:debits AS int[]), CAST(:credits AS int[]), CAST(:amounts AS bigint[]),
              CAST(:kinds AS text[]), CAST(:pending_ids AS bigint[]))
           WITH ORDINALITY AS t(debit, credit, amount, kind, pending_id, n)
 ORDER BY t.n
RETURNING id
){also}
SELECT (SELECT ok FROM allowed) AS ok, (SELECT ok FROM gate) AS written,
       (SELECT count(*) FROM updated) AS updated,
       (SELECT created_at FROM operation) AS created_at,
       ARRAY(SELECT id FROM transfers ORDER BY id) AS transfer_ids
"""

# The accounts as given (each transfer names its two by their places in ``:accounts``).
GIVEN_ACCOUNTS = "accounts AS (SELECT CAST(:accounts AS uuid[]) AS ids)"
ALLOWED = "gate AS (SELECT ok FROM allowed)"
_POST_SQL = POST_TEMPLATE.format(
    accounts=GIVEN_ACCOUNTS, wallet="CAST(:wallet_id AS uuid)", gate=ALLOWED, also=""
)


def post_statement(sql: str, *, json_as_text: bool = False) -> sa.TextClause:
    """The posting statement ``sql`` (made from :data:`POST_TEMPLATE`), with its types.

    ``json_as_text``: ``tax_lines`` is bound as JSON text (cast to jsonb in the statement), so
    the statement runs alike on a raw asyncpg connection, whatever its jsonb codec."""
    if json_as_text:
        typed = "CAST(:tax_lines AS jsonb)"
        assert typed in sql
        sql = sql.replace(typed, "CAST(CAST(:tax_lines AS text) AS jsonb)")
    return sa.text(sql).bindparams(
        sa.bindparam("tax_lines", type_=sa.Text if json_as_text else JSONB),
        sa.bindparam("dq", type_=ARRAY(sa.BigInteger)),
        sa.bindparam("debits", type_=ARRAY(sa.Integer)),
        sa.bindparam("credits", type_=ARRAY(sa.Integer)),
        sa.bindparam("ceilings", type_=ARRAY(sa.BigInteger)),
        sa.bindparam("pending_ids", type_=ARRAY(sa.BigInteger)),
    )


_POST = post_statement(_POST_SQL).bindparams(sa.bindparam("accounts", type_=ARRAY(sa.Uuid)))


def sums_of(transfers: Sequence[Transfer]) -> dict[uuid.UUID, list[int]]:
    """Each account's change of (debits pending, debits posted, credits pending, credits
    posted) by the transfers."""
    sums: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for transfer in transfers:
        if transfer.amount <= 0:
            raise ValueError("a transfer's amount is a positive number of yen")
        pending, posted = _EFFECT[transfer.kind]
        sums[transfer.debit][0] += pending * transfer.amount
        sums[transfer.debit][1] += posted * transfer.amount
        sums[transfer.credit][2] += pending * transfer.amount
        sums[transfer.credit][3] += posted * transfer.amount
    return sums


def operation_params(operation: Operation) -> dict[str, object]:
    return {
        "slot": operation.id.int % SLOTS,
        "id": operation.id,
        "kind": operation.kind.value,
        "servicer_id": operation.servicer_id,
        "wallet_id": operation.wallet_id,
        "amount": operation.amount,
        "fee": operation.fee,
        "subject": operation.subject,
        "original_id": operation.original_id,
        "terminal_id": operation.terminal_id,
        "actor": operation.actor,
        "description": operation.description,
        "tax_lines": operation.tax_lines,
        "expires_at": operation.expires_at,
        "created_at": None,
    }


async def post(
    session: Executor,
    operation: Operation,
    transfers: Sequence[Transfer],
    *,
    ceilings: Mapping[uuid.UUID, int] | None = None,
    at: datetime | None = None,
) -> Posted | None:
    """Write the operation and its linked transfers, all or nothing; None (and nothing written)
    when an account would break its rules: a wallet below zero, or above its ``ceilings``
    (the most an account may hold after the operation). ``at``: when it happened (an import's
    time; by default the statement's)."""
    if not transfers:
        raise ValueError("an operation moves money")
    sums = sums_of(transfers)
    accounts = sorted(sums)
    place = {a: n for n, a in enumerate(accounts, start=1)}
    ceilings = ceilings or {}
    row = (
        await session.execute(
            _POST,
            {
                "accounts": accounts,
                "dq": [sums[a][0] for a in accounts],
                "dp": [sums[a][1] for a in accounts],
                "cq": [sums[a][2] for a in accounts],
                "cp": [sums[a][3] for a in accounts],
                "ceilings": [ceilings.get(a) for a in accounts],
                "debits": [place[t.debit] for t in transfers],
                "credits": [place[t.credit] for t in transfers],
                "amounts": [t.amount for t in transfers],
                "kinds": [t.kind.value for t in transfers],
                "pending_ids": [t.pending_id for t in transfers],
                **operation_params(operation),
                "created_at": at,
            },
        )
    ).one()
    if not row.ok:
        log.info("ledger.refused", operation=operation.kind.value)
        return None
    assert row.updated == len(accounts), "every account of a posted operation is updated"
    return Posted(operation.id, tuple(row.transfer_ids), row.created_at)


_ACCOUNT_SQL = """
WITH made AS (
INSERT INTO ledger_accounts (id, kind, visitor_id, servicer_id, debits_must_not_exceed_credits)
VALUES (CAST(:new_id AS uuid), CAST(:kind AS text), CAST(:visitor_id AS uuid),
        CAST(:servicer_id AS uuid), CAST(:kind AS text) = 'wallet')
    ON CONFLICT DO NOTHING
RETURNING id, debits_must_not_exceed_credits
),
-- A wallet's one row of sums exists from the start: its rule is checked against it.
sums AS (
INSERT INTO ledger_balances (account_id, slot, debits_must_not_exceed_credits)
SELECT id, 0, debits_must_not_exceed_credits FROM made
)
SELECT id FROM made
UNION ALL
SELECT id FROM ledger_accounts
 WHERE kind = CAST(:kind AS text)
   AND visitor_id IS NOT DISTINCT FROM CAST(:visitor_id AS uuid)
   AND servicer_id IS NOT DISTINCT FROM CAST(:servicer_id AS uuid)
"""


async def account(
    session: Executor,
    kind: AccountKind,
    *,
    visitor_id: uuid.UUID | None = None,
    servicer_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """The id of the account of ``kind`` (the visitor's wallet, the servicer's merchant or
    cash-float account, or the platform's one), opened on first use."""
    if (kind is AccountKind.wallet) != (visitor_id is not None):
        raise ValueError("a wallet, and only a wallet, belongs to a visitor")
    if (kind in SERVICER_ACCOUNTS) != (servicer_id is not None):
        raise ValueError(f"a {kind} account belongs to a servicer")
    params = {
        "new_id": uuid.uuid4(),
        "kind": kind.value,
        "visitor_id": visitor_id,
        "servicer_id": servicer_id,
    }
    statement = sa.text(_ACCOUNT_SQL)
    for _ in range(2):
        # Opened by another transaction after this statement's snapshot: the second one sees it.
        found = (await session.execute(statement, params)).scalar()
        if found is not None:
            return uuid.UUID(str(found))
    raise AssertionError("an account that exists is visible to the next statement")


async def wallet_of(session: Executor, visitor_id: uuid.UUID) -> uuid.UUID | None:
    """The visitor's wallet, if they ever paid in."""
    found = await session.scalar(
        sa.text("SELECT id FROM ledger_accounts WHERE kind = 'wallet' AND visitor_id = :v"),
        {"v": visitor_id},
    )
    return uuid.UUID(str(found)) if found is not None else None


@dataclass(frozen=True)
class Balance:
    posted: int  # credits minus debits, posted
    held: int  # debits pending (holds)

    @property
    def available(self) -> int:
        return self.posted - self.held


async def balance(session: Executor, account_id: uuid.UUID) -> Balance:
    row = (
        await session.execute(
            sa.text(
                "SELECT coalesce(sum(credits_posted - debits_posted), 0) AS posted, "
                "coalesce(sum(debits_pending), 0) AS held "
                "FROM ledger_balances WHERE account_id = :id"
            ),
            {"id": account_id},
        )
    ).one()
    return Balance(int(row.posted), int(row.held))


# Verification: every account's four sums recomputed from its transfers in one pass over the
# transfers (each row counted once as a debit and once as a credit), and the sums of all
# accounts' debits against all their credits — in one statement, so over one snapshot while
# the platform keeps serving.
_VERIFY_SQL = """
WITH entries AS (
SELECT account_id, count(*) AS n, sum(dq) AS dq, sum(dp) AS dp, sum(cq) AS cq, sum(cp) AS cp
  FROM ledger_transfers t
 CROSS JOIN LATERAL (VALUES
        (t.debit_account_id,
         CASE t.kind WHEN 'pending' THEN t.amount WHEN 'posted' THEN 0 ELSE -t.amount END,
         CASE WHEN t.kind IN ('posted', 'post_pending') THEN t.amount ELSE 0 END, 0, 0),
        (t.credit_account_id, 0, 0,
         CASE t.kind WHEN 'pending' THEN t.amount WHEN 'posted' THEN 0 ELSE -t.amount END,
         CASE WHEN t.kind IN ('posted', 'post_pending') THEN t.amount ELSE 0 END)
       ) AS e(account_id, dq, dp, cq, cp)
 GROUP BY account_id
),
sums AS (
SELECT account_id, sum(debits_pending) AS dq, sum(debits_posted) AS dp,
       sum(credits_pending) AS cq, sum(credits_posted) AS cp
  FROM ledger_balances
 GROUP BY account_id
),
joined AS MATERIALIZED (
SELECT a.id, a.kind, coalesce(s.dq, 0) AS debits_pending, coalesce(s.dp, 0) AS debits_posted,
       coalesce(s.cq, 0) AS credits_pending, coalesce(s.cp, 0) AS credits_posted,
       coalesce(e.n, 0) AS n, coalesce(e.dq, 0) AS e_dq, coalesce(e.dp, 0) AS e_dp,
       coalesce(e.cq, 0) AS e_cq, coalesce(e.cp, 0) AS e_cp
  FROM ledger_accounts a
  LEFT JOIN sums s ON s.account_id = a.id
  FULL JOIN entries e ON e.account_id = a.id
)
SELECT false AS total, id, kind, debits_pending, debits_posted, credits_pending,
       credits_posted, e_dq, e_dp, e_cq, e_cp
  FROM joined
 WHERE id IS NULL
    OR (debits_pending, debits_posted, credits_pending, credits_posted)
       IS DISTINCT FROM (e_dq, e_dp, e_cq, e_cp)
UNION ALL
SELECT true, NULL, NULL, coalesce(sum(debits_pending), 0), coalesce(sum(debits_posted), 0),
       coalesce(sum(credits_pending), 0), coalesce(sum(credits_posted), 0),
       count(id), coalesce(sum(n), 0) / 2, 0, 0
  FROM joined
"""


@dataclass(frozen=True)
class Mismatch:
    account_id: uuid.UUID | None
    kind: str | None
    stored: tuple[int, int, int, int]  # debits pending, debits posted, credits pending, posted
    from_entries: tuple[int, int, int, int]


@dataclass(frozen=True)
class Verification:
    accounts: int
    transfers: int
    debits_posted: int
    credits_posted: int
    debits_pending: int
    credits_pending: int
    mismatches: tuple[Mismatch, ...]
    seconds: float

    @property
    def balanced(self) -> bool:
        return (
            self.debits_posted == self.credits_posted
            and self.debits_pending == self.credits_pending
        )

    @property
    def clean(self) -> bool:
        return self.balanced and not self.mismatches


async def verify(session: Executor) -> Verification:
    """Check that debits equal credits over all accounts, and that each account's sums equal
    its transfers (one statement: one snapshot, while the platform serves)."""
    started = time.perf_counter()
    rows = (await session.execute(sa.text(_VERIFY_SQL))).all()
    totals = next(row for row in rows if row.total)
    mismatches = tuple(
        Mismatch(
            account_id=row.id,
            kind=row.kind,
            stored=(
                int(row.debits_pending or 0),
                int(row.debits_posted or 0),
                int(row.credits_pending or 0),
                int(row.credits_posted or 0),
            ),
            from_entries=(int(row.e_dq), int(row.e_dp), int(row.e_cq), int(row.e_cp)),
        )
        for row in rows
        if not row.total
    )
    return Verification(
        accounts=int(totals.e_dq),
        transfers=int(totals.e_dp),
        debits_posted=int(totals.debits_posted),
        credits_posted=int(totals.credits_posted),
        debits_pending=int(totals.debits_pending),
        credits_pending=int(totals.credits_pending),
        mismatches=mismatches,
        seconds=time.perf_counter() - started,
    )


def describe(result: Verification) -> list[str]:
    """The verification as lines an operator reads."""
    lines = [
        f"{result.transfers} transfers over {result.accounts} accounts, "
        f"checked in {result.seconds:.2f} s.",
        f"posted: debits {result.debits_posted} = credits {result.credits_posted}"
        if result.debits_posted == result.credits_posted
        else f"posted: debits {result.debits_posted} ≠ credits {result.credits_posted}",
        f"pending: debits {result.debits_pending} = credits {result.credits_pending}"
        if result.debits_pending == result.credits_pending
        else f"pending: debits {result.debits_pending} ≠ credits {result.credits_pending}",
    ]
    for m in result.mismatches:
        lines.append(
            f"account {m.account_id} ({m.kind or 'missing'}): stored {m.stored}, "
            f"transfers say {m.from_entries}"
        )
    return lines
