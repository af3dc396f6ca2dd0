from __future__ import annotations

from datetime import date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import post_form, signed_in_visitor, text_of

from omotenashi import i18n
from omotenashi.consent import service as consents
from omotenashi.japan import JST
from omotenashi.registration import pages
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import catalogue, validity
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor, VisitorAttribute
from omotenashi.visitors.validity import PassportValidity

# ICAO Doc 9303 Part 4 specimen (Anna Maria Eriksson of Utopia).
SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


async def test_each_step_is_kept_and_coming_back_resumes_where_the_visitor_stopped(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="th")
    assert (await client.get("/register")).headers["location"] == "/register/passport"
    saved = await post_form(
        client, "/register/passport", {"mrz": SPECIMEN}, form_page="/register/passport"
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/register/about"
    # The next step says the last one was saved, in Thai, and only once.
    assert i18n.translations("th").gettext("Saved.") in (await client.get("/register/about")).text
    assert 'class="flash"' not in (await client.get("/register/about")).text
    # The tab is closed; a later visit starts at the first step not yet answered.
    assert (await client.get("/register")).headers["location"] == "/register/about"
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["name"] == {"surname": "ERIKSSON", "given_names": "ANNA MARIA"}
    assert profile["sex"] == "F"


async def test_about_you_shows_what_the_passport_holds_and_asks_only_the_rest(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(
        client, session, keyring, language="km", profile={"email": "sok@example.com"}
    )
    await post_form(client, "/register/passport", {"mrz": SPECIMEN}, form_page="/register/passport")
    page = await client.get("/register/about")
    assert "ERIKSSON ANNA MARIA" in text_of(page)
    assert 'name="surname"' not in page.text
    assert 'name="date_of_birth"' not in page.text
    # Utopia is no country, so the nationality is the one fact still asked.
    assert 'name="nationality"' in page.text
    assert 'value="sok@example.com"' in page.text
    saved = await post_form(
        client,
        "/register/about",
        {
            "nationality": "KH",
            "address_country": "KH",
            "address": "ផ្ទះលេខ ១២ ផ្លូវ ៣៦០\nភ្នំពេញ",
            "phone": "+855 12 345 678",
            "email": "sok@example.com",
        },
        form_page="/register/about",
    )
    assert saved.status_code == 303, text_of(saved)
    assert saved.headers["location"] == "/register/stay"
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["name"] == {"surname": "ERIKSSON", "given_names": "ANNA MARIA"}
    assert profile["home_address"] == {"country": "KH", "lines": ["ផ្ទះលេខ ១២ ផ្លូវ ៣៦០", "ភ្នំពេញ"]}
    assert profile["phone"] == "+85512345678"
    assert profile["email"] == "sok@example.com"


@pytest.mark.parametrize(
    ("form", "field", "code"),
    [
        (
            {"address_country": "", "address": "", "phone": "", "email": ""},
            "home_address.country",
            "invalid_country",
        ),
        (
            {"address_country": "TH", "address": "", "phone": "+66 2 123 4567"},
            "home_address.lines",
            "required",
        ),
        (
            {"address_country": "TH", "address": "Bangkok", "phone": "", "email": ""},
            "phone",
            "required",
        ),
        (
            {"address_country": "TH", "address": "Bangkok", "phone": "0812345678"},
            "phone",
            "invalid_phone",
        ),
    ],
)
async def test_about_you_names_each_missing_or_wrong_answer_in_the_visitor_language(
    form: dict[str, str],
    field: str,
    code: str,
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(
        client, session, keyring, language="th", profile={"name": {"surname": "Srisuk"}}
    )
    refused = await post_form(client, "/register/about", form, form_page="/register/about")
    assert refused.status_code == 422
    assert i18n.translations("th").gettext(pages.FIELD_MESSAGES[code]) in text_of(refused)
    assert f'id="f-{field.replace(".", "-")}"' in refused.text
    assert "home_address" not in await visitors.read_profile(session, keyring, me)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"mrz": ""}, "mrz.empty"),
        ({"mrz": SPECIMEN.replace("7408122", "7408129")}, "mrz.birth_date_check"),
        ({"mrz": "P<UTOERIKSSON"}, "mrz.line_count"),
        ({"number": "L898902C3", "expiry_date": "2031-04-15"}, "required"),
        (
            {"number": "L898902C3", "issuing_state": "KH", "expiry_date": "2031-02-30"},
            "invalid_date",
        ),
    ],
    ids=["empty", "wrong-check-digit", "one-line", "no-country", "no-such-day"],
)
async def test_a_passport_mistake_is_a_message_in_the_visitor_language_never_a_500(
    form: dict[str, str],
    code: str,
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="km")
    refused = await post_form(client, "/register/passport", form, form_page="/register/passport")
    assert refused.status_code == 422
    assert i18n.translations("km").gettext(pages.FIELD_MESSAGES[code]) in text_of(refused)
    assert "passport" not in await visitors.read_profile(session, keyring, me)


