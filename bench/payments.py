"""Charges at the touchpoint beside resolves, and ledger verification (issue 20, "Done when").

1. start the product as a user would (``serve --no-worker``) and load visitors with IC cards
   exactly as ``bench.resolve`` does; then allow ``payment`` for the hotel and its terminals,
   give every visitor a consent to pay there and a cash top-up, all through SQL that keeps the
   ledger balanced;
2. drive the server with ``wrk``: maximum resolves/s, then maximum charges/s (each charge with
   an Idempotency-Key of its own, ¥1 from a random visitor's wallet), same server, same run;
3. an open-loop generator at 70 % of the maximum charges/s for p50/p99 (measured from each
   request's scheduled time);
4. ``ledger verify`` after the run, and again after the ledger is filled to 10 million
   transfers (bulk, in linked operations that keep every account's sums right).

    python -m bench.payments                       # 10 000 visitors, 10 million transfers
    python -m bench.payments --transfers 1000000   # a quicker verification
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

from bench import resolve as rb
from omotenashi import db
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.payments import ledger

VISITORS = 10_000
TOP_UP = 50_000
RATIO_FLOOR = 0.5  # charges/s over resolves/s, same server, same run
VERIFY_CEILING_S = 30.0  # for 10 million transfers
SECONDS = 15
LATENCY_SECONDS = 15

CHARGE_LUA = """
local n = {count}
local prefix = "{prefix}"
local tokens = {{{tokens}}}
local threads = 0
local sent = 0
function setup(thread)
  thread:set("seed", threads)
  threads = threads + 1
end
function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0) * 7919)
  run = tostring(os.time()) .. "-" .. tostring(seed or 0)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
