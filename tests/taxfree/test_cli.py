"""`omotenashi taxfree import-confirmations FILE` as a shop's operator runs it: a real process
against a database holding an accepted record."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from tests.conftest import _recreate
from tests.factories.taxfree import CARD, CART, buyer, shop, till
from tests.payments.deployment import make_deployment
from tests.taxfree.nta_server import confirmation_file

from omotenashi import db
from omotenashi.carriers.models import CarrierKind
from omotenashi.pgcluster import EmbeddedCluster
from omotenashi.security.keys import PlatformKeys
from omotenashi.taxfree import service
from omotenashi.taxfree.models import RecordState


async def _accepted_record(url: str, keys: PlatformKeys) -> str:
    engine = db.create_engine(url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            servicer = await shop(session, keys)
            await buyer(session, keys)
            counter = await till(session, servicer)
            now = datetime.now(UTC)
            found = await service.identify(session, keys, counter, CarrierKind.ic_card, CARD, now)
            record = await service.build_record(
                session, keys, servicer.id, found, CART, actor="staff:clerk", now=now
            )
            for state in (RecordState.transmitted, RecordState.accepted):
                await service.move(
                    session, servicer.id, [service.Move(record.id, state)], actor="test", now=now
                )
            return record.transmission_number
    finally:
        await engine.dispose()


async def _state(url: str, number: str) -> str:
    engine = db.create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            return str(
                await connection.scalar(
                    sa.text("SELECT state FROM tax_free_records WHERE transmission_number = :n"),
                    {"n": number},
                )
            )
    finally:
        await engine.dispose()


def test_an_imported_confirmation_file_makes_the_refund_due(
    cluster: EmbeddedCluster, migrated: str, keys: PlatformKeys, tmp_path: Path
) -> None:
    name = "omotenashi_taxfree_cli"
    asyncio.run(_recreate(cluster.url(), name, template=migrated))
    url = cluster.url(name)
    number = asyncio.run(_accepted_record(url, keys))
    tmp_path.chmod(0o755)
    env = make_deployment(url, tmp_path / "var").env

    def omotenashi(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "omotenashi", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    wrong = tmp_path / "not-customs.json"
    wrong.write_text('{"hello": 1}')
    refused = omotenashi("taxfree", "import-confirmations", str(wrong))
    assert refused.returncode == 1
    assert "is not a customs confirmation file" in refused.stderr

    answers = tmp_path / "customs.json"
    answers.write_bytes(confirmation_file({number: {1: True, 2: True, 3: True}}))
    done = omotenashi("taxfree", "import-confirmations", str(answers))
    assert done.returncode == 0, done.stderr
    assert "Confirmed (refund due): 1; forfeited: 0" in done.stdout
    assert asyncio.run(_state(url, number)) == "confirmed"

    again = omotenashi("taxfree", "import-confirmations", str(answers))
    assert "Confirmed (refund due): 0; forfeited: 0; not awaiting confirmation: 1" in again.stdout
