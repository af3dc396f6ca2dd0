from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.servicers import make_servicer

from omotenashi import demo
from omotenashi.security import audit
from omotenashi.security.audit import AuditEntry
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service
from omotenashi.servicers.errors import (
    InvalidServicerError,
    InvalidTransitionError,
    PurposeNotApprovedError,
    ServicerExistsError,
    ServicerNotFoundError,
)
from omotenashi.servicers.models import ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PURPOSES, PurposeKey


async def test_a_new_servicer_waits_for_the_operator(session: AsyncSession) -> None:
    servicer = await make_servicer(session)
    assert servicer.state is ServicerState.pending
    with pytest.raises(PurposeNotApprovedError):
        await service.attributes_for(session, servicer.id, PurposeKey.hotel_check_in)


async def test_approved_hotel_receives_the_guest_register_items(session: AsyncSession) -> None:
    servicer = await make_servicer(session)
    await service.decide_purpose(
        session, servicer.id, PurposeKey.hotel_check_in, approve=True, actor="operator:test"
    )
    await service.set_state(session, servicer.id, ServicerState.approved, actor="operator:test")
    attributes = await service.attributes_for(session, servicer.id, PurposeKey.hotel_check_in)
    assert {"name", "nationality", "passport", "home_address"} <= set(attributes)
    assert "dietary_needs" not in attributes


async def test_purpose_not_approved_gives_nothing_even_if_servicer_is(
    session: AsyncSession,
) -> None:
    servicer = await make_servicer(
        session, purposes={PurposeKey.hotel_check_in: "register", PurposeKey.tax_free_sale: "shop"}
    )
    await service.decide_purpose(
        session, servicer.id, PurposeKey.hotel_check_in, approve=True, actor="operator:test"
    )
    await service.decide_purpose(
        session, servicer.id, PurposeKey.tax_free_sale, approve=False, actor="operator:test"
    )
    await service.set_state(session, servicer.id, ServicerState.approved, actor="operator:test")
    with pytest.raises(PurposeNotApprovedError):
        await service.attributes_for(session, servicer.id, PurposeKey.tax_free_sale)
    with pytest.raises(PurposeNotApprovedError):
        await service.attributes_for(session, servicer.id, PurposeKey.food_service)


async def test_suspended_servicer_receives_nothing(session: AsyncSession) -> None:
    servicer = await make_servicer(session)
    await service.decide_purpose(
        session, servicer.id, PurposeKey.hotel_check_in, approve=True, actor="operator:test"
    )
    await service.set_state(session, servicer.id, ServicerState.approved, actor="operator:test")
    await service.set_state(
        session, servicer.id, ServicerState.suspended, "Abnormal resolves", actor="operator:test"
    )
    with pytest.raises(PurposeNotApprovedError):
        await service.attributes_for(session, servicer.id, PurposeKey.hotel_check_in)


async def test_an_approved_servicer_cannot_go_back_to_pending(session: AsyncSession) -> None:
    servicer = await make_servicer(session)
    await service.set_state(session, servicer.id, ServicerState.approved, actor="operator:test")
    with pytest.raises(InvalidTransitionError):
        await service.set_state(session, servicer.id, ServicerState.pending, actor="operator:test")


async def test_application_errors_name_every_field(session: AsyncSession) -> None:
    with pytest.raises(InvalidServicerError) as caught:
        await service.apply(
            session,
            name=" ",
            name_ja="",
            category=ServicerCategory.retail,
            contact_email="not-an-email",
            municipality_code="13106",
            purposes={},
        )
    assert {f.field for f in caught.value.fields} == {
        "name",
        "name_ja",
        "contact_email",
        "municipality_code",
        "purposes",
    }


async def test_the_same_name_twice_in_one_municipality_is_a_conflict(
    session: AsyncSession,
) -> None:
    first = await make_servicer(session)
    with pytest.raises(ServicerExistsError):
        await make_servicer(session)
    assert (await service.get(session, first.id)).name == "Hotel Test Ueno"


async def test_unknown_servicer_is_not_found(session: AsyncSession) -> None:
    with pytest.raises(ServicerNotFoundError):
        await service.get(session, uuid.uuid4())


async def test_demo_data_loads_once(session: AsyncSession, keys: PlatformKeys) -> None:
    first = await demo.load(session, keys)
    again = await demo.load(session, keys)
    assert first[0] == "Servicers: 4 created, 0 already there."
    assert again[0] == "Servicers: 0 created, 4 already there."
    assert "created" in first[1]
    assert "already there" in again[1]


def test_tax_free_purpose_carries_the_passport_items_of_the_purchase_record() -> None:
    items = set(PURPOSES[PurposeKey.tax_free_sale].attributes)
    assert {"name", "nationality", "date_of_birth", "passport", "stay"} <= items


async def test_operator_decisions_are_written_to_the_audit_chain(session: AsyncSession) -> None:
    servicer = await make_servicer(session)
    await service.decide_purpose(
        session, servicer.id, PurposeKey.hotel_check_in, approve=True, actor="operator:ops-7"
    )
    await service.set_state(session, servicer.id, ServicerState.approved, actor="operator:ops-7")
    entries = (
        await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.target == f"servicer:{servicer.id}")
            .order_by(AuditEntry.id)
        )
    ).all()
    assert [(e.actor, e.action) for e in entries] == [
        ("operator:ops-7", "servicer.purpose_approved"),
        ("operator:ops-7", "servicer.approved"),
    ]
    assert (await audit.verify(session)).intact
