"""The servicer's content console and the operator's translation bank, as staff see them."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from tests.content.helpers import FakeTranslator, chain
from tests.factories.content import dish, restaurant
from tests.pages import csrf_token, signed_in_staff, signed_in_visitor, text_of

from omotenashi import i18n
from omotenashi.content import service as content
from omotenashi.content.dietary import Presence
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.models import Servicer
from omotenashi.staff.models import Role
from omotenashi.translation import service as bank
from omotenashi.translation.dependencies import translation_chain

JAPANESE = i18n.translations("ja")


@pytest.fixture
def machine(app: FastAPI) -> FakeTranslator:
    fake = FakeTranslator()
    app.dependency_overrides[translation_chain] = lambda: chain(fake)
    return fake


async def _admin(client: httpx.AsyncClient, session: AsyncSession, platform: Platform) -> Servicer:
    shop = await restaurant(session, "Shokudo Console")
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, shop.id)
    return shop


async def _post(client: httpx.AsyncClient, path: str, data: dict[str, object]) -> httpx.Response:
    token = await csrf_token(client, "/console/content")
    return await client.post(path, data={"csrf_token": token, **data})


async def test_an_administrator_writes_a_dish_tags_it_translates_and_post_edits(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, machine: FakeTranslator
) -> None:
    shop = await _admin(client, session, platform)
    assert 'href="/console/content"' in (await client.get("/console")).text

    created = await _post(
        client, "/console/content", {"kind": "dish", "title": "胡麻豆腐", "body": "胡麻と葛"}
    )
    assert created.status_code == 303
    item_path = created.headers["location"]
    found = re.fullmatch(r"/console/content/([0-9a-f-]{36})", item_path)
    assert found is not None
    tagged = await _post(
        client,
        item_path,
        {
            "title": "胡麻豆腐",
            "body": "胡麻と葛",
            "position": "1",
            "allergen.sesame": "contains",
            "allergen.soy": "free",
            "allergen.wheat": "unknown",
            "diet.vegan": "yes",
            "diet.alcohol": "no",
            "diet.meat": "unknown",
        },
    )
    assert tagged.status_code == 303
    item = (await content.items_of(session, shop.id))[0]
    assert content.dish_tags(item).allergens == {
        "sesame": Presence.contains,
        "soy": Presence.free,
    }
    assert content.dish_tags(item).diet == {"vegan": True, "alcohol": False}

    translated = await _post(client, f"{item_path}/translate", {"languages": ["vi", "en"]})
    assert translated.status_code == 303
    edited = await _post(
        client,
        f"{item_path}/translations",
        {"language": "vi", "field": "title", "text": "Đậu phụ mè"},
    )
    assert edited.status_code == 303

    page = text_of(await client.get(item_path))
    assert "[en] 胡麻豆腐" in page
    assert JAPANESE.gettext("Machine translation") in page
    assert "fake-mt" in page  # which engine
    assert JAPANESE.gettext("Edited by a person") in page
    assert "Đậu phụ mè" in page
    # The person's translation is in the memory now: an exact match next time.
    memory = await bank.exact_match(session, "胡麻豆腐", "ja", "vi", servicer_id=shop.id)
    assert memory is not None
    listing = text_of(await client.get("/console/content"))
    assert "胡麻豆腐" in listing
    assert f"{JAPANESE.gettext('Machine translation')}: 3" in listing  # en title, en body, vi body


async def test_bad_input_is_named_on_the_form_never_a_server_error(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, machine: FakeTranslator
) -> None:
    shop = await _admin(client, session, platform)
    tofu = await dish(session, shop, "胡麻豆腐")

    empty = await _post(client, "/console/content", {"kind": "dish", "title": " "})
    event = await _post(
        client, "/console/content", {"kind": "event", "title": "祭り", "starts_at": "tomorrow"}
    )
    no_language = await _post(client, f"/console/content/{tofu.id}/translate", {})
    no_text = await _post(
        client,
        f"/console/content/{tofu.id}/translations",
        {"language": "vi", "field": "title", "text": ""},
    )

    assert empty.status_code == 422
    assert JAPANESE.gettext("Give a title of at most 200 characters.") in text_of(empty)
    assert event.status_code == 422
    assert JAPANESE.gettext("Give the start as a date and time.") in text_of(event)
    assert 'value="祭り"' in event.text  # what was typed is kept
    assert no_language.status_code == 422
    assert no_text.status_code == 422
    assert await content.items_of(session, shop.id) == [tofu]
    too_long = await _post(
        client, f"/console/content/{tofu.id}", {"title": "胡麻豆腐", "body": "胡" * 5001}
    )
    assert too_long.status_code == 422
    assert JAPANESE.gettext("This text is too long.") in text_of(too_long)
    assert "胡" * 5001 in too_long.text  # kept for the person to shorten


async def test_an_administrator_accepts_a_visitors_suggestion(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    shop = await restaurant(session, "Shokudo Suggest")
    tofu = await dish(session, shop, "胡麻豆腐")
    visitor = await signed_in_visitor(client, session, Keyring(platform.keys.master))
    suggestion = await content.suggest(session, visitor, tofu.id, "en", "title", "Sesame tofu")
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, shop.id)

    listing = text_of(await client.get("/console/content"))
    accepted = await _post(client, f"/console/suggestions/{suggestion.id}", {"accept": "true"})

    assert "Sesame tofu" in listing
    assert accepted.status_code == 303
    shown = content.shown(await content.item_of(session, shop.id, tofu.id), "title", "en")
    assert shown is not None
    assert shown.text == "Sesame tofu"
    page = (await client.get("/console/content#suggestions")).text
    waiting = page.split('id="suggestions-title"')[1].split('id="links-title"')[0]
    assert "Sesame tofu" not in waiting  # decided: no longer waiting


async def test_another_servicers_item_is_not_found_and_a_clerk_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    other = await restaurant(session, "Another Shokudo")
    theirs = await dish(session, other, "秘伝のたれ")
    await _admin(client, session, platform)

    assert (await client.get(f"/console/content/{theirs.id}")).status_code == 404
    deleted = await _post(client, f"/console/content/{theirs.id}/delete", {})
    assert deleted.status_code == 404
    assert await content.items_of(session, other.id) == [theirs]

    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, other.id)
    assert (await client.get("/console/content")).status_code == 403


async def test_the_operator_reads_bank_statistics_and_decides_suggestions(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    shop = await restaurant(session, "Shokudo Bank")
    tofu = await dish(session, shop, "胡麻豆腐")
    await content.post_edit(session, shop.id, tofu.id, "vi", "title", "Đậu phụ mè", actor="t")
    visitor = await signed_in_visitor(client, session, Keyring(platform.keys.master))
    suggestion = await content.suggest(session, visitor, tofu.id, "en", "title", "Sesame tofu")
    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)

    console = await client.get("/operator")
    bank_page = await client.get("/operator/translation-bank")
    token = await csrf_token(client, "/operator/translation-bank")
    rejected = await client.post(
        f"/operator/suggestions/{suggestion.id}", data={"csrf_token": token, "accept": "false"}
    )

    assert 'href="/operator/translation-bank"' in console.text
    text = text_of(bank_page)
    assert "ja → vi" in text
    assert "Sesame tofu" in text
    assert rejected.status_code == 303
    assert await content.suggestions(session, servicer_id=None) == []
