"""Servicers as an organisation applies and an operator decides, through the product's own
services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import Servicer, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PurposeKey

OPERATOR = "operator:test"


async def make_servicer(
    session: AsyncSession,
    *,
    name: str = "Hotel Test Ueno",
    name_ja: str = "ホテルテスト上野",
    category: ServicerCategory = ServicerCategory.hotel,
    contact_email: str = "desk@test.example.jp",
    municipality_code: str | None = "131067",
    purposes: Mapping[PurposeKey, str] | Iterable[PurposeKey] | None = None,
    approved: bool = False,
    approved_purposes: Iterable[PurposeKey] | None = None,
) -> Servicer:
    """A servicer that applied for ``purposes`` (check-in by default). It stays pending unless
    ``approved``: then an operator approves each purpose (or only ``approved_purposes``) and
    then the servicer itself."""
    if purposes is None:
        declared: dict[PurposeKey, str] = {PurposeKey.hotel_check_in: "Guest register"}
    elif isinstance(purposes, Mapping):
        declared = dict(purposes)
    else:
        declared = {purpose: "" for purpose in purposes}
    servicer = await servicers.apply(
        session,
        name=name,
        name_ja=name_ja,
        category=category,
        contact_email=contact_email,
        municipality_code=municipality_code,
        purposes=declared,
    )
    if approved:
        for purpose in declared if approved_purposes is None else approved_purposes:
            await servicers.decide_purpose(
                session, servicer.id, purpose, approve=True, actor=OPERATOR
            )
        await servicers.set_state(session, servicer.id, ServicerState.approved, actor=OPERATOR)
    return servicer


async def approved_servicer(session: AsyncSession, name: str, *purposes: PurposeKey) -> Servicer:
    """A hotel in Taitō approved, by an operator, for each of ``purposes``."""
    return await make_servicer(
        session, name=name, purposes={purpose: "" for purpose in purposes}, approved=True
    )
