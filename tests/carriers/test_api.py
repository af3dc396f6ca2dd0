"""Linking cards over the visitor's API, as a phone app would."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import bearer
from tests.factories.visitors import make_visitor
from tests.mailbox import Mail

from omotenashi.auth import service as auth
from omotenashi.carriers import service, tasks
from omotenashi.carriers.models import CarrierKind
from omotenashi.runtime import Platform

HELD = "0123456789ABCDEF"
FREE = "FEDCBA9876543210"


async def test_linking_a_held_card_answers_as_a_free_one_and_its_holder_is_told(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, sent_mail: list[Mail]
) -> None:
    holder = (
        await make_visitor(session, platform.keys, language="ko", email="jimin@example.kr")
    ).id
    keys = service.CarrierKeys.from_platform(platform.keys)
    await service.link_card(session, keys, holder, CarrierKind.ic_card, HELD, "T-money")
    mine = await make_visitor(session, platform.keys, language="ko")
    me = bearer((await auth.start_visitor_session(session, mine.id)).token)

    held = await client.post(
        "/v1/me/carriers", headers=me, json={"kind": "ic_card", "id": HELD, "label": "Mine"}
    )
    free = await client.post(
        "/v1/me/carriers", headers=me, json={"kind": "ic_card", "id": FREE, "label": "Mine"}
    )
    assert held.status_code == free.status_code == 202
    assert held.headers["content-type"] == free.headers["content-type"]
    assert held.json() == free.json()
    mine = (await client.get("/v1/me/carriers", headers=me)).json()
    assert len(mine) == 1  # the free card; the held one stays its holder's
    assert await service.visitor_by_card(session, keys, CarrierKind.ic_card, HELD) == holder

    (payload,) = (
        await session.execute(
            text("SELECT convert_from(payload, 'UTF8') FROM pgqueuer WHERE entrypoint = :job"),
            {"job": service.TELL_HOLDER_JOB},
        )
    ).scalars()
    await tasks.tell_holder(session, json.loads(payload), platform)
    (told,) = sent_mail
    assert told.to == "jimin@example.kr"
    assert "T-money" in told.body
    assert HELD not in told.body


async def test_card_links_meet_a_rate_limit(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    mine = await make_visitor(session, platform.keys, language="ko")
    me = bearer((await auth.start_visitor_session(session, mine.id)).token)
    burst = service.LINKS_PER_VISITOR.burst
    statuses = [
        (
            await client.post(
                "/v1/me/carriers",
                headers=me,
                json={"kind": "nfc_tag", "id": f"04A224B2C35E{n:02X}", "label": "Tag"},
            )
        ).status_code
        for n in range(burst + 1)
    ]
    assert statuses == [202] * burst + [429]


async def test_a_label_the_database_cannot_store_is_refused_naming_the_field(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    mine = await make_visitor(session, platform.keys, language="ko")
    me = bearer((await auth.start_visitor_session(session, mine.id)).token)
    for label in (rb"Suica\u0000", rb"Suica\ud800"):
        refused = await client.post(
            "/v1/me/carriers",
            headers={**me, "content-type": "application/json"},
            content=b'{"kind": "ic_card", "id": "%s", "label": "%s"}' % (FREE.encode(), label),
        )
        assert refused.status_code == 422, refused.text
        (error,) = refused.json()["errors"]
        assert error["field"] == "body.label"
        # Pydantic itself refuses a lone surrogate in a string field (string_unicode).
        assert error["code"] in ("unstorable_text", "string_unicode")
    assert (await client.get("/v1/me/carriers", headers=me)).json() == []
