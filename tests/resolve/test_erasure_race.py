"""A resolve racing an erasure leaves no line in the access log of a visitor who is gone.

The access log's visitor column is not a checked foreign key (a resolve would lock the
visitor's row); erasure deletes the lines itself and holds disclosures back until it commits.
Both orders are played on real, committed transactions."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from tests.factories import approved_servicer

from omotenashi import db
from omotenashi.consent import service as consent
from omotenashi.privacy import service as privacy
from omotenashi.resolve import service
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors


async def _granted_visitor(engine: AsyncEngine, keys: PlatformKeys) -> tuple[uuid.UUID, uuid.UUID]:
    async with db.session_factory(engine)() as session:
        hotel = await approved_servicer(
            session, f"Hotel Race {uuid.uuid4().hex[:6]}", PurposeKey.hotel_check_in
        )
        keyring = Keyring(keys.master)
        visitor = await visitors.create_visitor(session, keyring)
        await visitors.update_profile(
            session, keyring, visitor.id, {"name": {"surname": "RACE", "given_names": "AI"}}
        )
        await consent.grant(
            session,
            keys,
            visitor.id,
            purpose=PurposeKey.hotel_check_in,
            attributes=["name"],
            servicer_id=hotel.id,
        )
        await session.commit()
        return hotel.id, visitor.id


async def _lines(engine: AsyncEngine, visitor_id: uuid.UUID) -> int:
    async with engine.connect() as connection:
        return int(
            await connection.scalar(
                sa.text("SELECT count(*) FROM access_log WHERE visitor_id = :v"),
                {"v": visitor_id},
            )
            or 0
        )


async def _decide(connection: db.Executor, hotel_id: uuid.UUID, visitor_id: uuid.UUID) -> str:
    decision = await service.decide(
        connection,
        servicer_id=hotel_id,
        purpose=PurposeKey.hotel_check_in,
        whom=visitor_id,
        now=datetime.now(UTC),
    )
    return str(decision.outcome)


async def test_a_resolve_begun_during_an_erasure_logs_nothing(
    own_engine: AsyncEngine, keys: PlatformKeys
) -> None:
    engine = own_engine  # it commits: a database of its own, so no other test sees its hotels
    hotel_id, visitor_id = await _granted_visitor(engine, keys)
    sessions = db.session_factory(engine)
    async with sessions() as erasing, engine.connect() as resolving:
        await resolving.execution_options(isolation_level="AUTOCOMMIT")
        await privacy.erase(erasing, [visitor_id])  # not committed yet
        resolve = asyncio.create_task(_decide(resolving, hotel_id, visitor_id))
        await asyncio.sleep(0.3)
        assert not resolve.done(), "the disclosure waits for the erasure"
        await erasing.commit()
        assert await resolve == "not_found"
    assert await _lines(engine, visitor_id) == 0


async def test_an_erasure_begun_during_a_resolve_deletes_its_line(
    own_engine: AsyncEngine, keys: PlatformKeys
) -> None:
    engine = own_engine  # it commits: a database of its own, so no other test sees its hotels
    hotel_id, visitor_id = await _granted_visitor(engine, keys)
    sessions = db.session_factory(engine)
    async with sessions() as resolving, sessions() as erasing:
        assert await _decide(resolving, hotel_id, visitor_id) == "disclosed"  # not committed
        erase = asyncio.create_task(privacy.erase(erasing, [visitor_id]))
        await asyncio.sleep(0.3)
        assert not erase.done(), "the erasure waits for the disclosure in flight"
        await resolving.commit()
        await erase
        await erasing.commit()
    assert await _lines(engine, visitor_id) == 0
