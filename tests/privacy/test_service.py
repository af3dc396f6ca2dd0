from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer

from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.consent import service as consent
from omotenashi.consent.models import ConsentGrant
from omotenashi.privacy import service
from omotenashi.resolve import service as resolve
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors
from omotenashi.visitors.errors import VisitorNotFoundError
from omotenashi.visitors.models import Visitor

NOW = datetime(2026, 11, 23, 14, 2, tzinfo=UTC)
IDM = "0123456789ABCDEF"


async def _a_visitor_who_has_been_served(
    session: AsyncSession, keys: PlatformKeys
) -> tuple[Visitor, Visitor]:
    keyring = Keyring(keys.master)
    visitor = await visitors.create_visitor(session, keyring)
    await visitors.update_profile(
        session,
        keyring,
        visitor.id,
        {
            "name": {"surname": "NGUYEN", "given_names": "AN"},
            "nationality": "VN",
            "allergens": ["shrimp"],
            "preferred_languages": ["vi"],
        },
    )
    child = await visitors.create_visitor(session, keyring, registered_by=visitor.id)
    await visitors.update_profile(session, keyring, child.id, {"allergens": ["milk"]})
    await carriers.link_card(
        session, CarrierKeys.from_platform(keys), visitor.id, CarrierKind.ic_card, IDM, "Suica"
    )
    restaurant = await approved_servicer(session, "Soba Nishimura", PurposeKey.food_service)
    await consent.grant(
        session,
        keys,
        visitor.id,
        purpose=PurposeKey.food_service,
        attributes=["allergens"],
        servicer_id=restaurant.id,
        now=NOW,
    )
    await resolve.resolve(
        session,
        keys,
        servicer_id=restaurant.id,
        visitor_id=visitor.id,
        purpose=PurposeKey.food_service,
        now=NOW,
    )
    return visitor, child


async def test_export_holds_everything_about_the_visitor_as_json(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor, child = await _a_visitor_who_has_been_served(session, keys)
    exported = json.loads(json.dumps(await service.export(session, keys, visitor.id)))
    assert exported["format"] == "omotenashi-visitor-export/1"
    assert exported["visitor"]["profile"]["allergens"] == ["shrimp"]
    assert exported["family_members"] == [{"id": str(child.id), "profile": {"allergens": ["milk"]}}]
    (card,) = exported["carriers"]
    assert card["label"] == "Suica"
    assert IDM not in json.dumps(exported)
    (grant,) = exported["consents"]
    assert grant["recipient"] == "Soba Nishimura"
    assert grant["receipt_jws"].count(".") == 2
    (seen,) = exported["access_log"]
    assert seen == {
        "at": NOW.isoformat(),
        "servicer": "Soba Nishimura",
        "terminal_id": None,
        "purpose": "food_service",
        "attributes": ["allergens"],
    }


async def test_erase_me_leaves_nothing_and_the_card_no_longer_resolves(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor, child = await _a_visitor_who_has_been_served(session, keys)
    await service.erase_me(session, visitor.id)
    session.expunge_all()
    for model, column in (
        (ConsentGrant, ConsentGrant.visitor_id),
        (AccessLogEntry, AccessLogEntry.visitor_id),
    ):
        left = await session.scalar(
            select(func.count()).select_from(model).where(column.in_([visitor.id, child.id]))
        )
        assert left == 0
    with pytest.raises(VisitorNotFoundError):
        await service.export(session, keys, visitor.id)
    with pytest.raises(CarrierNotFoundError):
        await carriers.find_visitor_by_card(
            session, CarrierKeys.from_platform(keys), CarrierKind.ic_card, IDM
        )
