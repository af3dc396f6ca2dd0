"""Resolve: a servicer's touchpoint learns the visitor's pairwise id, languages and exactly the
attributes that are needed by the purpose, consented by the visitor, and approved for the
servicer — nothing else — and the disclosure is logged for the visitor in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.consent import service as consent
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers import service as servicers
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors

log = structlog.get_logger(__name__)


# Every disclosure is written by a statement built once, straight into the table: nothing reads
# the entry back in this transaction, so there is no unit of work to flush.
_LOG_DISCLOSURE = insert(AccessLogEntry.metadata.tables[AccessLogEntry.__tablename__])


@dataclass(frozen=True)
class Resolution:
    subject: str
    language: str
    purpose: PurposeKey
    attributes: dict[str, Any]
    missing: tuple[str, ...]  # needed but not granted: what a tap-to-consent would ask for


async def resolve(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    servicer_id: uuid.UUID,
    visitor_id: uuid.UUID,
    purpose: PurposeKey,
    terminal_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Resolution:
    now = now or datetime.now(UTC)
    needed = await servicers.attributes_for(session, servicer_id, purpose)  # approval gate
    # Held until the end: read_profile's own get is then answered by the session, not a query.
    visitor = await visitors.get(session, visitor_id)
    granted = await consent.consented_attributes(session, visitor_id, servicer_id, purpose, now)
    missing = [key for key in needed if key not in granted]
    disclosed = [key for key in needed if key in granted]
    if not disclosed:
        raise ConsentRequiredError(extra={"missing": missing})
    attributes = await visitors.read_profile(session, keys.keyring, visitor_id, disclosed)
    await session.execute(
        _LOG_DISCLOSURE,
        {
            "visitor_id": visitor_id,
            "at": now,
            "servicer_id": servicer_id,
            "terminal_id": terminal_id,
            "purpose": str(purpose),
            "attribute_keys": sorted(attributes),
        },
    )
    log.info(
        "resolve.disclosed",
        servicer_id=str(servicer_id),
        purpose=str(purpose),
        attributes=len(attributes),
    )
    return Resolution(
        subject=subject_id(pairwise_key(keys.derivation), servicer_id, visitor_id),
        language=visitor.language,
        purpose=purpose,
        attributes=attributes,
        missing=tuple(missing),
    )


async def access_log(session: AsyncSession, visitor_id: uuid.UUID) -> list[AccessLogEntry]:
    """Who saw what of this visitor, newest first."""
    return list(
        (
            await session.scalars(
                select(AccessLogEntry)
                .where(AccessLogEntry.visitor_id == visitor_id)
                .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
            )
        ).all()
    )
