"""The cards and phones a visitor presents, linked through the product's own services."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import Carrier, CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.security.keys import PlatformKeys


def carrier_keys(keys: PlatformKeys | CarrierKeys) -> CarrierKeys:
    return keys if isinstance(keys, CarrierKeys) else CarrierKeys.from_platform(keys)


async def make_card(
    session: AsyncSession,
    keys: PlatformKeys | CarrierKeys,
    visitor_id: uuid.UUID,
    idm: str,
    label: str = "Suica",
    kind: CarrierKind = CarrierKind.ic_card,
) -> Carrier | None:
    """An IC card (``idm``) linked to the visitor (None when another visitor holds it)."""
    return await carriers.link_card(session, carrier_keys(keys), visitor_id, kind, idm, label)


async def make_phone(
    session: AsyncSession,
    keys: PlatformKeys | CarrierKeys,
    visitor_id: uuid.UUID,
    label: str = "My phone",
) -> tuple[Carrier, bytes]:
    """A phone registered as the visitor's carrier, and its secret."""
    return await carriers.register_device(session, carrier_keys(keys), visitor_id, label)
