from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.factories.servicers import make_servicer
from tests.factories.visitors import make_visitor

from omotenashi.consent import receipts, service
from omotenashi.consent.errors import GrantNotFoundError, InvalidGrantError
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.models import Servicer, ServicerCategory
from omotenashi.servicers.purposes import PurposeKey

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STAY = {"arrival": "2026-11-20", "departure": "2026-11-30"}


async def _hotel(session: AsyncSession, name: str = "Hotel Test Ueno") -> Servicer:
    """A hotel the operator approved for check-in and food service."""
    return await approved_servicer(
        session, name, PurposeKey.hotel_check_in, PurposeKey.food_service
    )


async def test_grant_lasts_until_the_end_of_the_departure_day(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, stay=STAY)).id
    hotel = await _hotel(session)
    grant = await service.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )
    assert grant.expires_at == datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)
    assert await service.consented_attributes(
        session, visitor_id, hotel, PurposeKey.hotel_check_in, now=NOW
    ) == {"name", "passport"}
    assert (
        await service.consented_attributes(
            session, visitor_id, hotel, PurposeKey.hotel_check_in, now=grant.expires_at
        )
        == set()
    )


async def test_the_receipt_is_a_signed_kantara_record(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, stay=STAY)).id
    hotel = await _hotel(session)
    grant = await service.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )
    claims = receipts.verify(grant.receipt, keys)
    assert claims["consentReceiptID"] == str(grant.id)
    assert claims["jurisdiction"] == "JP"
    assert claims["piiControllers"][0]["piiController"] == "Hotel Test Ueno"
    purpose = claims["services"][0]["purposes"][0]
    assert purpose["purposeCategory"] == ["hotel_check_in"]
    assert purpose["piiCategory"] == ["name", "passport"]
    assert claims["spiCat"] == ["passport"]
    forged = grant.receipt[:-4] + ("AAAA" if not grant.receipt.endswith("AAAA") else "BBBB")
    with pytest.raises(Exception, match="Signature"):
        receipts.verify(forged, keys)


async def test_revoking_takes_effect_at_once(session: AsyncSession, keys: PlatformKeys) -> None:
    visitor_id = (await make_visitor(session, keys, stay=STAY)).id
    hotel = await _hotel(session)
    grant = await service.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        servicer_id=hotel.id,
        now=NOW,
    )
    await service.revoke(session, visitor_id, grant.id, now=NOW + timedelta(minutes=1))
    assert (
        await service.consented_attributes(
            session, visitor_id, hotel, PurposeKey.hotel_check_in, now=NOW + timedelta(minutes=2)
        )
        == set()
    )


async def test_another_visitor_cannot_revoke_my_grant(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    mine = (await make_visitor(session, keys, stay=STAY)).id
    theirs = (await make_visitor(session, keys, stay=STAY)).id
    hotel = await _hotel(session)
    grant = await service.grant(
        session,
        keys,
        mine,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        servicer_id=hotel.id,
        now=NOW,
    )
    with pytest.raises(GrantNotFoundError):
        await service.revoke(session, theirs, grant.id)


async def test_a_category_grant_covers_every_servicer_of_it_and_no_other(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, stay=STAY)).id
    hotel = await _hotel(session)
    await service.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        category=ServicerCategory.hotel,
        now=NOW,
    )
    assert await service.consented_attributes(
        session, visitor_id, hotel, PurposeKey.hotel_check_in, now=NOW
    ) == {"name"}
    hotel.category = ServicerCategory.retail
    assert (
        await service.consented_attributes(
            session, visitor_id, hotel, PurposeKey.hotel_check_in, now=NOW
        )
        == set()
    )


async def test_a_grant_cannot_reach_beyond_its_purpose(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, stay=STAY)).id
    hotel = await _hotel(session)
    with pytest.raises(InvalidGrantError) as caught:
        await service.grant(
            session,
            keys,
            visitor_id,
            purpose=PurposeKey.food_service,
            attributes=["allergens", "passport"],
            servicer_id=hotel.id,
            now=NOW,
        )
    assert [f.field for f in caught.value.fields] == ["attributes[1]"]
    assert await service.grants_of(session, visitor_id) == []


async def test_no_one_can_consent_to_a_purpose_the_operator_refused_or_has_not_approved(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, stay=STAY)).id
    pending = await make_servicer(session, name="Hotel Pending")
    refused = await _hotel(session, name="Hotel Refused")
    await servicers.decide_purpose(
        session, refused.id, PurposeKey.food_service, approve=False, actor="operator:test"
    )
    for servicer, purpose in (
        (pending, PurposeKey.hotel_check_in),  # applied, not yet decided
        (refused, PurposeKey.food_service),  # refused
        (refused, PurposeKey.tax_free_sale),  # never declared
    ):
        with pytest.raises(PurposeNotApprovedError) as caught:
            await service.grant(
                session,
                keys,
                visitor_id,
                purpose=purpose,
                attributes=["preferred_languages"],
                servicer_id=servicer.id,
                now=NOW,
            )
        assert (caught.value.status, caught.value.code) == (403, "purpose_not_approved")
    assert await service.grants_of(session, visitor_id) == []


async def test_sharing_less_stays_possible_after_the_operator_refuses_the_purpose(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, stay=STAY)).id
    hotel = await _hotel(session)
    grant = await service.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )
    await servicers.decide_purpose(
        session, hotel.id, PurposeKey.hotel_check_in, approve=False, actor="operator:test"
    )
    narrower = await service.narrow(session, keys, visitor_id, grant.id, ["name"], now=NOW)
    assert narrower.attributes == ["name"]
