from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.pages import csrf_token, signed_in_visitor, text_of

from omotenashi import i18n, web
from omotenashi.auth import pages
from omotenashi.mail import service as mail
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor


@pytest.fixture
def outbox(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Bodies of the e-mails the pages send (the queued payload itself is sealed)."""
    sent: list[str] = []

    async def capture(*_: object, to: str, subject: str, body: str) -> None:
        sent.append(body)

    monkeypatch.setattr(mail, "enqueue", capture)
    return sent


def _code(outbox: list[str]) -> str:
    found = re.search(r"\b(\d{6})\b", outbox[-1])
    assert found is not None
    return found.group(1)


async def _ask_code(client: httpx.AsyncClient, address: str) -> httpx.Response:
    token = await csrf_token(client, "/signin")
    return await client.post(
        "/signin/email", data={"csrf_token": token, "email": address, "next": "/me"}
    )


async def test_a_first_email_sign_in_registers_the_visitor_in_the_page_language(
    client: httpx.AsyncClient, session: AsyncSession, outbox: list[str]
) -> None:
    client.cookies.set(web.LANGUAGE_COOKIE, "th")
    asked = await _ask_code(client, "first.visit@example.co.th")
    assert asked.status_code == 200
    thai = i18n.translations("th").gettext
    assert thai("Enter your code") in asked.text
    before = await session.scalar(select(func.count()).select_from(Visitor))
    token = await csrf_token(client, "/signin")
    done = await client.post(
        "/signin/code",
        data={"csrf_token": token, "email": "first.visit@example.co.th", "code": _code(outbox)},
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/register"
    assert web.SESSION_COOKIE in done.cookies
    assert await session.scalar(select(func.count()).select_from(Visitor)) == (before or 0) + 1
    newest = await session.scalar(select(Visitor).order_by(Visitor.created_at.desc()).limit(1))
    assert newest is not None
    assert newest.language == "th"
    step = await client.get("/register", follow_redirects=True)
    assert str(step.url).endswith("/register/passport")
    # The address just verified is offered on "about you" as the contact e-mail.
    about = await client.get("/register/about")
    assert 'value="first.visit@example.co.th"' in about.text


async def test_a_new_visitor_goes_back_after_registering_to_what_they_opened(
    client: httpx.AsyncClient, outbox: list[str]
) -> None:
    menu = "/menus/00000000-0000-0000-0000-000000000001"
    token = await csrf_token(client, "/signin")
    await client.post(
        "/signin/email", data={"csrf_token": token, "email": "menu@example.com", "next": menu}
    )
    done = await client.post(
        "/signin/code",
        data={
            "csrf_token": token,
            "email": "menu@example.com",
            "code": _code(outbox),
            "next": menu,
        },
    )
    assert done.headers["location"] == "/register"
    family = await client.get("/register/family")
    assert f'href="{menu}"' in family.text


async def test_a_wrong_code_says_so_in_the_visitor_language_and_signs_nobody_in(
    client: httpx.AsyncClient, outbox: list[str]
) -> None:
    client.cookies.set(web.LANGUAGE_COOKIE, "vi")
    await _ask_code(client, "wrong.code@example.com")
    wrong = f"{(int(_code(outbox)) + 1) % 1_000_000:06d}"
    token = await csrf_token(client, "/signin")
    refused = await client.post(
        "/signin/code", data={"csrf_token": token, "email": "wrong.code@example.com", "code": wrong}
    )
    assert refused.status_code == 422
    assert i18n.translations("vi").gettext(pages.WRONG_CODE) in text_of(refused)
    assert web.SESSION_COOKIE not in refused.cookies


async def test_a_form_posted_without_its_csrf_token_is_refused_and_sends_nothing(
    client: httpx.AsyncClient, outbox: list[str]
) -> None:
    await client.get("/signin")
    refused = await client.post("/signin/email", data={"email": "csrf@example.com"})
    assert refused.status_code == 403
    assert outbox == []
    forged = await client.post(
        "/signin/email",
        data={"email": "csrf@example.com", "csrf_token": await csrf_token(client, "/signin")},
        headers={"origin": "https://evil.example"},
    )
    assert forged.status_code == 403
    assert outbox == []


async def _sign_in(
    client: httpx.AsyncClient, outbox: list[str], address: str, next_path: str
) -> httpx.Response:
    client.cookies.clear()
    token = await csrf_token(client, "/signin")
    form = {"csrf_token": token, "email": address, "next": next_path}
    await client.post("/signin/email", data=form)
    return await client.post("/signin/code", data={**form, "code": _code(outbox)})


async def test_a_returning_visitor_goes_where_they_were_going_and_never_off_site(
    client: httpx.AsyncClient, outbox: list[str]
) -> None:
    address = "back.again@example.com"
    first = await _sign_in(client, outbox, address, "/consents")
    assert first.headers["location"] == "/register"  # new here: registration first
    again = await _sign_in(client, outbox, address, "/consents")
    assert again.headers["location"] == "/consents"
    elsewhere = await _sign_in(client, outbox, address, "https://evil.example/x")
    assert elsewhere.headers["location"] == "/me"


async def test_pages_that_need_a_visitor_send_others_to_sign_in_and_back(
    client: httpx.AsyncClient,
) -> None:
    for path in ("/me", "/register/about", "/pass", "/consents", "/access", "/privacy"):
        answer = await client.get(path)
        assert answer.status_code == 303, path
        assert answer.headers["location"] == f"/signin?next={path}"


async def test_signing_out_ends_the_session_and_clears_the_offline_pass(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master))
    secret = client.cookies[web.SESSION_COOKIE]
    token = await csrf_token(client, "/me")
    out = await client.post("/signout", data={"csrf_token": token})
    assert out.status_code == 303
    assert "storage" in out.headers["clear-site-data"]
    client.cookies.set(web.SESSION_COOKIE, secret)  # a copy of the old cookie no longer works
    assert (await client.get("/me")).status_code == 303


async def test_a_next_address_hiding_another_site_behind_a_tab_is_ignored(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/signin", params={"next": "/\t/evil.example/phish"})
    assert 'data-next="/me"' in page.text
    assert web.safe_next("/\n/evil.example") == "/me"
    assert web.safe_next("/consents") == "/consents"


async def test_a_csrf_token_in_another_script_is_refused_not_a_crash(
    client: httpx.AsyncClient, outbox: list[str]
) -> None:
    await csrf_token(client, "/signin")
    refused = await client.post("/signin/email", data={"email": "x@example.com", "csrf_token": "é"})
    assert refused.status_code == 403
    assert outbox == []


async def test_personal_pages_are_never_stored_by_a_cache(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master))
    assert (await client.get("/me")).headers["cache-control"] == "no-store"
    assert (await client.get("/access")).headers["cache-control"] == "no-store"


async def test_registering_by_email_code_shares_the_networks_registration_allowance(
    client: httpx.AsyncClient, session: AsyncSession, outbox: list[str]
) -> None:
    for _ in range(visitors.REGISTRATIONS_PER_ADDRESS.burst):  # the API spends it
        assert (await client.post("/v1/visitors", json={})).status_code == 201
    await _ask_code(client, "one.more@example.com")
    before = await session.scalar(select(func.count()).select_from(Visitor))
    token = await csrf_token(client, "/signin")
    refused = await client.post(
        "/signin/code",
        data={"csrf_token": token, "email": "one.more@example.com", "code": _code(outbox)},
    )
    assert refused.status_code == 429
    assert refused.headers["retry-after"]
    assert await session.scalar(select(func.count()).select_from(Visitor)) == before
