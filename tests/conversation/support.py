"""Conversation test data, made through the product's own services: a restaurant with a till,
and a visitor it has just resolved there."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.payments import merchant, terminal_client, visitor

from omotenashi.resolve import service as resolve
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey


@dataclass(frozen=True)
class AtTheTill:
    servicer: Servicer
    terminal_id: uuid.UUID
    visitor_id: uuid.UUID
    subject: str  # what the till's resolve answered


async def resolved_at_the_till(
    session: AsyncSession, keys: PlatformKeys, *, language: str = "ne", name: str = "Till"
) -> AtTheTill:
    shop = await merchant(session, f"Shop {name} {uuid.uuid4().hex[:6]}")
    till, _ = await terminal_client(session, shop, "Till 1")
    visitor_id = await visitor(session, keys, card=uuid.uuid4().hex[:16].upper(), language=language)
    resolution = await resolve.resolve(
        session,
        keys,
        servicer_id=shop.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.payment,
        terminal_id=till.id,
    )
    return AtTheTill(shop, till.id, visitor_id, resolution.subject)
