"""Demo data: the demo drugstore sells tax-free (its records offered as files until it is
connected to the tax office's test environment)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.demo import loader
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import Servicer
from omotenashi.taxfree import service

DEMO_SHOP = "Ueno Okachimachi Drugstore"
DEMO_SETTINGS = service.ShopSettings(
    sender_id="100000000000000000001",
    sales_location_id="0001234",
    seller_name="上野御徒町ドラッグ株式会社",
    tax_location="東京都台東区上野5-1-1",
    store_address="東京都台東区上野5-1-1 1F",
    refund_fee_bps=1000,  # 10 % of the tax, shown before the sale
)


@loader
async def load_tax_free_shop(session: AsyncSession, keys: PlatformKeys) -> str:
    shop_id = await session.scalar(select(Servicer.id).where(Servicer.name == DEMO_SHOP))
    if shop_id is None:
        return "Tax-free: no demo shop."
    if await service.find_shop(session, shop_id) is not None:
        return "Tax-free: the demo shop is already set up."
    await service.configure_shop(session, keys, shop_id, DEMO_SETTINGS)
    return f"Tax-free: {DEMO_SHOP} set up (records as files until connected)."
