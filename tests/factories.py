"""Small explicit helpers that make test data through the product's own services."""

from __future__ import annotations

import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import Servicer, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PurposeKey


def platform_keys() -> PlatformKeys:
    """Fresh keys, as a production deployment would hold them (no database password)."""
    return PlatformKeys(
        master=MasterKey.from_material(os.urandom(32)), signing_key=Ed25519PrivateKey.generate()
    )


async def approved_servicer(session: AsyncSession, name: str, *purposes: PurposeKey) -> Servicer:
    """A hotel in Taitō approved, by an operator, for each of ``purposes``."""
    servicer = await servicers.apply(
        session,
        name=name,
        name_ja="ホテルテスト上野",
        category=ServicerCategory.hotel,
        contact_email="desk@test.example.jp",
        municipality_code="131067",
        purposes={purpose: "" for purpose in purposes},
    )
    for purpose in purposes:
        await servicers.decide_purpose(
            session, servicer.id, purpose, approve=True, actor="operator:test"
        )
    await servicers.set_state(session, servicer.id, ServicerState.approved, actor="operator:test")
    return servicer
