"""Demo servicers: a hotel, a restaurant, a shop and a tourist information centre in Taitō."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.demo import loader
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service
from omotenashi.servicers.models import Servicer, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PurposeKey

TAITO = "131067"  # Taitō City, Tokyo (JIS X 0402)

DEMO_SERVICERS = (
    (
        "Hotel Sakura Asakusa",
        "ホテルさくら浅草",
        ServicerCategory.hotel,
        {
            PurposeKey.hotel_check_in: "Guest register at the front desk",
            PurposeKey.food_service: "Breakfast restaurant",
            PurposeKey.emergency: "Guest safety",
        },
    ),
    (
        "Kappabashi Soba Nishimura",
        "かっぱ橋 そば 西村",
        ServicerCategory.restaurant,
        {PurposeKey.food_service: "Allergen-aware menu"},
    ),
    (
        "Ueno Okachimachi Drugstore",
        "上野御徒町ドラッグ",
        ServicerCategory.retail,
        {PurposeKey.tax_free_sale: "Tax-free purchase records", PurposeKey.payment: "Cashless"},
    ),
    (
        "Asakusa Culture Tourist Information Center",
        "浅草文化観光センター",
        ServicerCategory.tourist_information,
        {PurposeKey.guidance: "Multilingual signage and guidance"},
    ),
)


@loader
async def load_servicers(session: AsyncSession, keys: PlatformKeys) -> str:
    created = 0
    for name, name_ja, category, purposes in DEMO_SERVICERS:
        exists = await session.scalar(
            select(Servicer.id).where(Servicer.name == name, Servicer.municipality_code == TAITO)
        )
        if exists:
            continue
        servicer = await service.apply(
            session,
            name=name,
            name_ja=name_ja,
            category=category,
            contact_email=f"desk@{name.split()[0].lower()}.example.jp",
            municipality_code=TAITO,
            purposes=purposes,
        )
        for purpose in purposes:
            await service.decide_purpose(
                session, servicer.id, purpose, approve=True, actor="system:demo"
            )
        await service.set_state(
            session, servicer.id, ServicerState.approved, "Demo data", actor="system:demo"
        )
        created += 1
    return f"Servicers: {created} created, {len(DEMO_SERVICERS) - created} already there."
