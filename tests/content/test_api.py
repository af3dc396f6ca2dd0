"""Content over HTTP: a servicer's console, menus visitors read, my menu, and suggestions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import Cast, build_cast
from tests.content.helpers import FakeTranslator, chain

from omotenashi.runtime import Platform
from omotenashi.translation.dependencies import translation_chain
from omotenashi.visitors.catalogue import allergens_on

TOFU = {
    "kind": "dish",
    "title": "胡麻豆腐",
    "body": "胡麻と葛で作った豆腐",
    "allergens": {"sesame": "contains", "soy": "free"},
    "diet": {"vegan": True, "alcohol": False},
}
TEMPURA = {
    "kind": "dish",
    "title": "野菜の天ぷら",
    "allergens": {"sesame": "free", "wheat": "contains"},
    "diet": {"vegan": True},
    "position": 1,
}
HIYAYAKKO = {"kind": "dish", "title": "冷奴", "position": 2}


def today() -> date:
    return datetime.now(UTC).date()


def sesame_label(language: str) -> str:
    return next(rule for rule in allergens_on(today()) if rule.key == "sesame").label(language)


@pytest.fixture
def machine(app: FastAPI) -> FakeTranslator:
    """The engine the app's translation chain uses (the app is made anew for each test)."""
    fake = FakeTranslator()
    app.dependency_overrides[translation_chain] = lambda: chain(fake)
    return fake


@pytest.fixture
async def cast(session: AsyncSession, platform: Platform) -> Cast:
    return await build_cast(session, platform)


async def _create(client: httpx.AsyncClient, cast: Cast, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/servicer/content", json=body, headers=cast.x.admin)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_an_administrator_writes_translates_and_post_edits_a_dish(
    client: httpx.AsyncClient, cast: Cast, machine: FakeTranslator
) -> None:
    tofu = await _create(client, cast, TOFU)
    assert (tofu["allergens"], tofu["diet"]) == (TOFU["allergens"], TOFU["diet"])

    translated = await client.post(
        f"/v1/servicer/content/{tofu['id']}/translate",
        json={"languages": ["vi"]},
        headers=cast.x.backend,
    )
    edited = await client.put(
        f"/v1/servicer/content/{tofu['id']}/translations/vi/title",
        json={"text": "Đậu phụ mè"},
        headers=cast.x.admin,
    )

    assert translated.status_code == 200, translated.text
    assert [(r["field"], r["state"], r["engine"]) for r in translated.json()["results"]] == [
        ("title", "translated", "fake-mt"),
        ("body", "translated", "fake-mt"),
    ]
    assert edited.status_code == 200, edited.text
    rows = {row["field"]: row for row in edited.json()["translations"]}
    assert (rows["title"]["text"], rows["title"]["provenance"]) == ("Đậu phụ mè", "human")
    assert rows["title"]["edited_by"].startswith("staff:")
    assert (rows["body"]["provenance"], rows["body"]["engine"]) == ("machine", "fake-mt")
    listed = await client.get("/v1/servicer/content?kind=dish", headers=cast.x.admin)
    assert [item["id"] for item in listed.json()] == [tofu["id"]]


