"""The translation bank over HTTP: contributions with a licence, the operator's statistics,
and what a translating route says when the engine is misconfigured."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import Cast, build_cast

from omotenashi.runtime import Platform
from omotenashi.translation.config import ENV_PREFIX

SEGMENTS = [
    {"source_lang": "ja", "source_text": "お手洗い", "target_lang": "en", "target_text": "Toilet"},
    {"source_lang": "ja", "source_text": "出口", "target_lang": "en", "target_text": "Exit"},
]


@pytest.fixture
async def cast(session: AsyncSession, platform: Platform) -> Cast:
    return await build_cast(session, platform)


async def test_the_operator_contributes_segments_once_under_a_licence(
    client: httpx.AsyncClient, cast: Cast
) -> None:
    body = {"segments": SEGMENTS, "licence": "CC-BY-4.0", "source": "Station signage glossary"}

    first = await client.post(
        "/v1/operator/translation-bank/segments", json=body, headers=cast.operator
    )
    again = await client.post(
        "/v1/operator/translation-bank/segments", json=body, headers=cast.operator
    )

    assert first.status_code == 201, first.text
    assert first.json() == {"added": 2, "duplicates": 0}
    assert again.json() == {"added": 0, "duplicates": 2}
    audit = await client.get("/v1/operator/audit", headers=cast.operator)
    assert audit.json()[0]["action"] == "translation_bank.contribution"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"segments": SEGMENTS, "licence": "free for all!"}, ["licence"]),
        (
            {"segments": [{**SEGMENTS[0], "target_lang": "ja"}], "licence": "CC0-1.0"},
            ["segments[0].target_lang"],
        ),
        (
            {"segments": [{**SEGMENTS[0], "source_text": " "}], "licence": "CC0-1.0"},
            ["segments[0].source_text"],
        ),
        ({"segments": [], "licence": "CC0-1.0"}, ["body.segments"]),
    ],
)
async def test_a_bad_contribution_is_a_problem_naming_the_field(
    client: httpx.AsyncClient, cast: Cast, body: dict[str, Any], fields: list[str]
) -> None:
    response = await client.post(
        "/v1/servicer/translation-bank/segments", json=body, headers=cast.x.admin
    )

    assert response.status_code == 422, response.text
    assert [error["field"] for error in response.json()["errors"]] == fields


async def test_statistics_show_each_pair_its_contributors_and_provenance_shares(
    client: httpx.AsyncClient, cast: Cast
) -> None:
    await client.post(
        "/v1/operator/translation-bank/segments",
        json={"segments": SEGMENTS, "licence": "CC-BY-4.0"},
        headers=cast.operator,
    )
    await client.post(
        "/v1/servicer/translation-bank/segments",
        json={"segments": SEGMENTS[:1], "licence": "contributor-only"},
        headers=cast.x.backend,
    )
    created = await client.post(
        "/v1/servicer/content",
        json={"kind": "notice", "title": "お手洗い", "body": "二階にございます"},
        headers=cast.x.admin,
    )
    await client.post(
        f"/v1/servicer/content/{created.json()['id']}/translate",
        json={"languages": ["en"]},
        headers=cast.x.admin,
    )

    response = await client.get("/v1/operator/translation-bank/statistics", headers=cast.operator)

    assert response.status_code == 200, response.text
    [pair] = response.json()["pairs"]
    assert (pair["source_lang"], pair["target_lang"]) == ("ja", "en")
    assert (pair["segments"], pair["contributors"]) == (3, 2)
    assert pair["origins"] == {"contribution": 3}
    assert pair["translations"] == {
        "tm_exact": {"count": 1, "share": 0.5},
        "needs_translation": {"count": 1, "share": 0.5},
    }


async def test_an_engine_chosen_without_its_key_is_a_clear_503(
    client: httpx.AsyncClient, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{ENV_PREFIX}ENGINE", "deepl")
    monkeypatch.delenv(f"{ENV_PREFIX}DEEPL_API_KEY", raising=False)
    created = await client.post(
        "/v1/servicer/content", json={"kind": "notice", "title": "休業日"}, headers=cast.x.admin
    )

    response = await client.post(
        f"/v1/servicer/content/{created.json()['id']}/translate",
        json={"languages": ["en"]},
        headers=cast.x.admin,
    )

    assert response.status_code == 503
    assert response.json()["code"] == "mt_not_configured"
    assert f"{ENV_PREFIX}DEEPL_API_KEY" in response.json()["detail"]
