"""The audit log: every staff, operator and API-administration action, append-only and
hash-chained, so that a changed or deleted entry shows as the first broken link.

Entries name actors and targets by id and never carry personal attributes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base

log = structlog.get_logger(__name__)

GENESIS = "0" * 64
# Serialises appends across every process; held until the appending transaction ends.
_APPEND_LOCK = 0x61756469745F6C67  # "audit_lg"


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(sa.String(200))
    action: Mapped[str] = mapped_column(sa.String(100))
    target: Mapped[str] = mapped_column(sa.String(200))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB)
    previous_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64), unique=True)


def entry_hash(
    previous_hash: str, at: datetime, actor: str, action: str, target: str, details: dict[str, Any]
) -> str:
    canonical = json.dumps(
        [
            previous_hash,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor,
            action,
            target,
            details,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


async def record(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    target: str,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (it vanishes if the action rolls back)."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})
    previous = await session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    at = datetime.now(UTC)
    body = details or {}
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        target=target,
        details=body,
        previous_hash=previous or GENESIS,
        hash=entry_hash(previous or GENESIS, at, actor, action, target, body),
    )
    session.add(entry)
    await session.flush()
    log.info("audit.recorded", audit_id=entry.id, action=action)
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    reason: str | None

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


async def verify(session: AsyncSession, batch: int = 5000) -> ChainReport:
    """Walk the chain from the start and report the first entry that does not follow."""
    expected_previous = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = (
            await session.scalars(
                select(AuditEntry)
                .where(AuditEntry.id > last_id)
                .order_by(AuditEntry.id)
                .limit(batch)
            )
        ).all()
        if not rows:
            return ChainReport(checked, None, None)
        for entry in rows:
            if entry.previous_hash != expected_previous:
                return ChainReport(checked, entry.id, "the entry before it was changed or removed")
            recomputed = entry_hash(
                entry.previous_hash,
                entry.at,
                entry.actor,
                entry.action,
                entry.target,
                entry.details,
            )
            if recomputed != entry.hash:
                return ChainReport(checked, entry.id, "its content was changed")
            expected_previous = entry.hash
            checked += 1
            last_id = entry.id
        session.expunge_all()


async def recent(
    session: AsyncSession, *, limit: int = 100, before_id: int | None = None
) -> list[AuditEntry]:
    """The newest entries first; pass the last id seen as ``before_id`` for the next page."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return list((await session.scalars(query)).all())