async def test_without_an_engine_the_console_shows_what_needs_translation(
    client: httpx.AsyncClient, cast: Cast, app: FastAPI
) -> None:
    app.dependency_overrides[translation_chain] = lambda: chain(None)
    tofu = await _create(client, cast, TOFU)

    translated = await client.post(
        f"/v1/servicer/content/{tofu['id']}/translate",
        json={"languages": ["th"]},
        headers=cast.x.admin,
    )

    assert [(r["state"], r["reason"]) for r in translated.json()["results"]] == [
        ("needs_translation", "no_engine"),
        ("needs_translation", "no_engine"),
    ]
    assert {row["needs_translation"] for row in translated.json()["item"]["translations"]} == {True}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"title": "乗っ取り"}),
        ("DELETE", "", None),
        ("POST", "/translate", {"languages": ["en"]}),
        ("PUT", "/translations/en/title", {"text": "Hijacked"}),
    ],
)
async def test_another_servicer_cannot_see_or_touch_an_item(
    client: httpx.AsyncClient,
    cast: Cast,
    machine: FakeTranslator,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    tofu = await _create(client, cast, TOFU)
    url = f"/v1/servicer/content/{tofu['id']}{path}"

    expected = {"Y admin": 404, "X clerk": 403, "visitor A": 403, "anonymous": 401}
    for caller, status in expected.items():
        response = await client.request(method, url, json=body, headers=cast.callers[caller])
        assert response.status_code == status, (caller, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    still = await client.get(f"/v1/servicer/content/{tofu['id']}", headers=cast.x.admin)
    assert still.json()["title"] == "胡麻豆腐"
    assert still.json()["translations"] == []


async def test_visitors_read_a_menu_in_their_language_and_are_told_what_is_untranslated(
    client: httpx.AsyncClient, cast: Cast, machine: FakeTranslator
) -> None:
    tofu = await _create(client, cast, TOFU)
    await _create(client, cast, TEMPURA)
    await client.post(
        f"/v1/servicer/content/{tofu['id']}/translate",
        json={"languages": ["vi"]},
        headers=cast.x.admin,
    )

    menu = await client.get(
        f"/v1/servicers/{cast.x.servicer.id}/menu", headers={"accept-language": "vi-VN,vi;q=0.9"}
    )

    assert menu.status_code == 200, menu.text
    assert menu.json()["language"] == "vi"
    translated, untranslated = menu.json()["items"]
    assert translated["title"] == {
        "text": "[vi] 胡麻豆腐",
        "language": "vi",
        "translated": True,
        "machine_translated": True,
    }
    assert untranslated["title"] == {
        "text": "野菜の天ぷら",
        "language": "ja",
        "translated": False,
        "machine_translated": False,
    }
    assert "engine" not in menu.text
    assert "provenance" not in menu.text
    sesame = next(tag for tag in translated["allergens"] if tag["key"] == "sesame")
    assert sesame == {"key": "sesame", "label": sesame_label("vi"), "value": "contains"}
    assert len(translated["allergens"]) == len(allergens_on(today()))


async def test_my_menu_sorts_dishes_by_my_profile_and_names_conflicts_in_my_language(
    client: httpx.AsyncClient, cast: Cast
) -> None:
    for body in (TOFU, TEMPURA, HIYAYAKKO):
        await _create(client, cast, body)
    profile = await client.patch(
        "/v1/me/profile",
        json={"dietary_needs": ["vegan"], "allergens": ["sesame"]},
        headers=cast.a.headers,
    )
    assert profile.status_code == 200, profile.text

    menu = await client.get(f"/v1/me/menu/{cast.x.servicer.id}?language=vi", headers=cast.a.headers)

    assert menu.status_code == 200, menu.text
    body = menu.json()
    assert [d["title"]["text"] for d in body["fits"]] == ["野菜の天ぷら"]
    assert [d["title"]["text"] for d in body["avoid"]] == ["胡麻豆腐"]
    assert [d["title"]["text"] for d in body["unknown"]] == ["冷奴"]
    [conflict] = body["avoid"][0]["conflicts"]
    assert conflict == {
        "kind": "allergen",
        "key": "sesame",
        "label": sesame_label("vi"),
        "value": "contains",
    }
    assert body["avoiding"]["allergens"] == [sesame_label("vi")]
    assert {(f["key"], f["value"]) for f in body["unknown"][0]["unknown"]} == {
        ("sesame", "unknown"),
        ("vegan", "unknown"),
    }


async def test_a_suggestion_goes_from_a_visitor_to_a_moderator_and_onto_the_menu(
    client: httpx.AsyncClient, cast: Cast, machine: FakeTranslator
) -> None:
    tofu = await _create(client, cast, TOFU)
    await client.post(
        f"/v1/servicer/content/{tofu['id']}/translate",
        json={"languages": ["en"]},
        headers=cast.x.admin,
    )

    suggested = await client.post(
        f"/v1/content/{tofu['id']}/suggestions",
        json={"language": "en", "field": "title", "text": "Sesame tofu"},
        headers=cast.a.headers,
    )
    waiting = await client.get("/v1/servicer/suggestions", headers=cast.x.admin)
    elsewhere = await client.get("/v1/servicer/suggestions", headers=cast.y.admin)
    accepted = await client.post(
        f"/v1/operator/suggestions/{suggested.json()['id']}/accept", headers=cast.operator
    )
    again = await client.post(
        f"/v1/servicer/suggestions/{suggested.json()['id']}/reject", headers=cast.x.admin
    )

    assert suggested.status_code == 201, suggested.text
    assert suggested.json()["state"] == "pending"
    [moderated] = waiting.json()
    assert (moderated["source_text"], moderated["current_text"]) == ("胡麻豆腐", "[en] 胡麻豆腐")
    assert str(cast.a.id) not in waiting.text
    assert elsewhere.json() == []
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"] == "accepted"
    assert again.status_code == 409
    menu = await client.get(f"/v1/servicers/{cast.x.servicer.id}/menu?language=en")
    assert menu.json()["items"][0]["title"] == {
        "text": "Sesame tofu",
        "language": "en",
        "translated": True,
        "machine_translated": False,
    }


@pytest.mark.parametrize(
    ("method", "path", "body", "fields"),
    [
        (
            "POST",
            "/v1/servicer/content",
            {**TOFU, "allergens": {"tofu": "contains"}},
            ["allergens.tofu"],
        ),
        ("POST", "/v1/servicer/content", {**TOFU, "allergens": {"egg": "maybe"}}, None),
        ("POST", "/v1/servicer/content", {**TOFU, "venue": "上野"}, ["venue"]),
        (
            "POST",
            "/v1/servicer/content",
            {"kind": "event", "title": "祭り", "starts_at": "2027-04-01T10:00:00"},
            ["starts_at"],
        ),
        ("POST", "/v1/servicer/content", {**TOFU, "title": "胡麻\x00豆腐"}, ["body.title"]),
        ("PATCH", "/v1/servicer/content/{item}", {"title": None}, ["body.title"]),
        ("POST", "/v1/servicer/content/{item}/translate", {"languages": ["ja"]}, ["languages[0]"]),
        ("POST", "/v1/servicer/content/{item}/translate", {"languages": ["xx"]}, ["languages[0]"]),
        ("PUT", "/v1/servicer/content/{item}/translations/en/venue", {"text": "x"}, ["field"]),
        (
            "PUT",
            "/v1/servicer/content/{item}/translations/en/title",
            {"text": "x", "licence": "all rights reserved"},
            ["licence"],
        ),
        ("GET", "/v1/servicers/{servicer}/menu?language=xx", None, ["language"]),
    ],
)
async def test_bad_input_is_a_problem_naming_the_field(
    client: httpx.AsyncClient,
    cast: Cast,
    machine: FakeTranslator,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    fields: list[str] | None,
) -> None:
    tofu = await _create(client, cast, TOFU)
    url = path.format(item=tofu["id"], servicer=cast.x.servicer.id)

    response = await client.request(method, url, json=body, headers=cast.x.admin)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    named = [error["field"] for error in response.json()["errors"]]
    if fields is None:
        assert named
    else:
        assert named == fields


async def test_a_suspended_servicers_menu_is_not_found(
    client: httpx.AsyncClient, cast: Cast
) -> None:
    await _create(client, cast, TOFU)
    await client.post(
        f"/v1/operator/servicers/{cast.x.servicer.id}/state",
        json={"state": "suspended", "reason": "Inspection"},
        headers=cast.operator,
    )

    menu = await client.get(f"/v1/servicers/{cast.x.servicer.id}/menu")

    assert menu.status_code == 404
