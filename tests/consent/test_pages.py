from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import post_form, signed_in_visitor, text_of

from omotenashi import i18n
from omotenashi.consent import requests as asks
from omotenashi.consent import service as consent
from omotenashi.resolve import service as resolve
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.purposes import PurposeKey

PROFILE = {
    "name": {"surname": "Santos", "given_names": "Maria"},
    "nationality": "PH",
    "passport": {
        "document_type": "P",
        "number": "P1234567A",
        "issuing_state": "PHL",
        "expiry_date": "2031-05-01",
    },
    "stay": {"arrival": "2026-11-25", "departure": "2026-12-05"},
}


async def test_allowing_hotels_from_the_page_lets_a_hotel_see_only_the_chosen_items(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="tl", profile=PROFILE)
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    form = await client.get("/consents/new?purpose=hotel_check_in")
    assert 'value="hotel" selected' in form.text  # hotels are offered first for check-in
    given = await post_form(
        client,
        "/consents",
        {"purpose": "hotel_check_in", "category": "hotel", "attributes": ["name", "passport"]},
        form_page="/consents/new?purpose=hotel_check_in",
    )
    assert given.status_code == 303
    seen = await resolve.resolve(
        session,
        platform.keys,
        servicer_id=hotel.id,
        visitor_id=me,
        purpose=PurposeKey.hotel_check_in,
    )
    assert sorted(seen.attributes) == ["name", "passport"]
    listing = text_of(await client.get("/consents"))
    tagalog = i18n.translations("tl")
    assert tagalog.pgettext("servicer category", "Hotels and inns") in listing


async def test_nothing_chosen_is_refused_with_a_message_and_nothing_granted(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    me = await signed_in_visitor(client, session, Keyring(platform.keys.master), language="es")
    refused = await post_form(
        client,
        "/consents",
        {"purpose": "food_service", "category": "restaurant"},
        form_page="/consents/new?purpose=food_service",
    )
    assert refused.status_code == 422
    assert i18n.translations("es").gettext("Choose at least one item to share.") in text_of(refused)
    assert await consent.grants_of(session, me) == []


async def test_sharing_less_and_stopping_take_effect_at_once(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="th", profile=PROFILE)
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    grant = await consent.grant(
        session,
        platform.keys,
        me,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "nationality", "passport"],
        servicer_id=hotel.id,
    )
    narrowed = await post_form(
        client,
        f"/consents/{grant.id}/narrow",
        {"attributes": ["name", "nationality"]},
        form_page="/consents",
    )
    assert narrowed.status_code == 303
    now_seen = await consent.consented_attributes(session, me, hotel.id, PurposeKey.hotel_check_in)
    assert now_seen == {"name", "nationality"}
    active = [g for g in await consent.grants_of(session, me) if g.revoked_at is None]
    assert len(active) == 1
    await post_form(client, f"/consents/{active[0].id}/revoke", {}, form_page="/consents")
    # The next page says what was done, once, in the visitor's language.
    done = i18n.translations("th").gettext("Done: they can no longer see your data.")
    assert done in (await client.get("/consents")).text
    assert done not in (await client.get("/consents")).text
    with pytest.raises(ConsentRequiredError):
        await resolve.resolve(
            session,
            platform.keys,
            servicer_id=hotel.id,
            visitor_id=me,
            purpose=PurposeKey.hotel_check_in,
        )


async def test_a_tap_to_consent_request_shows_who_what_and_why_and_is_answered_once(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="ko", profile=PROFILE)
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    asked = await asks.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=me,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
    )
    path = asks.answer_path(asked)
    page = text_of(await client.get(path))
    assert "Hotel Sakura" in page
    assert "ホテルテスト上野" in page
    korean = i18n.translations("ko")
    assert korean.pgettext("purpose", "Hotel check-in") in page
    assert korean.pgettext("attribute", "Passport") in page
    accepted = await post_form(client, f"{path}/accept", {}, form_page=path)
    assert accepted.status_code == 303
    assert korean.gettext("You allowed it. The staff can see it now.") in text_of(
        await client.get(path)
    )
    again = await post_form(client, f"{path}/accept", {}, form_page="/consents")
    assert again.status_code == 409
    seen = await consent.consented_attributes(session, me, hotel.id, PurposeKey.hotel_check_in)
    assert seen == {"name", "passport"}
