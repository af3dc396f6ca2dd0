"""Consent rules: grant (with a signed receipt), revoke, and what is consented right now."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

import structlog
from sqlalchemy import String, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.consent import queries, receipts
from omotenashi.consent.errors import GrantNotFoundError, InvalidGrantError
from omotenashi.consent.models import ConsentGrant
from omotenashi.errors import FieldError
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import Servicer, ServicerCategory
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.visitors import catalogue
from omotenashi.visitors import service as visitors
from omotenashi.webhooks import service as webhooks

log = structlog.get_logger(__name__)

# Without a known departure a grant lasts this long; the visitor can always revoke earlier.
DEFAULT_TERM = timedelta(days=30)


async def grant(
    session: AsyncSession,
    keys: PlatformKeys,
    visitor_id: uuid.UUID,
    *,
    purpose: PurposeKey,
    attributes: Sequence[str],
    servicer_id: uuid.UUID | None = None,
    category: ServicerCategory | None = None,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> ConsentGrant:
    """The visitor lets one servicer, or every servicer of a category, see ``attributes``
    for ``purpose`` until ``expires_at`` (default: the end of their departure day). One
    servicer must be approved, with the purpose (:class:`PurposeNotApprovedError` otherwise):
    consent to what the operator refused or has not decided would be consent to nothing."""
    if servicer_id is not None:
        await servicers.attributes_for(session, servicer_id, purpose)
    return await _record(
        session,
        keys,
        visitor_id,
        purpose=purpose,
        attributes=attributes,
        servicer_id=servicer_id,
        category=category,
        expires_at=expires_at,
        now=now,
    )


async def _record(
    session: AsyncSession,
    keys: PlatformKeys,
    visitor_id: uuid.UUID,
    *,
    purpose: PurposeKey,
    attributes: Sequence[str],
    servicer_id: uuid.UUID | None,
    category: ServicerCategory | None,
    expires_at: datetime | None,
    now: datetime | None,
) -> ConsentGrant:
    now = now or datetime.now(UTC)
    visitor = await visitors.get(session, visitor_id)
    errors: list[FieldError] = []
    if (servicer_id is None) == (category is None):
        errors.append(FieldError("recipient", "Name either one servicer or one category."))
    if category is ServicerCategory.travel_agency:
        errors.append(FieldError("category", "Travel agencies receive no visitor data."))
    allowed = set(PURPOSES[purpose].attributes)
    wanted = list(dict.fromkeys(attributes))
    if not wanted:
        errors.append(FieldError("attributes", "Choose at least one item to share."))
    errors += [
        FieldError(f"attributes[{i}]", f"{key} is not used for {purpose}.", "not_in_purpose")
        for i, key in enumerate(wanted)
        if key not in allowed
    ]
    if expires_at is None:
        expires_at = (
            datetime.combine(visitor.departure, time(23, 59, 59), UTC)
            if visitor.departure and visitor.departure >= now.date()
            else now + DEFAULT_TERM
        )
    if expires_at <= now:
        errors.append(FieldError("expires_at", "The end of the consent must be in the future."))
    if errors:
        raise InvalidGrantError(fields=errors)

    recipient: dict[str, str]
    if servicer_id is not None:
        servicer = await servicers.get(session, servicer_id)
        recipient = {"name": servicer.name, "contact": servicer.contact_email}
    else:
        assert category is not None
        recipient = {"name": f"Every participating {category.replace('_', ' ')}"}
    grant_id = uuid.uuid4()
    claims = receipts.build(
        receipt_id=grant_id,
        visitor_ref=f"visitor:{visitor_id}",
        granted_at=now,
        expires_at=expires_at,
        language=visitor.language,
        recipient=recipient,
        purpose=str(purpose),
        purpose_label=PURPOSES[purpose].labels["en"],
        attributes=wanted,
        sensitive=[
            k
            for k in wanted
            if catalogue.ATTRIBUTES[k].sensitivity is not catalogue.Sensitivity.personal
        ],
    )
    record = ConsentGrant(
        id=grant_id,
        visitor_id=visitor_id,
        servicer_id=servicer_id,
        servicer_category=str(category) if category else None,
        purpose=str(purpose),
        attributes=wanted,
        granted_at=now,
        expires_at=expires_at,
        receipt=receipts.sign(claims, keys),
        live=visitor.live,
    )
    session.add(record)
    await session.flush()
    log.info(
        "consent.granted", grant_id=str(grant_id), purpose=str(purpose), attributes=len(wanted)
    )
    if servicer_id is not None:  # a category's servicers have not met the visitor: told nothing
        await webhooks.emit(
            session,
            servicer_id,
            "consent.granted",
            _grant_event(record),
            visitor_id=visitor_id,
            now=now,
            live=record.live,
        )
    return record


def _grant_event(record: ConsentGrant) -> dict[str, object]:
    return {
        "grant_id": str(record.id),
        "purpose": record.purpose,
        "attributes": list(record.attributes),
        "expires_at": record.expires_at.isoformat(),
    }


async def revoke(
    session: AsyncSession, visitor_id: uuid.UUID, grant_id: uuid.UUID, now: datetime | None = None
) -> ConsentGrant:
    """Withdraw a grant at once. Only the visitor who gave it can; anyone else sees 404."""
    record = await session.scalar(
        select(ConsentGrant).where(
            ConsentGrant.id == grant_id, ConsentGrant.visitor_id == visitor_id
        )
    )
    if record is None:
        raise GrantNotFoundError()
    if record.revoked_at is None:
        record.revoked_at = now or datetime.now(UTC)
        await session.flush()
        log.info("consent.revoked", grant_id=str(grant_id))
        if record.servicer_id is not None:
            await webhooks.emit(
                session,
                record.servicer_id,
                "consent.revoked",
                {"grant_id": str(record.id), "purpose": record.purpose},
                visitor_id=visitor_id,
                live=record.live,
            )
    return record


async def grant_of(
    session: AsyncSession, visitor_id: uuid.UUID, grant_id: uuid.UUID
) -> ConsentGrant:
    """One of the visitor's grants; anyone else's is not found."""
    record = await session.scalar(
        select(ConsentGrant).where(
            ConsentGrant.id == grant_id, ConsentGrant.visitor_id == visitor_id
        )
    )
    if record is None:
        raise GrantNotFoundError()
    return record


async def grants_of(session: AsyncSession, visitor_id: uuid.UUID) -> list[ConsentGrant]:
    """Every grant the visitor gave, newest first, revoked and expired ones included."""
    return list(
        (
            await session.scalars(
                select(ConsentGrant)
                .where(ConsentGrant.visitor_id == visitor_id)
                .order_by(ConsentGrant.granted_at.desc())
            )
        ).all()
    )


# Read on every resolve, so built once. Without a category (the caller holds only the
# servicer's id), the servicer's own is read in the same statement.
_CONSENTED = select(ConsentGrant.attributes).where(
    ConsentGrant.visitor_id == bindparam("visitor_id"),
    ConsentGrant.purpose == bindparam("purpose"),
    or_(
        ConsentGrant.servicer_id == bindparam("servicer_id"),
        ConsentGrant.servicer_category
        == func.coalesce(
            bindparam("category", type_=String),
            select(Servicer.category)
            .where(Servicer.id == bindparam("servicer_id"))
            .scalar_subquery(),
        ),
    ),
    queries.live(bindparam("now")),
)


async def consented_attributes(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    servicer: Servicer | uuid.UUID,
    purpose: PurposeKey,
    now: datetime | None = None,
) -> frozenset[str]:
    """What the visitor currently lets the servicer (given as itself or by its id) see for
    ``purpose``, directly or through its category."""
    if isinstance(servicer, uuid.UUID):
        servicer_id, category = servicer, None
    else:
        servicer_id, category = servicer.id, str(servicer.category)
    rows = await session.scalars(
        _CONSENTED,
        {
            "visitor_id": visitor_id,
            "purpose": str(purpose),
            "servicer_id": servicer_id,
            "category": category,
            "now": now or datetime.now(UTC),
        },
    )
    return frozenset(key for attributes in rows for key in attributes)


async def narrow(
    session: AsyncSession,
    keys: PlatformKeys,
    visitor_id: uuid.UUID,
    grant_id: uuid.UUID,
    attributes: Sequence[str],
    now: datetime | None = None,
) -> ConsentGrant:
    """Share fewer items with the same recipient, for the same purpose and term: a new grant
    (with its own receipt) takes the place of the old one, which is revoked at the same moment.
    Only a subset of what was granted can be kept; sharing more is a new consent."""
    now = now or datetime.now(UTC)
    old = await session.scalar(
        select(ConsentGrant)
        .where(ConsentGrant.id == grant_id, ConsentGrant.visitor_id == visitor_id)
        .with_for_update()  # a form sent twice makes one replacement, not two
    )
    if old is None:
        raise GrantNotFoundError()
    if old.revoked_at is not None or old.expires_at <= now:
        raise GrantNotFoundError("This consent has already ended.")
    extra = [key for key in attributes if key not in old.attributes]
    if extra:
        raise InvalidGrantError(
            fields=[
                FieldError("attributes", "Only items already shared can be kept.", "not_granted")
            ]
        )
    # Sharing less is always allowed, even once the operator has refused the purpose.
    replacement = await _record(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey(old.purpose),
        attributes=attributes,
        servicer_id=old.servicer_id,
        category=ServicerCategory(old.servicer_category) if old.servicer_category else None,
        expires_at=old.expires_at,
        now=now,
    )
    await revoke(session, visitor_id, grant_id, now)
    return replacement


# Least disclosure: to be reached with official warnings, where one stays and what one reads.
EMERGENCY_ITEMS = ("preferred_languages", "stay")


async def reachable_in_emergencies(session: AsyncSession, visitor_id: uuid.UUID) -> bool:
    """Whether an emergency grant of the visitor's is in force."""
    now = datetime.now(UTC)
    return any(
        g.purpose == PurposeKey.emergency and g.revoked_at is None and g.expires_at > now
        for g in await grants_of(session, visitor_id)
    )


