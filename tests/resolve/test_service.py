from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer

from omotenashi.consent import service as consent
from omotenashi.resolve import service
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors

NOW = datetime(2026, 11, 23, 14, 2, tzinfo=UTC)
PASSPORT = {
    "document_type": "P",
    "number": "M12345678",
    "issuing_state": "KOR",
    "expiry_date": "2032-01-01",
}


async def _visitor(session: AsyncSession, keys: PlatformKeys) -> uuid.UUID:
    keyring = Keyring(keys.master)
    visitor = await visitors.create_visitor(session, keyring)
    await visitors.update_profile(
        session,
        keyring,
        visitor.id,
        {
            "name": {"surname": "KIM", "given_names": "MINJI"},
            "nationality": "KR",
            "passport": PASSPORT,
            "preferred_languages": ["ko"],
            "allergens": ["buckwheat"],
            "stay": {"arrival": "2026-11-20", "departure": "2026-11-30"},
        },
    )
    return visitor.id


async def test_hotel_sees_exactly_what_was_granted_for_check_in(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = await _visitor(session, keys)
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "nationality", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )
    result = await service.resolve(
        session,
        keys,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        now=NOW,
    )
    assert set(result.attributes) == {"name", "nationality", "passport"}
    assert result.attributes["passport"]["number"] == "M12345678"
    assert "allergens" not in result.attributes
    assert result.language == "ko"
    assert "stay" in result.missing


async def test_no_consent_is_403_consent_required_and_logs_nothing(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = await _visitor(session, keys)
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    with pytest.raises(ConsentRequiredError) as caught:
        await service.resolve(
            session,
            keys,
            servicer_id=hotel.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.hotel_check_in,
            now=NOW,
        )
    assert "passport" in caught.value.extra["missing"]
    assert await service.access_log(session, visitor_id) == []


async def test_a_purpose_the_servicer_is_not_approved_for_gives_nothing(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = await _visitor(session, keys)
    shop = await approved_servicer(session, "Drugstore", PurposeKey.payment)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.tax_free_sale,
        attributes=["passport"],
        servicer_id=shop.id,
        now=NOW,
    )
    with pytest.raises(PurposeNotApprovedError):
        await service.resolve(
            session,
            keys,
            servicer_id=shop.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.tax_free_sale,
            now=NOW,
        )


async def test_every_disclosure_is_in_the_visitors_access_log(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = await _visitor(session, keys)
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )
    terminal = uuid.uuid4()
    await service.resolve(
        session,
        keys,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        terminal_id=terminal,
        now=NOW,
    )
    (entry,) = await service.access_log(session, visitor_id)
    assert (entry.servicer_id, entry.terminal_id, entry.purpose) == (
        hotel.id,
        terminal,
        "hotel_check_in",
    )
    assert entry.attribute_keys == ["name", "passport"]
    assert entry.at == NOW


async def test_subject_ids_are_stable_per_servicer_and_differ_between_servicers(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = await _visitor(session, keys)
    first = await approved_servicer(session, "Soba Nishimura", PurposeKey.food_service)
    second = await approved_servicer(session, "Sushi Asakusa", PurposeKey.food_service)
    for servicer in (first, second):
        await consent.grant(
            session,
            keys,
            visitor_id,
            purpose=PurposeKey.food_service,
            attributes=["allergens"],
            servicer_id=servicer.id,
            now=NOW,
        )

    async def subject(servicer: Servicer) -> str:
        result = await service.resolve(
            session,
            keys,
            servicer_id=servicer.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.food_service,
            now=NOW,
        )
        assert result.attributes == {"allergens": ["buckwheat"]}
        return result.subject

    assert await subject(first) == await subject(first)
    assert await subject(first) != await subject(second)
    assert str(visitor_id) not in await subject(first)
