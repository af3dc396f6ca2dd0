from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.security import audit


async def _chain(session: AsyncSession, count: int) -> list[audit.AuditEntry]:
    return [
        await audit.record(
            session,
            actor="operator:ops-1",
            action="servicer.approved",
            target=f"servicer:{n}",
            details={"n": n},
        )
        for n in range(count)
    ]


async def test_each_entry_links_to_the_one_before(session: AsyncSession) -> None:
    first, second, third = await _chain(session, 3)
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    report = await audit.verify(session)
    assert report.intact
    assert report.checked >= 3


async def test_the_database_refuses_to_change_or_delete_entries(session: AsyncSession) -> None:
    (entry,) = await _chain(session, 1)
    with pytest.raises(DBAPIError, match="append-only"):
        async with session.begin_nested():
            await session.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": entry.id})
    with pytest.raises(DBAPIError, match="append-only"):
        async with session.begin_nested():
            await session.execute(
                text("UPDATE audit_log SET actor = 'x' WHERE id = :id"), {"id": entry.id}
            )


async def _bypassing_the_trigger(session: AsyncSession, sql: str, **params: object) -> None:
    """What an attacker with superuser rights could do; verify must still notice."""
    await session.execute(text("SET LOCAL session_replication_role = replica"))
    await session.execute(text(sql), params)
    await session.execute(text("SET LOCAL session_replication_role = origin"))
    session.expunge_all()


async def test_verify_names_the_first_edited_entry(session: AsyncSession) -> None:
    entries = await _chain(session, 4)
    await _bypassing_the_trigger(
        session, "UPDATE audit_log SET target = 'servicer:evil' WHERE id = :id", id=entries[2].id
    )
    report = await audit.verify(session)
    assert report.first_broken_id == entries[2].id
    assert report.reason == "its content was changed"


async def test_verify_notices_a_removed_entry(session: AsyncSession) -> None:
    entries = await _chain(session, 4)
    await _bypassing_the_trigger(session, "DELETE FROM audit_log WHERE id = :id", id=entries[1].id)
    report = await audit.verify(session)
    assert report.first_broken_id == entries[2].id
    assert report.reason == "the entry before it was changed or removed"
