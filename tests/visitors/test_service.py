from __future__ import annotations

import os
import uuid
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.visitors import make_visitor

from omotenashi.privacy import service as privacy
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import MasterKey
from omotenashi.visitors import service
from omotenashi.visitors.errors import InvalidProfileError, VisitorNotFoundError
from omotenashi.visitors.models import Visitor, VisitorAttribute

PASSPORT = {
    "document_type": "P",
    "number": "TR1234567",
    "issuing_state": "THA",
    "expiry_date": "2031-05-01",
}


@pytest.fixture(scope="module")
def keyring() -> Keyring:
    return Keyring(MasterKey.from_material(os.urandom(32)))


async def test_passport_and_allergies_are_sealed_at_rest(
    session: AsyncSession, keyring: Keyring
) -> None:
    visitor = await make_visitor(
        session, keyring, passport=PASSPORT, allergens=["peanut"], nationality="TH"
    )
    raw = await session.execute(
        text(
            "SELECT key, clear_value::text, encode(sealed_value, 'escape') "
            "FROM visitor_attributes WHERE visitor_id = :id ORDER BY key"
        ),
        {"id": visitor.id},
    )
    rows = {key: (clear, sealed) for key, clear, sealed in raw}
    assert rows["nationality"][0] == '"TH"'
    for key in ("passport", "allergens"):
        clear, sealed = rows[key]
        assert clear is None
        assert "TR1234567" not in sealed
        assert "peanut" not in sealed
    profile = await service.read_profile(session, keyring, visitor.id)
    assert profile["passport"]["number"] == "TR1234567"
    assert profile["allergens"] == ["peanut"]


async def test_a_bad_field_stores_nothing_and_names_the_field(
    session: AsyncSession, keyring: Keyring
) -> None:
    visitor = await make_visitor(session, keyring, nationality="TH")
    with pytest.raises(InvalidProfileError) as caught:
        await service.update_profile(
            session, keyring, visitor.id, {"nationality": "KR", "dietary_needs": ["halal", "paleo"]}
        )
    assert [f.field for f in caught.value.fields] == ["dietary_needs[1]"]
    assert (await service.read_profile(session, keyring, visitor.id)) == {"nationality": "TH"}


async def test_read_profile_returns_only_the_keys_asked_for(
    session: AsyncSession, keyring: Keyring
) -> None:
    visitor = await make_visitor(
        session, keyring, nationality="VN", passport=PASSPORT, dietary_needs=["vegetarian"]
    )
    assert await service.read_profile(session, keyring, visitor.id, ["dietary_needs"]) == {
        "dietary_needs": ["vegetarian"]
    }


async def test_first_served_language_becomes_the_platform_language(
    session: AsyncSession, keyring: Keyring
) -> None:
    visitor = await make_visitor(session, keyring, preferred_languages=["sv", "th-TH", "en"])
    assert visitor.language == "th"


async def test_none_removes_an_attribute(session: AsyncSession, keyring: Keyring) -> None:
    visitor = await make_visitor(session, keyring, nationality="TH", allergens=["egg"])
    await service.update_profile(session, keyring, visitor.id, {"allergens": None})
    assert await service.read_profile(session, keyring, visitor.id) == {"nationality": "TH"}


async def test_a_parent_registers_children_who_have_no_account(
    session: AsyncSession, keyring: Keyring
) -> None:
    parent = await make_visitor(session, keyring)
    child = await service.create_visitor(session, keyring, registered_by=parent.id)
    await service.update_profile(session, keyring, child.id, {"allergens": ["milk"]})
    assert [member.id for member in await service.family(session, parent.id)] == [child.id]
    with pytest.raises(VisitorNotFoundError):
        await service.create_visitor(session, keyring, registered_by=uuid.uuid4())


async def test_erasure_shreds_the_key_and_removes_family_and_attributes(
    session: AsyncSession, keyring: Keyring
) -> None:
    parent = await make_visitor(session, keyring, passport=PASSPORT)
    child = await service.create_visitor(session, keyring, registered_by=parent.id)
    assert await privacy.erase(session, [parent.id]) == 1
    session.expunge_all()
    assert await session.get(Visitor, child.id) is None
    left = await session.scalars(
        select(VisitorAttribute).where(VisitorAttribute.visitor_id.in_([parent.id, child.id]))
    )
    assert left.all() == []
    with pytest.raises(VisitorNotFoundError):
        await service.read_profile(session, keyring, parent.id)


async def test_departed_visitors_are_erased_after_the_retention_unless_kept(
    session: AsyncSession, keyring: Keyring
) -> None:
    stay = {"arrival": "2026-10-01", "departure": "2026-10-10"}
    gone = await make_visitor(session, keyring, stay=stay)
    kept = await make_visitor(session, keyring, stay=stay)
    kept.keep_after_departure = True
    recent = await make_visitor(
        session, keyring, stay={"arrival": "2026-11-01", "departure": "2026-11-20"}
    )
    await session.flush()
    assert gone.departure == date(2026, 10, 10)
    erased = await privacy.erase_departed(session, today=date(2026, 11, 23), retention_days=30)
    assert erased >= 1
    session.expunge_all()
    assert await session.get(Visitor, gone.id) is None
    assert await session.get(Visitor, kept.id) is not None
    assert await session.get(Visitor, recent.id) is not None
