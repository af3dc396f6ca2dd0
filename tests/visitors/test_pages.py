from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.pages import post_form, signed_in_visitor, text_of

from omotenashi import i18n
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import pages
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor, VisitorAttribute

# ICAO Doc 9303 Part 4 specimen (Anna Maria Eriksson of Utopia).
SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


async def test_each_step_is_kept_and_coming_back_resumes_where_the_visitor_stopped(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="th")
    assert (await client.get("/register")).headers["location"] == "/register/about"
    saved = await post_form(
        client,
        "/register/about",
        {"surname": "Srisuk", "given_names": "Somchai", "nationality": "TH", "sex": "M"},
        form_page="/register/about",
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/register/passport"
    # The tab is closed; a later visit starts at the first step not yet answered.
    assert (await client.get("/register")).headers["location"] == "/register/passport"
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["name"] == {"surname": "Srisuk", "given_names": "Somchai"}
    assert profile["nationality"] == "TH"


async def test_a_wrong_answer_is_named_beside_its_field_in_the_visitor_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="vi")
    refused = await post_form(
        client,
        "/register/stay",
        {"arrival": "2026-12-05", "departure": "2026-11-25", "prefecture": "13"},
        form_page="/register/stay",
    )
    assert refused.status_code == 422
    message = i18n.translations("vi").gettext(pages.FIELD_MESSAGES["date_order"])
    assert message in text_of(refused)
    assert 'id="f-stay-departure"' in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert "stay" not in await visitors.read_profile(session, keyring, me)


async def test_the_passport_is_read_from_the_mrz_and_stored_sealed(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring)
    saved = await post_form(
        client, "/register/passport", {"mrz": SPECIMEN}, form_page="/register/passport"
    )
    assert saved.status_code == 303
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["passport"]["number"] == "L898902C3"
    assert profile["name"] == {"surname": "ERIKSSON", "given_names": "ANNA MARIA"}
    stored = await session.scalar(
        select(VisitorAttribute).where(
            VisitorAttribute.visitor_id == me, VisitorAttribute.key == "passport"
        )
    )
    assert stored is not None
    assert stored.clear_value is None
    assert b"L898902C3" not in (stored.sealed_value or b"")


async def test_the_live_mrz_check_names_the_digit_that_does_not_match(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master), language="ko")
    misread = SPECIMEN.replace("7408122", "7408129")  # one digit of the birth date misread
    answer = await post_form(
        client, "/register/passport/check", {"mrz": misread}, form_page="/register/passport"
    )
    korean = i18n.translations("ko").gettext
    assert korean(pages.FIELD_MESSAGES["mrz.birth_date_check"]) in text_of(answer)
    assert korean(pages.FIELD_MESSAGES["mrz.document_number_check"]) not in text_of(answer)
    good = await post_form(
        client, "/register/passport/check", {"mrz": SPECIMEN}, form_page="/register/passport"
    )
    assert korean("All check digits match.") in text_of(good)
    assert "L898902C3" in good.text


async def test_diet_and_allergies_come_from_the_catalogue_in_the_visitor_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="ja")
    page = await client.get("/register/food")
    assert "ごま" in text_of(page)
    assert "落花生" in text_of(page)
    saved = await post_form(
        client,
        "/register/food",
        {"dietary_needs": ["vegan"], "allergens": ["sesame", "peanut"]},
        form_page="/register/food",
    )
    assert saved.status_code == 303
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["dietary_needs"] == ["vegan"]
    assert sorted(profile["allergens"]) == ["peanut", "sesame"]


async def test_a_family_member_with_a_mistake_is_not_half_registered(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring)
    members = select(func.count()).select_from(Visitor).where(Visitor.registered_by_id == me)
    refused = await post_form(
        client,
        "/register/family",
        {"surname": "Srisuk", "date_of_birth": "2019-02-30"},
        form_page="/register/family",
    )
    assert refused.status_code == 422
    assert await session.scalar(members) == 0
    added = await post_form(
        client,
        "/register/family",
        {"surname": "Srisuk", "given_names": "Malee", "allergens": ["egg"]},
        form_page="/register/family",
    )
    assert added.status_code == 303
    assert await session.scalar(members) == 1
    assert "Malee" in text_of(await client.get("/register/family"))
