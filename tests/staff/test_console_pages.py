from __future__ import annotations

import html
import re
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pyotp
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import csrf_token, post_form, signed_in_staff, text_of

from omotenashi import web
from omotenashi.runtime import Platform
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.errors import SignInFailedError
from omotenashi.staff.models import Role, StaffUser

# --- The servicer's staff -------------------------------------------------------------------

CLERK_EMAIL = "sato@sakura.example.jp"
CLERK_PASSWORD = "cherry blossoms in ueno"


async def _administrator(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> tuple[uuid.UUID, uuid.UUID]:
    """An approved hotel and its administrator, signed in on ``client``, reading English."""
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    admin = await signed_in_staff(
        client, session, platform.keys.master, Role.servicer_admin, hotel.id
    )
    client.cookies.set(web.LANGUAGE_COOKIE, "en")
    return hotel.id, admin.user_id


async def _add_staff(client: httpx.AsyncClient, **form: str) -> httpx.Response:
    fields = {"display_name": "Sato Hanako", "email": CLERK_EMAIL, "password": CLERK_PASSWORD}
    return await post_form(client, "/console/staff", {**fields, **form}, form_page="/console")


def _set_up_code(page: httpx.Response) -> pyotp.TOTP:
    found = re.search(r'data-qr-text="([^"]+)"', page.text)
    assert found is not None, "no authenticator set-up code on the page"
    totp = pyotp.parse_uri(html.unescape(found.group(1)))
    assert isinstance(totp, pyotp.TOTP)
    return totp


@asynccontextmanager
async def _another_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as browser:
        yield browser


async def test_an_administrator_adds_a_clerk_and_sees_the_set_up_code_once(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel_id, _ = await _administrator(client, session, platform)
    added = await _add_staff(client)
    assert added.status_code == 200
    assert added.headers["cache-control"] == "no-store"
    assert _set_up_code(added).secret
    assert "/static/qr.js" in added.text
    assert 'href="/console"' in added.text
    console = await client.get("/console")
    assert "otpauth://" not in console.text  # shown once
    listed = text_of(console)
    assert "Sato Hanako" in listed
    assert f"Counter staff · {CLERK_EMAIL}" in listed
    clerk = await session.scalar(select(StaffUser).where(StaffUser.email == CLERK_EMAIL))
    assert clerk is not None
    assert (clerk.servicer_id, clerk.role) == (hotel_id, Role.servicer_staff)


async def test_a_short_password_and_a_bad_email_are_refused_and_what_was_typed_is_kept(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel_id, _ = await _administrator(client, session, platform)
    refused = await _add_staff(
        client, email="sato at sakura", password="sakura2026", role="servicer_admin"
    )
    assert refused.status_code == 422
    shown = text_of(refused)
    assert "Give a valid e-mail address." in shown
    assert "Use at least 12 characters." in shown
    assert 'value="Sato Hanako"' in refused.text
    assert 'value="sato at sakura"' in refused.text
    assert 'value="servicer_admin" checked' in refused.text
    assert "sakura2026" not in refused.text
    assert len(await staff.list_staff(session, hotel_id)) == 1  # the administrator alone


async def test_an_email_already_registered_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel_id, _ = await _administrator(client, session, platform)
    assert (await _add_staff(client)).status_code == 200
    again = await _add_staff(client, display_name="Sato Jiro", email=CLERK_EMAIL.upper())
    assert again.status_code == 409
    assert "This e-mail address is already registered." in text_of(again)
    members = await staff.list_staff(session, hotel_id)
    assert sorted(m.display_name for m in members) == ["Sato Hanako", "Tanaka"]


async def test_a_disabled_clerk_is_signed_out_on_the_next_page_and_cannot_sign_in(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await _administrator(client, session, platform)
    totp = _set_up_code(await _add_staff(client))
    async with _another_browser(app) as clerk_browser:
        token = await csrf_token(clerk_browser, "/staff/signin")
        signed_in = await clerk_browser.post(
            "/staff/signin",
            data={
                "csrf_token": token,
                "email": CLERK_EMAIL,
                "password": CLERK_PASSWORD,
                "code": totp.now(),
            },
        )
        assert signed_in.status_code == 303
        assert (await clerk_browser.get("/counter")).status_code == 200
        clerk = await session.scalar(select(StaffUser).where(StaffUser.email == CLERK_EMAIL))
        assert clerk is not None
        disabled = await post_form(
            client, f"/console/staff/{clerk.id}/disable", {}, form_page="/console"
        )
        assert disabled.status_code == 303
        assert "Sato Hanako" in text_of(await client.get("/console"))
        assert "Disabled" in text_of(await client.get("/console"))
        next_page = await clerk_browser.get("/counter")
        assert next_page.status_code == 303
        assert next_page.headers["location"].startswith("/staff/signin")
    later = time.time() + 60  # a fresh code, so that only the disabling can refuse it
    with pytest.raises(SignInFailedError):
        await staff.sign_in(
            session,
            platform.keys.derivation,
            email=CLERK_EMAIL,
            password=CLERK_PASSWORD,
            code=totp.at(later),
            at=later,
        )


async def test_an_administrator_cannot_disable_themself(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    _, admin_id = await _administrator(client, session, platform)
    refused = await post_form(
        client, f"/console/staff/{admin_id}/disable", {}, form_page="/console"
    )
    assert refused.status_code == 409
    assert "You cannot disable your own account." in text_of(refused)
    assert (await client.get("/console")).status_code == 200  # still signed in


async def test_another_servicers_staff_can_be_neither_seen_nor_disabled(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    other = await approved_servicer(session, "Hotel Momiji", PurposeKey.hotel_check_in)
    enrolment = await staff.create_user(
        session,
        platform.keys.master,
        email="yamada@momiji.example.jp",
        display_name="Yamada Jiro",
        password=CLERK_PASSWORD,
        role=Role.servicer_staff,
        servicer_id=other.id,
        actor="test",
    )
    await _administrator(client, session, platform)
    console = text_of(await client.get("/console"))
    assert "Yamada Jiro" not in console
    assert "yamada@momiji.example.jp" not in console
    refused = await post_form(
        client, f"/console/staff/{enrolment.user.id}/disable", {}, form_page="/console"
    )
    assert refused.status_code == 404
    await session.refresh(enrolment.user)
    assert enrolment.user.disabled_at is None