async def test_a_passport_typed_by_hand_names_its_country_from_a_list(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="th")
    saved = await post_form(
        client,
        "/register/passport",
        {"number": "AA1234567", "issuing_state": "TH", "expiry_date": "2031-04-15"},
        form_page="/register/passport",
    )
    assert saved.status_code == 303
    passport = (await visitors.read_profile(session, keyring, me))["passport"]
    assert passport["issuing_state"] == "THA"


async def test_an_expired_passport_is_saved_with_a_clear_warning(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    await signed_in_visitor(client, session, keyring, language="km")
    await post_form(client, "/register/passport", {"mrz": SPECIMEN}, form_page="/register/passport")
    expired = i18n.translations("km").gettext(validity.MESSAGES[PassportValidity.expired])
    for path in ("/register/passport", "/register/about", "/me"):
        shown = text_of(await client.get(path))
        assert expired.split("%(date)s")[0].strip() in shown, path


async def test_a_passport_expiring_before_departure_is_named(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    await signed_in_visitor(
        client,
        session,
        keyring,
        language="en",
        profile={
            "passport": {
                "document_type": "P",
                "number": "AB123",
                "issuing_state": "THA",
                "expiry_date": "2099-01-10",
            },
            "stay": {"arrival": "2098-12-20", "departure": "2099-01-20"},
        },
    )
    assert "before the departure from Japan" in text_of(await client.get("/me"))


async def test_official_warnings_are_a_choice_nothing_is_chosen_for_the_visitor(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="th")
    page = await client.get("/register/stay")
    assert 'name="warnings" value="yes">' in page.text
    assert "checked" not in page.text
    stay = {"arrival": "2026-12-01", "departure": "2026-12-09", "prefecture": "13"}
    await post_form(client, "/register/stay", stay, form_page="/register/stay")
    assert not await consents.reachable_in_emergencies(session, me)
    await post_form(
        client, "/register/stay", {**stay, "warnings": "yes"}, form_page="/register/stay"
    )
    assert await consents.reachable_in_emergencies(session, me)
    assert 'value="yes" checked' in (await client.get("/register/stay")).text
    await post_form(
        client, "/register/stay", {**stay, "warnings": "no"}, form_page="/register/stay"
    )
    assert not await consents.reachable_in_emergencies(session, me)


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


@pytest.mark.parametrize("typed", ["taito", "Taitō", "たいとう", "タイトウ", "台東"])
async def test_a_town_is_found_by_kanji_kana_or_romaji_and_its_code_is_never_shown(
    typed: str, client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master), language="th")
    found = await client.get("/register/stay/towns", params={"town_query": typed})
    assert found.status_code == 200
    assert 'value="131067"' in found.text  # the form carries the code…
    assert "Taito-ku (台東区)" in text_of(found)
    assert "131067" not in text_of(found)  # …the visitor never reads it


async def test_the_town_picked_by_name_is_where_warnings_reach_the_visitor(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring)
    stay = {"arrival": "2026-12-01", "departure": "2026-12-09", "prefecture": "13"}
    saved = await post_form(
        client, "/register/stay", {**stay, "town_code": "131067"}, form_page="/register/stay"
    )
    assert saved.status_code == 303
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["stay"]["lodging_municipality"] == "131067"
    page = await client.get("/register/stay")
    assert "Taito-ku" in text_of(page)
    assert "131067" not in text_of(page)
    # Typed and not tapped: a name that matches one town only is that town.
    await post_form(
        client, "/register/stay", {**stay, "town_query": "shinjuku"}, form_page="/register/stay"
    )
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["stay"]["lodging_municipality"] == "131041"


@pytest.mark.parametrize(
    ("town", "code"),
    [
        ({"town_code": "271276"}, "municipality_prefecture"),  # Osaka's Kita-ku, in Tokyo
        ({"town_code": "131060"}, "town_choose"),  # no such town
        ({"town_query": "higashi"}, "town_choose"),  # several towns: pick one
    ],
)
async def test_a_town_that_is_not_in_its_prefecture_or_not_known_is_refused(
    town: dict[str, str],
    code: str,
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="ne")
    stay = {"arrival": "2026-12-01", "departure": "2026-12-09", "prefecture": "13"}
    refused = await post_form(
        client, "/register/stay", {**stay, **town}, form_page="/register/stay"
    )
    assert refused.status_code == 422
    assert i18n.translations("ne").gettext(pages.FIELD_MESSAGES[code]) in text_of(refused)
    assert "stay" not in await visitors.read_profile(session, keyring, me)


async def test_the_hotel_picked_from_the_directory_brings_its_town(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    hotel = await approved_servicer(session, "Hotel Ueno", PurposeKey.hotel_check_in)
    me = await signed_in_visitor(client, session, keyring, language="km")
    page = await client.get("/register/stay")
    assert "Hotel Ueno · Taito-ku (台東区)" in text_of(page)
    saved = await post_form(
        client,
        "/register/stay",
        {"arrival": "2026-12-01", "departure": "2026-12-09", "hotel": str(hotel.id)},
        form_page="/register/stay",
    )
    assert saved.status_code == 303
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["stay"]["lodging_municipality"] == "131067"


@pytest.mark.parametrize(
    ("language", "counter"), [("ne", "२"), ("my", "၂"), ("km", "2"), ("th", "2")]
)
async def test_the_step_counter_is_in_the_digits_of_the_page_language(
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    language: str,
    counter: str,
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master), language=language)
    page = await client.get("/register/about")
    expected = i18n.translations(language).gettext("Step %(number)s of %(total)s") % {
        "number": counter,
        "total": i18n.number(language, 7),
    }
    assert expected in text_of(page)


async def test_counts_on_the_home_page_are_in_the_digits_of_the_page_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master), language="my")
    page = text_of(await client.get("/me"))
    permissions = i18n.translations("my").ngettext(
        "%(num)d permission in force", "%(num)d permissions in force", 0
    )
    assert (permissions % {"num": 0}).replace("0", "၀") in page


