"""Restaurants, their dishes and events, and the translation bank's memory, made through the
product's own services."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.servicers import approved_servicer

from omotenashi.content import service as content
from omotenashi.content.dietary import Presence
from omotenashi.content.models import ContentItem, ContentKind
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.translation import service as bank
from omotenashi.translation.tmx import Segment

ADMIN = "staff:test-admin"


async def restaurant(session: AsyncSession, name: str = "Shokudo Test") -> Servicer:
    return await approved_servicer(session, name, PurposeKey.food_service)


async def dish(
    session: AsyncSession,
    servicer: Servicer,
    title: str,
    *,
    body: str = "",
    allergens: Mapping[str, Presence] | None = None,
    diet: Mapping[str, bool] | None = None,
    position: int = 0,
) -> ContentItem:
    return await content.create_item(
        session,
        servicer.id,
        content.Draft(
            kind=ContentKind.dish,
            title=title,
            body=body,
            allergens=allergens or {},
            diet=diet or {},
            position=position,
        ),
        actor=ADMIN,
    )


async def event(
    session: AsyncSession,
    servicer: Servicer,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    tags: Sequence[str] = (),
) -> ContentItem:
    return await content.create_item(
        session,
        servicer.id,
        content.Draft(
            kind=ContentKind.event,
            title=title,
            venue="上野公園",
            starts_at=starts_at,
            ends_at=ends_at,
            tags=tags,
        ),
        actor=ADMIN,
    )


async def remember(
    session: AsyncSession,
    *pairs: tuple[str, str],
    target: str = "en",
    licence: str = "CC-BY-4.0",
    servicer: Servicer | None = None,
) -> bank.Added:
    """Japanese → ``target`` pairs contributed to the bank (by the operator by default)."""
    return await bank.contribute(
        session,
        [Segment("ja", source, target, translated) for source, translated in pairs],
        licence=licence,
        servicer_id=servicer.id if servicer else None,
        source="test",
        actor="staff:test-operator",
    )
