"""Export (machine-readable JSON of everything held about a visitor) and erasure on request."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts import export as alerts
from omotenashi.carriers import service as carriers
from omotenashi.consent import service as consent
from omotenashi.feedback import service as feedback
from omotenashi.resolve import queries as resolve_queries
from omotenashi.resolve import service as resolve
from omotenashi.resolve.service import Disclosure as Disclosure
from omotenashi.resolve.service import disclosures as disclosures
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.taxfree import service as taxfree
from omotenashi.visitors import catalogue
from omotenashi.visitors import service as visitors

log = structlog.get_logger(__name__)

EXPORT_FORMAT = "omotenashi-visitor-export/1"


def _when(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


async def export(
    session: AsyncSession, keys: PlatformKeys, visitor_id: uuid.UUID
) -> dict[str, Any]:
    """Everything the platform holds about the visitor and the family members they
    registered: profile, carriers (never their secrets), consents with receipts, access log,
    and what alerts hold (area, shared cell, push subscriptions, safety answers)."""
    keyring = keys.keyring
    visitor = await visitors.get(session, visitor_id)
    names: dict[uuid.UUID, str] = {}

    async def servicer_name(servicer_id: uuid.UUID) -> str:
        if servicer_id not in names:
            names[servicer_id] = (await servicers.get(session, servicer_id)).name
        return names[servicer_id]

    grants = [
        {
            "id": str(g.id),
            "recipient": await servicer_name(g.servicer_id)
            if g.servicer_id
            else f"category:{g.servicer_category}",
            "purpose": g.purpose,
            "attributes": list(g.attributes),
            "granted_at": _when(g.granted_at),
            "expires_at": _when(g.expires_at),
            "revoked_at": _when(g.revoked_at),
            "receipt_jws": g.receipt,
        }
        for g in await consent.grants_of(session, visitor_id)
    ]
    access = [
        {
            "at": _when(entry.at),
            "servicer": await servicer_name(entry.servicer_id),
            "terminal_id": str(entry.terminal_id) if entry.terminal_id else None,
            "purpose": entry.purpose,
            "attributes": list(entry.attribute_keys),
        }
        for entry in await resolve.access_log(session, visitor_id)
    ]
    given = await feedback.all_of_visitor(session, visitor_id)
    answers = await feedback.replies_to(session, [f.id for f in given])
    said = [
        {
            "given_at": _when(f.created_at),
            "servicer": await servicer_name(f.servicer_id),
            "purpose": f.purpose,
            "rating": f.rating,
            "comment": f.comment,
            "replies": [
                {"at": _when(r.created_at), "text": r.body, "translated": r.translated}
                for r in answers.get(f.id, [])
            ],
        }
        for f in given
    ]
    family = [
        {"id": str(member.id), "profile": await visitors.read_profile(session, keyring, member.id)}
        for member in await visitors.family(session, visitor_id)
    ]
    log.info("privacy.exported", visitor_id=str(visitor_id))
    return {
        "format": EXPORT_FORMAT,
        "exported_at": _when(datetime.now(UTC)),
        "catalogue_version": catalogue.CATALOGUE_VERSION,
        "visitor": {
            "id": str(visitor.id),
            "created_at": _when(visitor.created_at),
            "language": visitor.language,
            "departure": visitor.departure.isoformat() if visitor.departure else None,
            "keep_after_departure": visitor.keep_after_departure,
            "profile": await visitors.read_profile(session, keyring, visitor_id),
        },
        "family_members": family,
        "carriers": [
            {
                "id": str(c.id),
                "kind": str(c.kind),
                "label": c.label,
                "created_at": _when(c.created_at),
                "revoked_at": _when(c.revoked_at),
            }
            for c in await carriers.list_carriers(session, visitor_id)
        ],
        "consents": grants,
        "access_log": access,
        "feedback": said,
        "alerts": await alerts.export_for(session, visitor_id),
        # Kept by each shop past an erasure, as the Consumption Tax Act requires.
        "tax_free_records": [
            {
                "shop": kept.shop_name,
                "transmission_number": kept.transmission_number,
                "kept_by_the_shop_until": kept.until.isoformat(),
            }
            for kept in await taxfree.kept_after_erasure(session, visitor_id)
        ],
    }


async def erase(session: AsyncSession, visitor_ids: Iterable[uuid.UUID]) -> int:
    """Erase visitors and the family members they registered, in the caller's transaction:
    their data keys and rows (and what hangs off them by foreign key: carriers, consents,
    profiles), then their access-log lines, which no foreign key cascades to. The access log
    goes last, since deleting it holds new disclosures back until this transaction commits
    (:func:`omotenashi.resolve.queries.forget_disclosures`). Returns how many of
    ``visitor_ids`` were erased."""
    ids = list(visitor_ids)
    erased = await visitors.erase_rows(session, ids)
    await resolve_queries.forget_disclosures(session, erased)
    for visitor_id in ids:
        log.info("visitor.erased", visitor_id=str(visitor_id))
    return len(set(ids) & set(erased))


async def erase_departed(session: AsyncSession, today: date, retention_days: int) -> int:
    """Erase every account holder whose stay ended more than ``retention_days`` ago, unless
    they chose to keep their data."""
    return await erase(session, await visitors.departed(session, today, retention_days))


async def erase_family_member(
    session: AsyncSession, visitor_id: uuid.UUID, member_id: uuid.UUID
) -> None:
    """Erase one of the family members ``visitor_id`` registered (anyone else's is not found)."""
    await visitors.member(session, visitor_id, member_id)
    await erase(session, [member_id])


async def kept_after_erasure(session: AsyncSession, visitor_id: uuid.UUID) -> list[taxfree.Kept]:
    """What others keep after the visitor's erasure, and until when: tax-free purchase records,
    each its shop's for seven years."""
    return await taxfree.kept_after_erasure(session, visitor_id)


async def erase_me(session: AsyncSession, visitor_id: uuid.UUID) -> None:
    """Erase the visitor now, with their family members, carriers, consents and access log."""
    await visitors.get(session, visitor_id)
    await erase(session, [visitor_id])
