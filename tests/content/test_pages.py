"""Content pages as people see them: a visitor's menu in three groups, events, suggestions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.content.helpers import FakeTranslator, chain
from tests.factories.content import ADMIN, dish, event, restaurant
from tests.pages import csrf_token, post_form, signed_in_visitor, text_of

from omotenashi import i18n
from omotenashi.content import service as content
from omotenashi.content.dietary import Presence
from omotenashi.content.models import ContentItem
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.models import Servicer

VIETNAMESE = i18n.translations("vi")
VEGAN_NO_SESAME = {"dietary_needs": ["vegan"], "allergens": ["sesame"]}


def vi(message: str) -> str:
    return VIETNAMESE.gettext(message)


async def _menu_of_three(session: AsyncSession) -> tuple[Servicer, dict[str, ContentItem]]:
    shop = await restaurant(session, "Shokudo Ueno")
    tofu = await dish(
        session,
        shop,
        "胡麻豆腐",
        allergens={"sesame": Presence.contains, "soy": Presence.free},
        diet={"vegan": True},
    )
    tempura = await dish(
        session,
        shop,
        "野菜の天ぷら",
        allergens={"sesame": Presence.free, "wheat": Presence.contains},
        diet={"vegan": True},
        position=1,
    )
    hiyayakko = await dish(session, shop, "冷奴", position=2)
    await content.translate_item(
        session, chain(FakeTranslator()), shop.id, tempura.id, ["vi"], actor=ADMIN
    )
    await content.post_edit(session, shop.id, tofu.id, "vi", "title", "Đậu phụ mè", actor=ADMIN)
    return shop, {"tofu": tofu, "tempura": tempura, "hiyayakko": hiyayakko}


async def test_a_vegan_visitor_allergic_to_sesame_sees_three_groups_in_vietnamese(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    shop, _ = await _menu_of_three(session)
    await signed_in_visitor(
        client, session, Keyring(platform.keys.master), language="vi", profile=VEGAN_NO_SESAME
    )

    page = await client.get(f"/menus/{shop.id}")

    assert page.status_code == 200
    text = text_of(page)
    fits = text.index(vi("Fits you"))
    avoid = text.index(vi("Contains something you avoid"))
    unknown = text.index(vi("Not enough information"))
    assert fits < text.index("[vi] 野菜の天ぷら") < avoid  # the machine's translation
    assert avoid < text.index("Đậu phụ mè") < unknown  # a person's translation
    assert unknown < text.index("冷奴")  # nothing known: never said to fit
    assert "Vừng" in text[avoid:unknown] or "vừng" in text[avoid:unknown]  # names the sesame
    # Only the machine's translation carries the mark; the untranslated dish says so.
    assert text.count(vi("Machine-translated")) == 1
    assert vi("Not translated yet") in text[unknown:]
    assert 'lang="ja">冷奴' in page.text


async def test_a_visitor_who_avoids_nothing_is_asked_to_say_what_they_avoid(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    shop, _ = await _menu_of_three(session)
    await signed_in_visitor(client, session, Keyring(platform.keys.master))

    text = text_of(await client.get(f"/menus/{shop.id}"))

    assert "You have not said what you avoid. Add it to sort this menu for you." in text


async def test_a_menu_asks_to_sign_in_first_and_an_unknown_restaurant_is_not_found(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    shop, _ = await _menu_of_three(session)
    first = await client.get(f"/menus/{shop.id}")
    assert first.status_code == 303
    assert first.headers["location"] == f"/signin?next=/menus/{shop.id}"

    await signed_in_visitor(client, session, Keyring(platform.keys.master))
    missing = await client.get(
        "/menus/00000000-0000-0000-0000-000000000000", headers={"accept": "text/html"}
    )
    assert missing.status_code == 404
    assert "<html" in missing.text


async def test_a_visitor_suggests_a_better_translation_from_the_menu(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    shop, dishes = await _menu_of_three(session)
    await signed_in_visitor(
        client, session, Keyring(platform.keys.master), language="vi", profile=VEGAN_NO_SESAME
    )
    menu = f"/menus/{shop.id}"
    form = {"item_id": str(dishes["tempura"].id), "field": "title", "back": menu}

    sent = await post_form(
        client, "/suggestions", {**form, "text": "Rau củ tẩm bột chiên"}, form_page=menu
    )
    again = await post_form(client, "/suggestions", {**form, "text": "  "}, form_page=menu)

    assert sent.status_code == 200
    assert vi("Thank you. The business will check your suggestion.") in text_of(sent)
    assert f'href="{menu}"' in sent.text
    assert again.status_code == 422
    waiting = await content.suggestions(session, servicer_id=shop.id)
    assert [view.suggestion.text for view in waiting] == ["Rau củ tẩm bột chiên"]


async def test_the_access_log_links_a_restaurant_visit_to_my_menu(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    from omotenashi.consent import service as consent
    from omotenashi.resolve import service as resolve
    from omotenashi.servicers.purposes import PurposeKey

    shop, _ = await _menu_of_three(session)
    keyring = Keyring(platform.keys.master)
    visitor_id = await signed_in_visitor(
        client, session, keyring, language="en", profile=VEGAN_NO_SESAME
    )
    await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=PurposeKey.food_service,
        attributes=["dietary_needs", "allergens"],
        servicer_id=shop.id,
    )
    await resolve.resolve(
        session,
        platform.keys,
        servicer_id=shop.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.food_service,
    )

    page = await client.get("/access")

    assert f'href="/menus/{shop.id}"' in page.text


async def test_events_are_public_and_filtered_by_interest_and_the_visitors_languages(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    venue = await restaurant(session, "Ueno Park Office")
    soon = datetime.now(UTC) + timedelta(days=1)
    festival = await event(session, venue, "上野夏祭り", soon, tags=["food", "music"])
    await event(session, venue, "茶会", soon + timedelta(hours=2), tags=["culture"])
    await event(session, venue, "終わった祭り", soon - timedelta(days=3))
    await content.post_edit(
        session, venue.id, festival.id, "en", "title", "Ueno Summer Festival", actor=ADMIN
    )

    anyone = text_of(await client.get("/events?lang=en"))
    food = text_of(await client.get("/events?lang=en&tag=food"))
    await signed_in_visitor(
        client,
        session,
        Keyring(platform.keys.master),
        language="en",
        profile={"preferred_languages": ["en"]},
    )
    mine = text_of(await client.get("/events"))

    assert "Ueno Summer Festival" in anyone
    assert "茶会" in anyone
    assert "終わった祭り" not in anyone
    assert "茶会" not in food
    assert 'href="/events?tag=culture"' in (await client.get("/events?tag=food")).text
    assert "Ueno Summer Festival" in mine
    assert "茶会" not in mine  # not yet in a language this visitor reads
    assert "Show 1 more event not yet in your languages" in mine


async def test_a_suggestion_is_refused_kindly_when_it_changes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    shop, dishes = await _menu_of_three(session)
    await signed_in_visitor(client, session, Keyring(platform.keys.master), language="vi")
    menu = f"/menus/{shop.id}"
    token = await csrf_token(client, menu)

    same = await client.post(
        "/suggestions",
        data={
            "csrf_token": token,
            "item_id": str(dishes["tofu"].id),
            "field": "title",
            "text": "Đậu phụ mè",
            "back": "https://elsewhere.example/",
        },
    )

    assert same.status_code == 422
    assert vi("This is the translation shown now.") in text_of(same)
    assert 'href="https://elsewhere.example/"' not in same.text
    assert await content.suggestions(session, servicer_id=shop.id) == []