def _japan_today() -> date:
    return datetime.now(JST).date()


async def test_the_landing_permit_is_entered_with_the_passport_and_stored_sealed(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="th")
    page = await client.get("/register/passport")
    th = i18n.translations("th")
    # Asked in Thai, with the Japanese name a clerk reads from the sticker beside each status.
    assert catalogue.get("status_of_residence").label("th") in text_of(page)
    assert catalogue.get("landing_date").label("th") in text_of(page)
    assert f"{i18n.pgettext('th', 'status of residence', 'Temporary Visitor')} (短期滞在)" in (
        text_of(page)
    )
    assert th.gettext("Your landing permit") in text_of(page)
    landed = _japan_today() - timedelta(days=3)
    saved = await post_form(
        client,
        "/register/passport",
        {"mrz": SPECIMEN, "status_of_residence": "temporary_visitor", "landing_date": str(landed)},
        form_page="/register/passport",
    )
    assert saved.status_code == 303, text_of(saved)
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["status_of_residence"] == "temporary_visitor"
    assert profile["landing_date"] == landed.isoformat()
    for key in ("status_of_residence", "landing_date"):
        stored = await session.scalar(
            select(VisitorAttribute).where(
                VisitorAttribute.visitor_id == me, VisitorAttribute.key == key
            )
        )
        assert stored is not None
        assert stored.clear_value is None
        assert landed.isoformat().encode() not in (stored.sealed_value or b"")
    # Coming back, the saved values are shown and the landing permit alone can be corrected.
    again = await client.get("/register/passport")
    assert 'value="temporary_visitor" selected' in again.text
    corrected = await post_form(
        client,
        "/register/passport",
        {"status_of_residence": "official", "landing_date": str(landed - timedelta(days=1))},
        form_page="/register/passport",
    )
    assert corrected.status_code == 303, text_of(corrected)
    profile = await visitors.read_profile(session, keyring, me)
    assert profile["status_of_residence"] == "official"
    assert profile["passport"]["number"] == "L898902C3"


