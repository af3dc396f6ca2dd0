"""What other domains may do with resolve's tables, as Core pieces (the access log's owner)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.resolve.models import AccessLogEntry


async def forget_disclosures(session: AsyncSession, visitor_ids: Sequence[uuid.UUID]) -> None:
    """Delete the access-log lines of visitors being erased, in the erasure's transaction.

    The visitor column is not a checked foreign key (a resolve would lock the visitor's row),
    so this is what the cascade did, and one thing more: a resolve whose statement began before
    the erasure commits could still read the visitor as live and log a line after this delete.
    So the table is first locked against inserts (``SHARE ROW EXCLUSIVE``: it waits for the
    disclosures in flight to commit, and holds new ones until the erasure commits); a resolve
    takes its lock before its snapshot, so once it runs it no longer sees the visitor. The
    lock is held only from here to the erasure's commit: erasing is its last step."""
    if not visitor_ids:
        return
    await session.execute(sa.text("LOCK TABLE access_log IN SHARE ROW EXCLUSIVE MODE"))
    await session.execute(
        sa.delete(AccessLogEntry).where(AccessLogEntry.visitor_id.in_(list(visitor_ids)))
    )


def logged_since(since: datetime) -> sa.ScalarSelect[int]:
    """How many live disclosures were logged since ``since`` (a sandbox's are left out), for a
    count inside another query."""
    return (
        sa.select(sa.func.count())
        .where(AccessLogEntry.at >= since, AccessLogEntry.live)
        .scalar_subquery()
    )


def log_of(
    visitor_id: uuid.UUID, *, before: datetime | None = None
) -> sa.Select[int, datetime, uuid.UUID, uuid.UUID | None, str, list[str]]:
    """The visitor's access log, newest first: each line's id, time, servicer, terminal (None
    when no terminal resolved), purpose and disclosed attributes."""
    query = (
        sa.select(
            AccessLogEntry.id,
            AccessLogEntry.at,
            AccessLogEntry.servicer_id,
            AccessLogEntry.terminal_id,
            AccessLogEntry.purpose,
            AccessLogEntry.attribute_keys,
        )
        .where(AccessLogEntry.visitor_id == visitor_id)
        .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
    )
    if before is not None:
        query = query.where(AccessLogEntry.at < before)
    return query


def line_of(
    visitor_id: uuid.UUID, line_id: int, *, since: datetime
) -> sa.Select[int, uuid.UUID, uuid.UUID | None, str]:
    """One line of the visitor's own log, if written since ``since`` (its id, servicer,
    terminal and purpose)."""
    return sa.select(
        AccessLogEntry.id,
        AccessLogEntry.servicer_id,
        AccessLogEntry.terminal_id,
        AccessLogEntry.purpose,
    ).where(
        AccessLogEntry.id == line_id,
        AccessLogEntry.visitor_id == visitor_id,
        AccessLogEntry.at > since,
    )


def newest_line_of_terminal(terminal_id: uuid.UUID) -> sa.Select[Any]:
    """The id of the terminal's newest line (NULL when none)."""
    return sa.select(sa.func.max(AccessLogEntry.id)).where(
        AccessLogEntry.terminal_id == terminal_id
    )


def terminal_lines_after(
    servicer_id: uuid.UUID, terminal_id: uuid.UUID, purpose: str, after_id: int
) -> sa.Select[int, uuid.UUID, list[str]]:
    """The servicer's terminal's lines for ``purpose`` after line ``after_id`` (in no order,
    so that a caller's join and limit can be planned with it): each line's id, visitor and
    disclosed attributes."""
    return sa.select(
        AccessLogEntry.id, AccessLogEntry.visitor_id, AccessLogEntry.attribute_keys
    ).where(
        AccessLogEntry.terminal_id == terminal_id,
        AccessLogEntry.servicer_id == servicer_id,
        AccessLogEntry.purpose == purpose,
        AccessLogEntry.id > after_id,
    )


async def write_marks(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    servicer_id: uuid.UUID,
    marks: Sequence[tuple[datetime, str, Sequence[str]]],
) -> None:
    """Lines of the visitor's log that record no disclosure but what a partner did with data
    the visitor now holds (an agency's invitation sent, opened, accepted): each its time, its
    mark (a ``servicers.purposes`` constant) and the attributes it concerned."""
    if marks:
        await session.execute(
            sa.insert(AccessLogEntry),
            [
                {
                    "visitor_id": visitor_id,
                    "servicer_id": servicer_id,
                    "terminal_id": None,
                    "at": at,
                    "purpose": mark,
                    "attribute_keys": list(keys),
                }
                for at, mark, keys in marks
            ],
        )
