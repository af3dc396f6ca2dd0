"""Signage: a terminal's screen rotates its slides through languages, and a visitor's guidance
look-up at that terminal is pushed to it (server-sent events) in their language and needs."""

from __future__ import annotations

import json
import uuid
from contextlib import nullcontext

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.factories.content import ADMIN
from tests.pages import signed_in_staff, signed_in_visitor, text_of

from omotenashi.alerts import lifecycle as alerts
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.consent import service as consent
from omotenashi.content import pages
from omotenashi.content import service as content
from omotenashi.content.models import ContentKind
from omotenashi.deps import session_source
from omotenashi.privacy import service as privacy
from omotenashi.resolve import service as resolve
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role
from omotenashi.visitors import service as visitors


@pytest.fixture
def quick_stream(app: FastAPI, session: AsyncSession, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stream reads the test's own transaction, polls fast and ends after a moment (the
    test client reads a response to its end)."""
    app.dependency_overrides[session_source] = lambda: lambda: nullcontext(session)
    monkeypatch.setattr(pages, "POLL_SECONDS", 0.05)
    monkeypatch.setattr(pages, "STREAM_SECONDS", 0.3)


async def _station(session: AsyncSession) -> tuple[Servicer, uuid.UUID]:
    station = await approved_servicer(session, "Ueno Station", PurposeKey.guidance)
    screen, _ = await clients.create_client(
        session,
        station.id,
        kind=ClientKind.terminal,
        label="Park exit screen",
        scopes=("resolve",),
        purposes=("guidance",),
        actor=ADMIN,
    )
    for title, tags in (("公園口はこちら", ()), ("エレベーターは右手です", ("wheelchair",))):
        slide = await content.create_item(
            session,
            station.id,
            content.Draft(kind=ContentKind.signage, title=title, tags=tags),
            actor=ADMIN,
        )
        english = {
            "公園口はこちら": "Park exit this way",
            "エレベーターは右手です": "Lift on the right",
        }
        thai = {"公園口はこちら": "ทางออกสวนสาธารณะ", "エレベーターは右手です": "ลิฟต์อยู่ทางขวา"}
        for language, texts in (("en", english), ("th", thai)):
            await content.post_edit(
                session, station.id, slide.id, language, "title", texts[title], actor=ADMIN
            )
    return station, screen.id


async def _tap(
    session: AsyncSession, platform: Platform, station: Servicer, screen: uuid.UUID
) -> None:
    """A Thai wheelchair user looks themselves up for guidance at the screen's reader."""
    keyring = Keyring(platform.keys.master)
    visitor = await visitors.create_visitor(session, keyring, language="th")
    await visitors.update_profile(
        session,
        keyring,
        visitor.id,
        {"preferred_languages": ["th"], "accessibility_needs": ["wheelchair"]},
    )
    await consent.grant(
        session,
        platform.keys,
        visitor.id,
        purpose=PurposeKey.guidance,
        attributes=["preferred_languages", "accessibility_needs"],
        servicer_id=station.id,
    )
    await resolve.resolve(
        session,
        platform.keys,
        servicer_id=station.id,
        visitor_id=visitor.id,
        purpose=PurposeKey.guidance,
        terminal_id=screen,
    )


async def test_the_screen_rotates_its_default_slides_through_languages(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    station, screen = await _station(session)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, station.id)

    page = await client.get(f"/signage/{screen}?hold=20")

    assert page.status_code == 200
    text = text_of(page)
    assert "公園口はこちら" in text
    assert "Park exit this way" in text
    assert "ทางออกสวนสาธารณะ" in text
    assert "Lift on the right" not in text  # for those who need it, when they tap
    assert 'data-hold="20"' in page.text
    assert f'data-stream="/signage/{screen}/stream"' in page.text


async def test_a_tap_switches_the_screen_to_the_visitors_language_and_needs(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, quick_stream: None
) -> None:
    station, screen = await _station(session)
    await _tap(session, platform, station, screen)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, station.id)

    stream = await client.get(f"/signage/{screen}/stream", headers={"last-event-id": "0"})

    assert stream.status_code == 200
    assert stream.headers["content-type"].startswith("text/event-stream")
    events = [block for block in stream.text.split("\n\n") if block.startswith("event: tap")]
    assert len(events) == 1
    data = json.loads(events[0].split("data: ", 1)[1])
    assert data["language"] == "th"
    assert "ลิฟต์อยู่ทางขวา" in data["html"]  # the slide for wheelchair users, in Thai
    assert data["html"].index("ลิฟต์อยู่ทางขวา") < data["html"].index("ทางออกสวนสาธารณะ")
    assert "Lift on the right" not in data["html"]