async def test_a_landing_date_in_the_future_is_refused_with_a_message_in_the_visitor_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="vi")
    tomorrow = str(_japan_today() + timedelta(days=1))
    refused = await post_form(
        client,
        "/register/passport",
        {"mrz": SPECIMEN, "status_of_residence": "temporary_visitor", "landing_date": tomorrow},
        form_page="/register/passport",
    )
    assert refused.status_code == 422
    message = i18n.translations("vi").gettext(pages.FIELD_MESSAGES["future_date"])
    assert message != pages.FIELD_MESSAGES["future_date"]
    assert message in text_of(refused)
    assert 'id="f-landing_date"' in refused.text
    assert 'aria-invalid="true"' in refused.text
    # Nothing of the step is kept: not the passport, not the status.
    assert await visitors.read_profile(session, keyring, me) == {}
    # A landing before the birth the passport's lines give is refused too (born 1974-08-12).
    before_birth = await post_form(
        client,
        "/register/passport",
        {"mrz": SPECIMEN, "landing_date": "1970-01-01"},
        form_page="/register/passport",
    )
    assert before_birth.status_code == 422
    message = i18n.translations("vi").gettext(pages.FIELD_MESSAGES["landing_before_birth"])
    assert message in text_of(before_birth)


@pytest.mark.parametrize("language", [language.code for language in i18n.LANGUAGES])
def test_status_of_residence_and_landing_date_in_every_language(language: str) -> None:
    status = catalogue.get("status_of_residence")
    words = [
        status.label(language),
        catalogue.get("landing_date").label(language),
        *(term.label(language) for term in status.vocabulary or ()),
        *(
            i18n.translations(language).gettext(message)
            for message in (
                pages.FIELD_MESSAGES["future_date"],
                pages.FIELD_MESSAGES["landing_before_birth"],
                "Your landing permit",
                "Most visitors land as a Temporary Visitor (短期滞在).",
            )
        ),
    ]
    english = [
        status.label("en"),
        catalogue.get("landing_date").label("en"),
        *(term.label("en") for term in status.vocabulary or ()),
        pages.FIELD_MESSAGES["future_date"],
        pages.FIELD_MESSAGES["landing_before_birth"],
        "Your landing permit",
        "Most visitors land as a Temporary Visitor (短期滞在).",
    ]
    assert all(word.strip() for word in words)
    if language != i18n.SOURCE_LANGUAGE:
        assert [w for w, e in zip(words, english, strict=True) if w == e] == []
