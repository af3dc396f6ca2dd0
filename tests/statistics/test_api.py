"""A servicer's back office reads its own statistics and their CSV through the API."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import bearer
from tests.feedback.helpers import checked_in

from omotenashi.auth import service as auth
from omotenashi.runtime import Platform
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


async def test_statistics_and_their_csv_through_the_api(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    stay = await checked_in(session, platform.keys)
    hotel = await _admin(session, platform, stay.hotel.id, "stats@sakura.example.jp")

    answer = await client.get("/v1/servicer/statistics", headers=hotel)
    assert answer.status_code == 200, answer.text
    keys = [chart["key"] for chart in answer.json()["charts"]]
    assert "resolves-by-hour" in keys
    csv = await client.get("/v1/servicer/statistics/resolves-by-hour.csv", headers=hotel)
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    bad = await client.get("/v1/servicer/statistics?from=2026-13-01", headers=hotel)
    assert bad.status_code == 422
    assert (await client.get("/v1/servicer/statistics/nope.csv", headers=hotel)).status_code == 404
    assert (await client.get("/v1/servicer/statistics")).status_code == 401
