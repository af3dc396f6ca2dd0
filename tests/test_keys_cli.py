"""`omotenashi keys` as an operator runs it: real processes, the embedded PostgreSQL, key files
on disk."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.cli import cli_env, run_cli

from omotenashi import db
from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.config import Settings
from omotenashi.runtime import platform
from omotenashi.security import audit
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import VisitorAttribute

# Each command starts an embedded cluster of its own: handed out first.
pytestmark = pytest.mark.slow(0.15)

PROFILE = {
    "name": {"surname": "SOMCHAI", "given_names": "ANAN"},
    "passport": {
        "document_type": "P",
        "number": "AA1234567",
        "issuing_state": "THA",
        "expiry_date": "2031-05-01",
    },
    "allergens": ["shrimp"],
}
IDM = "0123456789ABCDEF"


async def _register_visitors(settings: Settings, count: int) -> dict[uuid.UUID, list[bytes]]:
    """Visitors with sealed profiles and a card, registered before the rotation."""
    sealed: dict[uuid.UUID, list[bytes]] = {}
    async with platform(settings) as p:
        engine = db.create_engine(p.database_url, pool_size=1)
        try:
            async with db.session_scope(db.session_factory(engine)) as session:
                for n in range(count):
                    visitor = await visitors.create_visitor(session, p.keys.keyring)
                    await visitors.update_profile(session, p.keys.keyring, visitor.id, PROFILE)
                    sealed[visitor.id] = await _sealed(session, visitor.id)
                    if n == 0:
                        await carriers.link_card(
                            session,
                            carriers.CarrierKeys.from_platform(p.keys),
                            visitor.id,
                            CarrierKind.ic_card,
                            IDM,
                            "Suica",
                        )
        finally:
            await engine.dispose()
    return sealed


async def _sealed(session: AsyncSession, visitor_id: uuid.UUID) -> list[bytes]:
    rows = await session.scalars(
        select(VisitorAttribute.sealed_value)
        .where(
            VisitorAttribute.visitor_id == visitor_id, VisitorAttribute.sealed_value.is_not(None)
        )
        .order_by(VisitorAttribute.key)
    )
    return [bytes(value) for value in rows.all()]


def test_rotate_rewraps_every_visitor_under_the_new_key_and_keeps_cards_working(
    started_data_dir: Path,
) -> None:
    settings = Settings(data_dir=started_data_dir)
    sealed = asyncio.run(_register_visitors(settings, 3))
    env = cli_env(started_data_dir)
    old_id = _status(env).split()[3]  # "Master key (current)   <id>   3 visitors"

    rotated = run_cli(["keys", "rotate", "--batch", "2"], env)
    status = run_cli(["keys", "status"], env)

    assert rotated.returncode == 0, rotated.stderr
    assert "Re-wrapped 3 data keys" in rotated.stdout
    assert "derivation.key now holds the first master key" in rotated.stdout
    assert "No data key needs a previous master key any more." in rotated.stdout
    assert "Re-wrapping" in rotated.stderr  # the progress bar
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    new_id = lines[0].split()[3]
    assert new_id != old_id
    assert lines[0].endswith("3 visitors")
    assert lines[1].startswith(f"Previous master key    {old_id}   0 visitors (no longer needed")
    assert lines[2].startswith(f"Derivation key         {old_id}")
    assert len(lines) == 3  # no unknown key, no carrier under another derivation key
    for result in (rotated, status):
        assert "Traceback" not in result.stderr
        assert "SOMCHAI" not in result.stdout + result.stderr
        assert "AA1234567" not in result.stdout + result.stderr
    asyncio.run(_still_readable_without_the_old_key(settings, sealed))


def _status(env: dict[str, str]) -> str:
    result = run_cli(["keys", "status"], env)
    assert result.returncode == 0, result.stderr
    return result.stdout


async def _still_readable_without_the_old_key(
    settings: Settings, sealed: dict[uuid.UUID, list[bytes]]
) -> None:
    async with platform(settings) as p:
        only_new = Keyring(p.keys.master)
        engine = db.create_engine(p.database_url, pool_size=1)
        try:
            async with db.session_factory(engine)() as session:
                for visitor_id, before in sealed.items():
                    assert await visitors.read_profile(session, only_new, visitor_id) == PROFILE
                    assert await _sealed(session, visitor_id) == before
                found = await carriers.visitor_by_card(
                    session, carriers.CarrierKeys.from_platform(p.keys), CarrierKind.ic_card, IDM
                )
                assert found in sealed
                assert (await audit.verify(session)).intact
                (entry,) = await audit.recent(session, limit=1)
                assert (entry.actor, entry.action) == (
                    "cli:keys-rotate",
                    "visitor.data_keys_rewrapped",
                )
                assert entry.details["rewrapped"] == 3
        finally:
            await engine.dispose()


def test_rotate_in_production_explains_the_environment_procedure(data_dir: Path) -> None:
    env = cli_env(data_dir, OMOTENASHI_DATABASE_URL="postgresql://x@db.invalid/omotenashi")

    result = run_cli(["keys", "rotate"], env)

    assert result.returncode == 2
    assert "OMOTENASHI_PREVIOUS_MASTER_KEYS" in result.stderr
    assert "omotenashi keys rewrap" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (data_dir / "keys").exists()
