"""Small helpers for content and translation-bank tests: a fake machine translator, a chain
around it, and makers of servicers and items through the product's own services."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer

from omotenashi.content import service as content
from omotenashi.content.dietary import Presence
from omotenashi.content.models import ContentItem, ContentKind
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.translation import service as bank
from omotenashi.translation.engines import MachineTranslationError
from omotenashi.translation.tmx import Segment

ADMIN = "staff:test-admin"


@dataclass
class FakeTranslator:
    """A machine translator that answers ``[<target>] <text>`` and remembers each request, or
    raises ``failure``; it refuses the pairs in ``unsupported``."""

    name: str = "fake-mt"
    failure: MachineTranslationError | None = None
    unsupported: frozenset[tuple[str, str]] = frozenset()
    calls: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)

    def supports(self, source: str, target: str) -> bool:
        return (source, target) not in self.unsupported

    async def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append((tuple(texts), source, target))
        if self.failure is not None:
            raise self.failure
        return [f"[{target}] {text}" for text in texts]


def chain(translator: FakeTranslator | None = None, threshold: float = 0.75) -> bank.Chain:
    return bank.Chain(translator=translator, fuzzy_threshold=threshold)


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
