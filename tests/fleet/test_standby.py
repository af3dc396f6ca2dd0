"""Reads on a streaming standby (``OMOTENASHI_READ_DATABASE_URL``): used while it keeps up,
left for the primary while it lags more than the allowed bound or is down, used again once it
has caught up; and a writer always reads what they just wrote."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from tests.actors import Cast, build_cast
from tests.factories.keys import platform_keys
from tests.fleet.clusters import Replicated, catch_up
from tests.fleet.harness import Fleet

from omotenashi import db
from omotenashi.app import create_app
from omotenashi.config import Settings
from omotenashi.middleware import WROTE_COOKIE
from omotenashi.runtime import Platform

# Kills its own processes and makes its own faults: the folder goes to one worker whole, on one
# fleet (tests/fleet/conftest.py, tests/scheduling.py). What it times (a 503 within 10 s, a
# standby read around once 5 s behind) has room for a machine busy with the other worker.
pytestmark = [pytest.mark.fleet, pytest.mark.slow(0.25)]

MAX_LAG = 5.0  # the default


@pytest.fixture(scope="module")
def replicated(fleet: Fleet) -> Replicated:
    return fleet.replicated


@pytest.fixture(scope="module")
def platform(replicated: Replicated, workdir: Path) -> Platform:
    settings = Settings(
        data_dir=workdir / "standby-test",
        read_database_url=replicated.read_url,
        read_max_lag=MAX_LAG,
    )
    return Platform(settings, db.async_url(replicated.url), platform_keys())


@pytest.fixture(scope="module")
async def app(platform: Platform) -> AsyncIterator[FastAPI]:
    application = create_app(platform)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="module")
async def cast(platform: Platform) -> Cast:
    engine = db.create_engine(platform.database_url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            return await build_cast(session, platform)
    finally:
        await engine.dispose()


def _client(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _standby_sql(replicated: Replicated, sql: str) -> None:
    connection = await asyncpg.connect(db.plain_url(replicated.read_url))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def _resolve(app: FastAPI, cast: Cast) -> None:
    body = {"carrier": {"kind": "ic_card", "id": cast.a.card_idm}, "purpose": "hotel_check_in"}
    async with _client(app) as terminal:
        served = await terminal.post("/v1/resolve", json=body, headers=cast.x.terminal)
    assert served.status_code == 200, served.text


async def _seen(app: FastAPI, cast: Cast) -> int:
    """How many disclosures visitor A's access log shows (a reader that wrote nothing)."""
    async with _client(app) as reader:
        answer = await reader.get("/v1/me/access-log", headers=cast.a.headers)
    assert answer.status_code == 200, answer.text
    return len(answer.json())


async def test_reads_leave_a_lagging_standby_and_come_back_when_it_catches_up(
    app: FastAPI, cast: Cast, replicated: Replicated
) -> None:
    await _resolve(app, cast)
    await catch_up(replicated)
    await asyncio.sleep(1.1)  # past the last measure of the lag
    before = await _seen(app, cast)
    assert before >= 1

    # The lag counts from the last transaction the standby replayed: one just now.
    await _resolve(app, cast)
    await catch_up(replicated)
    await _standby_sql(replicated, "SELECT pg_wal_replay_pause()")
    try:
        await _resolve(app, cast)
        await asyncio.sleep(1.1)
        # Paused for less than the bound: the standby still serves, a disclosure behind.
        assert await _seen(app, cast) == before + 1
        await asyncio.sleep(MAX_LAG + 1.1)
        # Further behind than the bound: the primary answers, with the new disclosure.
        assert await _seen(app, cast) == before + 2
        assert app.state.standby.lag > MAX_LAG
    finally:
        await _standby_sql(replicated, "SELECT pg_wal_replay_resume()")
    await catch_up(replicated)
    await asyncio.sleep(1.1)
    assert await _seen(app, cast) == before + 2
    assert app.state.standby.lag is not None
    assert app.state.standby.lag <= MAX_LAG


async def test_a_writer_reads_what_they_just_wrote(
    app: FastAPI, cast: Cast, replicated: Replicated
) -> None:
    await catch_up(replicated)
    await _standby_sql(replicated, "SELECT pg_wal_replay_pause()")
    try:
        async with _client(app) as visitor:
            granted = await visitor.post(
                "/v1/me/consents",
                json={
                    "purpose": "hotel_check_in",
                    "attributes": ["name"],
                    "servicer_id": str(cast.y.servicer.id),
                },
                headers=cast.a.headers,
            )
            assert granted.status_code == 201, granted.text
            assert WROTE_COOKIE in visitor.cookies
            mine = await visitor.get("/v1/me/export", headers=cast.a.headers)
        assert granted.json()["id"] in mine.text
        # Another reader, with no write of their own, is served by the standby, which has not
        # replayed the grant yet.
        async with _client(app) as other:
            stale = await other.get("/v1/me/export", headers=cast.a.headers)
        assert stale.status_code == 200
        assert granted.json()["id"] not in stale.text
    finally:
        await _standby_sql(replicated, "SELECT pg_wal_replay_resume()")


async def test_a_stopped_standby_is_read_around_and_used_again_once_back(
    app: FastAPI, cast: Cast, replicated: Replicated
) -> None:
    await _resolve(app, cast)
    await catch_up(replicated)
    await asyncio.to_thread(replicated.standby.stop)
    try:
        for _ in range(5):  # before and after the next measure of its lag
            assert await _seen(app, cast) >= 1
            await asyncio.sleep(0.4)
        assert app.state.standby.lag is None
    finally:
        await asyncio.to_thread(replicated.standby.start)
    await catch_up(replicated)
    # Used again once its next measures find it streaming and close enough behind.
    for _ in range(30):
        assert await _seen(app, cast) >= 1
        if app.state.standby.lag is not None and app.state.standby.lag <= MAX_LAG:
            break
        await asyncio.sleep(0.5)
    assert app.state.standby.lag is not None
    assert app.state.standby.lag <= MAX_LAG
