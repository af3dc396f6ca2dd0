"""What other domains may do with resolve's tables, as Core pieces (the access log's owner)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

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
