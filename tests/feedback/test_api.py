"""A servicer's back office reads, answers and reports feedback through the API, as the
console's inbox does; another servicer reaches none of it."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import bearer
from tests.feedback.helpers import (
    CHAIN,
    COMMENT_JA,
    COMMENT_KO,
    REPLY_JA,
    REPLY_KO,
    checked_in,
    teach_the_memory,
)

from omotenashi.auth import service as auth
from omotenashi.feedback import service
from omotenashi.runtime import Platform
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn


async def _admin(
    session: AsyncSession, platform: Platform, servicer_id: uuid.UUID, email: str
) -> dict[str, str]:
    enrolment = await staff.create_user(
        session,
        platform.keys.master,
        email=email,
        display_name="Manager",
        password="a long enough password",
        role=Role.servicer_admin,
        servicer_id=servicer_id,
        actor="test",
    )
    started = await auth.start_staff_session(
        session, SignedIn(enrolment.user.id, servicer_id, Role.servicer_admin)
    )
    return bearer(started.token)


async def test_the_inbox_reply_and_report_through_the_api(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await teach_the_memory(session)
    stay = await checked_in(session, platform.keys)
    other = await checked_in(session, platform.keys, "Hotel Other")
    given = await service.give(
        session,
        CHAIN,
        stay.visitor_id,
        stay.interaction,
        rating=2,
        comment=COMMENT_KO,
        language="ko",
    )
    hotel = await _admin(session, platform, stay.hotel.id, "manager@sakura.example.jp")
    stranger = await _admin(session, platform, other.hotel.id, "manager@other.example.jp")

    [read] = (await client.get("/v1/servicer/feedback", headers=hotel)).json()
    assert read["comment_ja"] == COMMENT_JA
    assert read["rating"] == 2
    assert read["subject"] == subject_id(
        pairwise_key(platform.keys.derivation), stay.hotel.id, stay.visitor_id
    )
    assert str(stay.visitor_id) not in str(read)
    assert (await client.get("/v1/servicer/feedback", headers=stranger)).json() == []

    path = f"/v1/servicer/feedback/{given.id}"
    refused = await client.post(f"{path}/replies", json={"body": REPLY_JA}, headers=stranger)
    assert refused.status_code == 404
    answered = await client.post(f"{path}/replies", json={"body": REPLY_JA}, headers=hotel)
    assert answered.status_code == 201, answered.text
    assert answered.json()["translated"] == REPLY_KO
    empty = await client.post(f"{path}/replies", json={"body": ""}, headers=hotel)
    assert empty.status_code == 422

    reported = await client.post(f"{path}/report", json={"reason": "abuse"}, headers=hotel)
    assert reported.status_code == 202
    assert reported.json()["state"] == "reported"