function request()
  sent = sent + 1
  local idm = prefix .. string.format("%08X", math.random(0, n - 1))
  wrk.headers["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)]
  wrk.headers["Idempotency-Key"] = "bench-" .. run .. "-" .. sent
  return wrk.format(nil, "/v1/payments/charges", nil,
    '{{"carrier":{{"kind":"ic_card","id":"' .. idm .. '"}},"amount":1}}')
end
"""

# Payment for the hotel and every bench terminal; each bulk visitor's consent to pay there.
_ALLOW_PAYMENT = [
    "INSERT INTO servicer_purposes (servicer_id, purpose, state, justification, decided_at) "
    "SELECT id, 'payment', 'approved', 'Bench', now() FROM servicers",
    "UPDATE api_clients SET purposes = array_append(purposes, 'payment')",
    "INSERT INTO consent_grants (id, visitor_id, servicer_id, servicer_category, purpose, "
    "attributes, granted_at, expires_at, revoked_at, receipt) "
    "SELECT gen_random_uuid(), visitor_id, servicer_id, NULL, 'payment', ARRAY['name'], "
    "granted_at, expires_at, NULL, receipt FROM consent_grants WHERE purpose = 'hotel_check_in'",
]

# A cash top-up for every visitor, as the service writes one, in bulk: the hotel's cash float
# debited, each wallet credited, one operation and one transfer each.
_TOP_UP_ALL = """
WITH hotel AS (SELECT id FROM servicers LIMIT 1),
float AS (
INSERT INTO ledger_accounts (id, kind, servicer_id)
SELECT gen_random_uuid(), 'cash_float', hotel.id FROM hotel
RETURNING id, servicer_id
),
float_sums AS (
INSERT INTO ledger_balances (account_id, slot, debits_posted)
SELECT id, 0, $1 * (SELECT count(*) FROM visitors) FROM float
),
wallets AS (
INSERT INTO ledger_accounts (id, kind, visitor_id, debits_must_not_exceed_credits)
SELECT gen_random_uuid(), 'wallet', v.id, true FROM visitors v
RETURNING id
),
wallet_sums AS (
INSERT INTO ledger_balances (account_id, slot, credits_posted, debits_must_not_exceed_credits)
SELECT id, 0, $1, true FROM wallets
),
operations AS (
INSERT INTO payment_operations (id, kind, servicer_id, wallet_id, amount, actor)
SELECT gen_random_uuid(), 'cash_top_up', float.servicer_id, wallets.id, $1, 'bench'
  FROM wallets, float
RETURNING id, wallet_id
)
INSERT INTO ledger_transfers (operation_id, debit_account_id, credit_account_id, amount, kind)
SELECT o.id, float.id, o.wallet_id, $1, 'posted' FROM operations o, float
"""

# Filling the ledger: ``$3`` linked operations of ``$4`` transfers of ¥1 each, to and fro
# between two platform accounts (``$1`` and ``$2``).
_FILL = """
WITH ops AS (
INSERT INTO payment_operations (id, kind, amount, actor)
SELECT gen_random_uuid(), 'expiry', $4, 'bench' FROM generate_series(1, $3)
RETURNING id
)
INSERT INTO ledger_transfers (operation_id, debit_account_id, credit_account_id, amount, kind)
SELECT ops.id,
       CASE WHEN n % 2 = 0 THEN $1::uuid ELSE $2::uuid END,
       CASE WHEN n % 2 = 0 THEN $2::uuid ELSE $1::uuid END,
       1, 'posted'
  FROM ops CROSS JOIN generate_series(1, $4) AS n
"""
# ... and the two accounts' sums moved to match, in the same transaction.
_FILL_SUMS = (
    "INSERT INTO ledger_balances AS b (account_id, slot, debits_posted, credits_posted) "
    "VALUES ($1, 0, $2, $3) ON CONFLICT (account_id, slot) DO UPDATE "
    "SET debits_posted = b.debits_posted + $2, credits_posted = b.credits_posted + $3"
)
_FILL_ACCOUNT = """
WITH made AS (
INSERT INTO ledger_accounts (id, kind) VALUES (gen_random_uuid(), $1)
    ON CONFLICT DO NOTHING RETURNING id
)
SELECT id FROM made UNION ALL SELECT id FROM ledger_accounts WHERE kind = $1
"""


async def allow_payment(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            for statement in _ALLOW_PAYMENT:
                await conn.execute(statement)
            await conn.execute(_TOP_UP_ALL, TOP_UP)
        await conn.execute("VACUUM (ANALYZE)")
    finally:
        await conn.close()


async def fill(url: str, transfers: int) -> None:
    """Bring the ledger to ``transfers`` transfers (a million per transaction)."""
    conn = await asyncpg.connect(url)
    try:
        a = await conn.fetchval(_FILL_ACCOUNT, "refunds_payable")
        b = await conn.fetchval(_FILL_ACCOUNT, "expired")
        have = await conn.fetchval("SELECT count(*) FROM ledger_transfers")
        per_operation = 1_000
        while have < transfers:
            operations = max(1, min(1_000_000, transfers - have) // per_operation)
            evens, odds = per_operation // 2, per_operation - per_operation // 2
            async with conn.transaction():
                await conn.execute(_FILL, a, b, operations, per_operation)
                await conn.execute(_FILL_SUMS, a, operations * evens, operations * odds)
                await conn.execute(_FILL_SUMS, b, operations * odds, operations * evens)
            have += operations * per_operation
            print(f"   ledger at {have:,} transfers", flush=True)
        await conn.execute("VACUUM (ANALYZE) ledger_transfers")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()


async def verify(url: str) -> ledger.Verification:
    engine = db.create_engine(url, pool_size=1)
    try:
        async with db.session_factory(engine)() as session:
            return await ledger.verify(session)
    finally:
        await engine.dispose()


@dataclass
class OpenLoop:
    offered: float
    achieved: float
    latencies_ms: list[float]
    failures: Counter[str]

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("inf")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def open_loop(port: int, tokens: list[str], rate: float, seconds: float) -> OpenLoop:
    """Offer ``rate`` charges a second on schedule; each latency runs from the request's
    scheduled time to the end of its answer (no coordinated omission)."""
    loop = asyncio.get_running_loop()
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    slots = asyncio.Semaphore(256)
    latencies: list[float] = []
    finished: list[float] = []
    failures: Counter[str] = Counter()
    run = f"open-{time.time_ns()}"

    def request_bytes(n: int) -> bytes:
        body = json.dumps(
            {
                "carrier": {"kind": "ic_card", "id": rb.card(random.randrange(VISITORS))},
                "amount": 1,
            },
            separators=(",", ":"),
        ).encode()
        return (
            b"POST /v1/payments/charges HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nAuthorization: Bearer "
            + random.choice(tokens).encode()
            + f"\r\nIdempotency-Key: {run}-{n}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )

    async def one(scheduled: float, request: bytes) -> None:
        async with slots:
            for attempt in range(2):
                if idle and attempt == 0:
                    reader, writer = idle.pop()
                else:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                try:
                    status = await rb._exchange(reader, writer, request)
                    break
                except (OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
                    writer.close()
                    if attempt == 1:
                        failures[type(exc).__name__] += 1
                        return
            done = loop.time()
            idle.append((reader, writer))
        latencies.append((done - scheduled) * 1000)
        finished.append(done)
        if status != 201:
            failures[str(status)] += 1

    requests = [request_bytes(n) for n in range(int(rate * seconds))]
    gc.collect()
    gc.disable()
    try:
        start = loop.time() + 0.2
        tasks = []
        for i, request in enumerate(requests):
            scheduled = start + i / rate
            delay = scheduled - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(scheduled, request)))
        await asyncio.gather(*tasks)
    finally:
        gc.enable()
    for _, writer in idle:
        writer.close()
    elapsed = (max(finished) - start) if finished else float("inf")
    return OpenLoop(rate, len(finished) / elapsed, latencies, failures)


def check_charge(server: rb.Server, token: str) -> None:
    answer = httpx.post(
        f"{server.base}/v1/payments/charges",
        json={"carrier": {"kind": "ic_card", "id": rb.card(0)}, "amount": 1},
        headers={"authorization": f"Bearer {token}", "idempotency-key": "bench-check"},
    )
    if answer.status_code != 201:
        raise SystemExit(f"a charge answered {answer.status_code}: {answer.text}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--transfers", type=int, default=10_000_000)
    parser.add_argument("--seconds", type=int, default=SECONDS)
    args = parser.parse_args(argv)
    configure_logging(Settings(log_level="WARNING"))
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    rows: list[tuple[str, str, str, bool | None]] = []
    with tempfile.TemporaryDirectory(prefix="omotenashi-bench-") as tmp:
        os.chmod(tmp, 0o755)  # noqa: S103 - the embedded server may run as another user
        workdir = Path(tmp)
        print(f"   load average at the start: {os.getloadavg()[0]:.2f}", flush=True)
        server = rb.start_server(workdir / "var")
        try:
            loaded = asyncio.run(rb.load(server, VISITORS))
            url = server.database_url()
            asyncio.run(allow_payment(url))
            tokens = rb.get_tokens(server, loaded)
            check_charge(server, tokens[0])
            common = {"count": VISITORS, "prefix": rb.CARD_PREFIX}
            quoted = ",".join(f'"{t}"' for t in tokens)
            resolves = rb.wrk(
                f"{server.base}/v1/resolve",
                args.seconds,
                rb.WRK_CONNECTIONS,
                rb.RESOLVE_LUA.format(**common, tokens=quoted, purpose=rb.PURPOSE),
                workdir,
            )
            print(f"   resolve {resolves.per_second:9.1f}/s ({resolves.bad} bad)", flush=True)
            charges = rb.wrk(
                f"{server.base}/v1/payments/charges",
                args.seconds,
                rb.WRK_CONNECTIONS,
                CHARGE_LUA.format(**common, tokens=quoted),
                workdir,
            )
            print(f"   charge  {charges.per_second:9.1f}/s ({charges.bad} bad)", flush=True)
            rate = round(0.7 * charges.per_second)
            latency = asyncio.run(open_loop(server.port, tokens, rate, LATENCY_SECONDS))
            after_run = asyncio.run(verify(url))
            asyncio.run(fill(url, args.transfers))
            big = asyncio.run(verify(url))
        finally:
            rb.stop_server(server)
    ratio = charges.per_second / resolves.per_second
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    rows += [
        ("resolves/s (max, wrk)", f"{resolves.per_second:,.0f}", "-", None),
        ("charges/s (max, wrk)", f"{charges.per_second:,.0f}", "-", charges.bad == 0),
        ("charges/s ÷ resolves/s", f"{ratio:.2f}", f"≥ {RATIO_FLOOR}", ratio >= RATIO_FLOOR),
        (
            f"charge p50 / p99 at {rate}/s (70 %)",
            f"{latency.percentile(50):.1f} / {latency.percentile(99):.1f} ms",
            "-",
            not latency.failures,
        ),
        (
            f"ledger verify, {after_run.transfers:,} transfers",
            f"{after_run.seconds:.2f} s",
            "clean",
            after_run.clean,
        ),
        (
            f"ledger verify, {big.transfers:,} transfers",
            f"{big.seconds:.1f} s",
            f"< {VERIFY_CEILING_S:.0f} s, clean",
            big.clean and big.seconds < VERIFY_CEILING_S,
        ),
    ]
    print()
    print(f"load average (1, 5, 15 min) at the end: {load} on {os.cpu_count()} cores (shared)")
    failed = False
    for name, value, floor, ok in rows:
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        failed |= ok is False
        print(f"{name:<42} {value:>22}   {floor:<18} {verdict}")
    if latency.failures:
        print(f"latency run failures: {dict(latency.failures)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
