"""The two screens over HTTP: the counter starts a conversation after a resolve, the phone
joins with the code from the QR, each side says phrases, and either ends it."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from tests.content.helpers import chain
from tests.conversation.support import AtTheTill, resolved_at_the_till
from tests.pages import csrf_token, signed_in_staff, text_of

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.conversation import phrasebook as book
from omotenashi.conversation import service
from omotenashi.runtime import Platform
from omotenashi.staff.models import Role
from omotenashi.translation.dependencies import translation_chain

SCRIPTED = {"x-requested-with": "fetch"}


@pytest.fixture
async def phone(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("2001:db8::9", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def till(session: AsyncSession, platform: Platform) -> AtTheTill:
    return await resolved_at_the_till(session, platform.keys, language="en")


async def _talk(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, till: AtTheTill
) -> str:
    """The clerk's "Talk" after the resolve: the conversation's page."""
    await signed_in_staff(
        client, session, platform.keys.master, Role.servicer_staff, till.servicer.id
    )
    client.cookies.set("omotenashi_desk", str(till.terminal_id))
    token = await csrf_token(client, "/staff/signin")
    started = await client.post(
        "/counter/talk",
        data={"csrf_token": token, "language": "en", "subject": till.subject, "purpose": "payment"},
    )
    assert started.status_code == 303
    return started.headers["location"]


async def _join(client: httpx.AsyncClient, phone: httpx.AsyncClient, base: str) -> str:
    token = await csrf_token(client, base)
    invited = await client.post(f"{base}/invite", headers={"x-csrf-token": token})
    url = invited.json()["url"]
    path = url.removeprefix("http://testserver")
    joining = await phone.get(path)
    assert "Join the conversation" in text_of(joining)
    phone_token = re.search(r'name="csrf_token" value="([^"]+)"', joining.text)
    assert phone_token is not None
    joined = await phone.post(path, data={"csrf_token": phone_token.group(1)})
    assert joined.headers["location"] == "/talk"
    return phone_token.group(1)


async def test_the_counter_talks_and_the_phone_that_scanned_the_code_answers(
    client: httpx.AsyncClient,
    phone: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    till: AtTheTill,
) -> None:
    base = await _talk(client, session, platform, till)
    page = await client.get(base)
    assert page.status_code == 200
    assert "ご予約はありますか？" in page.text  # the clerk's phrasebook, in Japanese
    phone_token = await _join(client, phone, base)

    screen = await phone.get("/talk")
    assert screen.status_code == 200
    assert "Conversation at the counter" in text_of(screen)
    assert ">Yes</button>" in screen.text
    token = await csrf_token(client, base)
    said = await client.post(
        f"{base}/say",
        data={"csrf_token": token, "phrase": "station.fare", "price": "3200"},
        headers=SCRIPTED,
    )
    assert said.status_code == 204
    answered = await phone.post(
        "/talk/say", data={"csrf_token": phone_token, "phrase": "answers.yes"}, headers=SCRIPTED
    )
    assert answered.status_code == 204

    found = await service.lines_since(session, _conversation_id(base), 0)
    assert found is not None
    assert [service.shown(line, book.Speaker.visitor, "en").text for line in found[1]] == [
        "The fare is ¥3,200.",
        "Yes",
    ]


def _conversation_id(base: str) -> uuid.UUID:
    return uuid.UUID(base.rsplit("/", 1)[1])


async def test_a_slot_left_empty_is_refused_with_the_field_named(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    base = await _talk(client, session, platform, till)
    token = await csrf_token(client, base)
    said = await client.post(
        f"{base}/say",
        data={"csrf_token": token, "phrase": "station.fare", "price": "a lot"},
        headers={**SCRIPTED, "accept": "application/json"},
    )
    assert said.status_code == 422
    assert said.json()["errors"][0]["field"] == "price"


async def test_free_text_from_the_visitor_goes_through_the_chain(
    client: httpx.AsyncClient,
    phone: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    till: AtTheTill,
    app: FastAPI,
) -> None:
    app.dependency_overrides[translation_chain] = lambda: chain(None)
    base = await _talk(client, session, platform, till)
    phone_token = await _join(client, phone, base)
    written = await phone.post(
        "/talk/write", data={"csrf_token": phone_token, "text": "Halal?"}, headers=SCRIPTED
    )
    assert written.status_code == 204
    found = await service.lines_since(session, _conversation_id(base), 0)
    assert found is not None
    shown = service.shown(found[1][0], book.Speaker.clerk, "ja")
    assert (shown.text, shown.mark) == ("Halal?", "needs_translation")


async def test_another_servicers_staff_cannot_open_the_conversation(
    client: httpx.AsyncClient,
    phone: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    till: AtTheTill,
) -> None:
    base = await _talk(client, session, platform, till)
    other = await resolved_at_the_till(session, platform.keys, name="Other")
    await signed_in_staff(
        phone, session, platform.keys.master, Role.servicer_admin, other.servicer.id
    )
    assert (await phone.get(base)).status_code == 404
    assert (await phone.get(f"{base}/stream")).status_code == 404


async def test_a_phone_that_did_not_join_sees_no_conversation(
    phone: httpx.AsyncClient,
) -> None:
    page = await phone.get("/talk")
    assert page.status_code == 200
    assert "This conversation has ended" in text_of(page)
    assert (await phone.get("/talk/stream")).status_code == 403
    token = await csrf_token(phone, "/staff/signin")
    said = await phone.post("/talk/say", data={"csrf_token": token, "phrase": "answers.yes"})
    assert said.status_code == 403


async def test_when_the_visitor_ends_it_both_screens_are_done(
    client: httpx.AsyncClient,
    phone: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    till: AtTheTill,
) -> None:
    base = await _talk(client, session, platform, till)
    phone_token = await _join(client, phone, base)
    ended = await phone.post("/talk/end", data={"csrf_token": phone_token})
    assert ended.status_code == 303
    assert "This conversation has ended" in text_of(await phone.get("/talk"))
    assert (await client.get(base)).status_code == 404


async def test_the_tablet_turned_round_becomes_the_visitors_screen_in_large_type(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, till: AtTheTill
) -> None:
    base = await _talk(client, session, platform, till)
    token = await csrf_token(client, base)
    turned = await client.post(f"{base}/turn", data={"csrf_token": token})
    assert turned.headers["location"] == "/talk?turned=1"
    screen = await client.get("/talk?turned=1")
    assert 'class="talk talk-visitor turned"' in screen.text
    assert f'href="{base}"' in screen.text  # turn back


async def test_the_offline_phrasebook_is_public_in_each_language(
    phone: httpx.AsyncClient,
) -> None:
    page = await phone.get("/phrasebook/en")
    assert page.status_code == 200
    assert "Do you have a reservation?" in page.text
    assert "ご予約はありますか？" in page.text
    assert (await phone.get("/phrasebook/xx")).status_code == 404


async def test_the_visitors_access_log_says_only_that_a_conversation_took_place(
    client: httpx.AsyncClient,
    phone: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    till: AtTheTill,
) -> None:
    base = await _talk(client, session, platform, till)
    phone_token = await _join(client, phone, base)
    await phone.post(
        "/talk/write",
        data={"csrf_token": phone_token, "text": "My room is 1203"},
        headers=SCRIPTED,
    )
    started = await auth.start_visitor_session(session, till.visitor_id)
    phone.cookies.set(web.SESSION_COOKIE, started.token)
    phone.cookies.set(web.LANGUAGE_COOKIE, "en")

    access = text_of(await phone.get("/access"))

    assert "Talked with you at the counter through the phrasebook. Nothing said was kept." in access
    assert "1203" not in access
