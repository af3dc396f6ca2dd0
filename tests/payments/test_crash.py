"""Money survives crashes: 1,000 concurrent charges, each retried with its Idempotency-Key
until it is answered, while the server is killed with SIGKILL — or PostgreSQL is stopped with
``pg_ctl stop -m immediate`` — in the middle. Afterwards every charge the client saw
acknowledged exists exactly once, no charge exists twice, and the ledger verifies."""

from __future__ import annotations

import asyncio
import shutil
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from tests.conftest import _recreate
from tests.factories.payments import merchant, terminal_client, visitor
from tests.payments.deployment import Deployment, make_deployment

from omotenashi import db
from omotenashi.carriers.models import CarrierKind
from omotenashi.clients import service as clients
from omotenashi.clients.tokens import issue_access_token
from omotenashi.payments import ledger, service
from omotenashi.payments.service import Presented, Rules
from omotenashi.pgcluster import EmbeddedCluster, new_password

# A thousand charges through crashes, on a cluster and server of its own: handed out first.
pytestmark = pytest.mark.slow(1.25)

CHARGES = 1_000
VISITORS = 20
AMOUNT = 10
IN_FLIGHT = 64
TOP_UP = 2_000  # each visitor's, more than their 50 charges of ¥10


def _card(n: int) -> str:
    return f"{0xC0FFEE0000000000 + n:016X}"


async def _prepare(deployment: Deployment) -> str:
    """A restaurant with a payment terminal, and visitors who paid in; the terminal's token."""
    engine = db.create_engine(deployment.url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            restaurant = await merchant(session, f"Crash Diner {uuid.uuid4().hex[:6]}")
            client, _ = await terminal_client(session, restaurant)
            till = await clients.desk_terminal(session, restaurant.id, client.id)
            for n in range(VISITORS):
                await visitor(session, deployment.keys, card=_card(n))
                await service.top_up_cash(
                    session,
                    deployment.keys,
                    Rules(),
                    till,
                    Presented(CarrierKind.ic_card, _card(n)),
                    TOP_UP,
                    actor="staff:test",
                )
        return issue_access_token(deployment.keys, client)
    finally:
        await engine.dispose()


async def _charge_through(
    deployment: Deployment, token: str, crash: Callable[[], Awaitable[None]]
) -> dict[str, str]:
    """Every charge retried with its key until answered; ``crash`` runs once a third of them
    were acknowledged. Returns each key's acknowledged charge id."""
    acknowledged: dict[str, str] = {}
    retries = [0]
    crashed = asyncio.Event()
    third = asyncio.Event()
    gate = asyncio.Semaphore(IN_FLIGHT)
    headers = {"authorization": f"Bearer {token}"}

    async def one(n: int, http: httpx.AsyncClient) -> None:
        key = f"crash-{n:04d}"
        body = {
            "carrier": {"kind": "ic_card", "id": _card(n % VISITORS)},
            "amount": AMOUNT,
        }
        async with gate:
            while True:
                try:
                    answer = await http.post(
                        f"{deployment.base}/v1/payments/charges",
                        json=body,
                        headers={**headers, "idempotency-key": key},
                    )
                except httpx.TransportError:
                    retries[0] += 1
                    await asyncio.sleep(0.1)
                    continue
                if answer.status_code >= 500:
                    retries[0] += 1
                    await asyncio.sleep(0.1)
                    continue
                assert answer.status_code == 201, answer.text
                acknowledged[key] = answer.json()["id"]
                if len(acknowledged) >= CHARGES // 3:
                    third.set()
                return

    async def crasher() -> None:
        await third.wait()
        await crash()
        crashed.set()

    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    async with httpx.AsyncClient(timeout=30, limits=limits) as http:
        crashing = asyncio.create_task(crasher())
        await asyncio.wait_for(asyncio.gather(*(one(n, http) for n in range(CHARGES))), 300)
        await asyncio.wait_for(crashing, 120)
    assert crashed.is_set()
    assert retries[0] > 0, "the crash came after every charge was answered"
    return acknowledged


async def _check(url: str, acknowledged: dict[str, str]) -> None:
    engine = db.create_engine(url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            charges = (
                await session.execute(
                    sa.text("SELECT id FROM payment_operations WHERE kind = 'charge'")
                )
            ).scalars()
            stored = [str(c) for c in charges]
            assert len(acknowledged) == CHARGES
            assert len(stored) == len(set(stored)) == CHARGES  # none twice, none lost
            assert set(stored) == set(acknowledged.values())
            result = await ledger.verify(session)
            assert result.clean, ledger.describe(result)
            wallets = await session.scalar(
                sa.text(
                    "SELECT sum(b.credits_posted - b.debits_posted) FROM ledger_balances b "
                    "JOIN ledger_accounts a ON a.id = b.account_id WHERE a.kind = 'wallet'"
                )
            )
            assert wallets == VISITORS * TOP_UP - CHARGES * AMOUNT
    finally:
        await engine.dispose()


@pytest.fixture
def crash_database(cluster: EmbeddedCluster, migrated: str) -> str:
    name = "omotenashi_crash"
    asyncio.run(_recreate(cluster.url(), name, template=migrated))
    return cluster.url(name)


async def test_charges_survive_the_server_killed_mid_flight(
    crash_database: str, tmp_path: Path
) -> None:
    deployment = make_deployment(crash_database, tmp_path / "var")
    token = await _prepare(deployment)
    deployment.start()

    async def kill_and_restart() -> None:
        deployment.kill()
        await asyncio.to_thread(deployment.start)

    try:
        acknowledged = await _charge_through(deployment, token, kill_and_restart)
    finally:
        deployment.stop()
    assert "Traceback" not in deployment.log.read_text()
    await _check(crash_database, acknowledged)


@pytest.fixture
def durable_cluster(workdir: Path) -> Iterator[EmbeddedCluster]:
    # Under the session's own directory: pytest makes its tmp_path's ancestors private again
    # whenever any pytest run of the same user starts, and PostgreSQL runs as another user.
    root = workdir / f"crash-{uuid.uuid4().hex[:8]}"
    with EmbeddedCluster(root=root, password=new_password(), durable=True).running() as running:
        yield running
        # Thrown away: no shutdown checkpoint (writing out a thousand charges) to wait for.
        running.stop_immediately()
    shutil.rmtree(root, ignore_errors=True)


async def test_charges_survive_postgres_stopped_immediately(
    durable_cluster: EmbeddedCluster, tmp_path: Path
) -> None:
    await asyncio.to_thread(_recreate_sync, durable_cluster.url(), "omotenashi")
    url = durable_cluster.url("omotenashi")
    await asyncio.to_thread(db.upgrade, url)
    deployment = make_deployment(url, tmp_path / "var")
    token = await _prepare(deployment)
    deployment.start()

    def immediate_stop_and_start() -> None:
        durable_cluster._run(
            durable_cluster.binaries.tool("pg_ctl"),
            "stop",
            "-D",
            str(durable_cluster.pgdata),
            "-m",
            "immediate",
            "-w",
        )
        time.sleep(0.5)
        durable_cluster.start()

    async def crash() -> None:
        await asyncio.to_thread(immediate_stop_and_start)

    try:
        acknowledged = await _charge_through(deployment, token, crash)
    finally:
        deployment.stop()
    await _check(url, acknowledged)


def _recreate_sync(admin_url: str, name: str) -> None:
    asyncio.run(_recreate(admin_url, name))
