"""A terminal's ceiling of distinct visitors a minute, checked in constant time by its two
per-minute counters, and exactly (from the log) when they reach it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer

from omotenashi.consent import service as consent
from omotenashi.resolve import service
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors

NOW = datetime(2026, 12, 4, 21, 50, 30, tzinfo=UTC)


async def _granted(session: AsyncSession, keys: PlatformKeys, hotel_id: uuid.UUID) -> uuid.UUID:
    keyring = Keyring(keys.master)
    visitor = await visitors.create_visitor(session, keyring)
    await visitors.update_profile(
        session, keyring, visitor.id, {"name": {"surname": "LOAD", "given_names": "KAI"}}
    )
    await consent.grant(
        session,
        keys,
        visitor.id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        servicer_id=hotel_id,
        now=NOW - timedelta(days=1),
    )
    return visitor.id


async def _decide(
    session: AsyncSession, hotel_id: uuid.UUID, terminal: uuid.UUID, visitor: uuid.UUID
) -> str:
    decision = await service.decide(
        session,
        servicer_id=hotel_id,
        purpose=PurposeKey.hotel_check_in,
        whom=visitor,
        terminal_id=terminal,
        ceiling=3,
        now=NOW,
    )
    return str(decision.outcome)


async def _load(session: AsyncSession, terminal: uuid.UUID) -> tuple[datetime, int, int]:
    row = (
        await session.execute(
            sa.text("SELECT minute, visitors, previous FROM terminal_load WHERE terminal_id = :t"),
            {"t": terminal},
        )
    ).one()
    return row.minute, row.visitors, row.previous


async def test_the_counters_count_distinct_visitors_a_minute(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await approved_servicer(session, "Hotel Load", PurposeKey.hotel_check_in)
    terminal = uuid.uuid4()
    first, second = await _granted(session, keys, hotel.id), await _granted(session, keys, hotel.id)
    for visitor in (first, first, second):
        assert await _decide(session, hotel.id, terminal, visitor) == "disclosed"
    assert await _load(session, terminal) == (NOW.replace(second=0), 2, 0)


async def test_a_terminal_over_its_ceiling_is_stopped_however_its_visitors_were_counted(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await approved_servicer(session, "Hotel Gate", PurposeKey.hotel_check_in)
    terminal = uuid.uuid4()
    guests = [await _granted(session, keys, hotel.id) for _ in range(4)]
    outcomes = [await _decide(session, hotel.id, terminal, guest) for guest in guests]
    assert outcomes == ["disclosed", "disclosed", "disclosed", "over_ceiling"]


async def test_counters_that_reach_the_ceiling_only_lead_to_an_exact_count(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    """Five visitors counted last minute, but all of them more than a minute ago: the bound
    says 'maybe over', the log says none in the window, and the visitor is served."""
    hotel = await approved_servicer(session, "Hotel Exact", PurposeKey.hotel_check_in)
    terminal = uuid.uuid4()
    await session.execute(
        sa.text(
            "INSERT INTO terminal_load (terminal_id, minute, visitors, previous)"
            " VALUES (:t, :minute, 5, 0)"
        ),
        {"t": terminal, "minute": NOW.replace(second=0) - timedelta(minutes=1)},
    )
    guest = await _granted(session, keys, hotel.id)
    assert await _decide(session, hotel.id, terminal, guest) == "disclosed"
    assert await _load(session, terminal) == (NOW.replace(second=0), 1, 5)