async def reach_in_emergencies(
    session: AsyncSession, keys: PlatformKeys, visitor_id: uuid.UUID
) -> ConsentGrant | None:
    """Let local governments reach the visitor with official warnings where they stay (the
    emergency purpose, for the municipality category), unless an emergency grant is in force."""
    if await reachable_in_emergencies(session, visitor_id):
        return None
    now = datetime.now(UTC)
    return await grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.emergency,
        attributes=EMERGENCY_ITEMS,
        category=ServicerCategory.municipality,
        now=now,
    )


async def unrevoked_grant_count(session: AsyncSession, visitor_id: uuid.UUID) -> int:
    """How many grants the visitor has not revoked, for their home page."""
    return sum(1 for grant in await grants_of(session, visitor_id) if grant.revoked_at is None)


EXPIRY_SCAN = "consent.expired"


async def announce_expired_grants(session: AsyncSession, now: datetime | None = None) -> int:
    """``consent.expired`` for every grant to one servicer whose end passed since the last
    scan (a grant to a category of servicers tells no one)."""
    now = now or datetime.now(UTC)
    since = await webhooks.advance_cursor(session, EXPIRY_SCAN, now)
    if since is None:
        return 0
    ended = await session.execute(
        select(
            ConsentGrant.id,
            ConsentGrant.servicer_id,
            ConsentGrant.visitor_id,
            ConsentGrant.purpose,
            ConsentGrant.expires_at,
            ConsentGrant.live,
        ).where(
            ConsentGrant.servicer_id.is_not(None),
            ConsentGrant.revoked_at.is_(None),
            ConsentGrant.expires_at > since,
            ConsentGrant.expires_at <= now,
        )
    )
    count = 0
    for grant_id, servicer_id, visitor_id, purpose, expires_at, live in ended:
        assert servicer_id is not None
        written = await webhooks.emit(
            session,
            servicer_id,
            "consent.expired",
            {"grant_id": str(grant_id), "purpose": purpose, "expired_at": expires_at.isoformat()},
            visitor_id=visitor_id,
            now=now,
            live=live,
        )
        count += written is not None
    return count