async def test_a_new_screen_shows_only_taps_after_it_connected(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, quick_stream: None
) -> None:
    station, screen = await _station(session)
    await _tap(session, platform, station, screen)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, station.id)

    stream = await client.get(f"/signage/{screen}/stream")

    assert stream.status_code == 200
    assert "event: tap" not in stream.text


async def test_a_screen_of_another_servicer_is_not_found_and_visitors_are_sent_away(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, quick_stream: None
) -> None:
    _, screen = await _station(session)
    other = await approved_servicer(session, "Another Station", PurposeKey.guidance)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, other.id)
    assert (await client.get(f"/signage/{screen}")).status_code == 404
    assert (await client.get(f"/signage/{screen}/stream")).status_code == 404

    client.cookies.clear()
    await signed_in_visitor(client, session, Keyring(platform.keys.master))
    page = await client.get(f"/signage/{screen}")
    stream = await client.get(f"/signage/{screen}/stream")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/staff/signin")
    assert stream.status_code == 303


async def test_a_screen_learns_no_needs_the_visitor_did_not_share_there(
    session: AsyncSession, platform: Platform
) -> None:
    station, screen = await _station(session)
    keyring = Keyring(platform.keys.master)
    visitor = await visitors.create_visitor(session, keyring, language="ko")
    await visitors.update_profile(
        session, keyring, visitor.id, {"accessibility_needs": ["wheelchair"]}
    )
    await consent.grant(
        session,
        platform.keys,
        visitor.id,
        purpose=PurposeKey.guidance,
        attributes=["preferred_languages"],
        servicer_id=station.id,
    )
    before = await content.last_tap_id(session, screen)
    await resolve.resolve(
        session,
        platform.keys,
        servicer_id=station.id,
        visitor_id=visitor.id,
        purpose=PurposeKey.guidance,
        terminal_id=screen,
    )

    taps = await content.taps_since(session, keyring, station.id, screen, before)
    elsewhere = await content.taps_since(session, keyring, station.id, uuid.uuid4(), 0)

    assert [(tap.language, tap.accessibility_needs) for tap in taps] == [("ko", [])]
    assert elsewhere == []


async def test_an_erased_visitors_tap_is_not_shown_and_a_wild_last_event_id_is_ignored(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, quick_stream: None
) -> None:
    station, screen = await _station(session)
    await _tap(session, platform, station, screen)
    (tapped,) = await content.taps_since(
        session, Keyring(platform.keys.master), station.id, screen, 0
    )
    entry = await session.scalar(
        sa.select(AccessLogEntry).where(AccessLogEntry.id == tapped.entry_id)
    )
    assert entry is not None
    await privacy.erase(session, [entry.visitor_id])
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, station.id)

    gone = await client.get(f"/signage/{screen}/stream", headers={"last-event-id": "0"})
    wild = await client.get(f"/signage/{screen}/stream", headers={"last-event-id": "9" * 40})

    assert "event: tap" not in gone.text
    assert wild.status_code == 200


async def test_an_official_alert_for_the_screens_area_takes_the_screen_in_every_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    station, screen = await _station(session)  # in Taitō (131067)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, station.id)
    quiet = await client.get(f"/signage/{screen}")
    assert 'id="alert-rotation"' not in quiet.text
    order = {
        "details": {"kind": "evacuation", "level": 4, "shelters": [{"name_ja": "上野公園"}]},
        "areas": [{"kind": "municipality", "code": "131067", "name_ja": "台東区"}],
        "source": "台東区",
    }
    draft = await alerts.draft(session, order, operator="staff:one")
    issued = await alerts.approve(session, platform.keys, draft.id, operator="staff:two")
    screen_now = await client.get(f"/signage/{screen}")
    assert 'id="alert-rotation"' in screen_now.text
    for language in ("ja", "en", "th"):
        assert issued.renderings[language]["action"] in text_of(screen_now)
