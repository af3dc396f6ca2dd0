from __future__ import annotations

import re

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import csrf_token, post_form, signed_in_staff, text_of

from omotenashi.clients import service as clients
from omotenashi.runtime import Platform
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role, StaffUser


async def test_an_administrator_adds_a_terminal_sees_its_secret_once_and_can_revoke_it(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    console = text_of(await client.get("/console"))
    assert "ホテルテスト上野" in console
    created = await post_form(
        client,
        "/console/clients",
        {"kind": "terminal", "label": "Front desk 3", "purposes": ["hotel_check_in"]},
        form_page="/console",
    )
    assert created.status_code == 200
    found = re.search(r"<code>(omc_[^<]+)</code>.*?<code>([^<]+)</code>", created.text, re.S)
    assert found is not None
    client_id, secret = found.groups()
    terminal = await clients.authenticate(session, client_id, secret)
    assert terminal.purposes == ["hotel_check_in"]
    assert secret not in (await client.get("/console")).text  # shown once
    await post_form(client, f"/console/clients/{terminal.id}/revoke", {}, form_page="/console")
    assert (await clients.get(session, hotel.id, terminal.id)).revoked_at is not None


async def test_a_nameless_terminal_is_refused_with_a_message(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    refused = await post_form(
        client, "/console/clients", {"kind": "terminal", "label": " "}, form_page="/console"
    )
    assert refused.status_code == 422
    assert await clients.list_clients(session, hotel.id) == []


async def test_counter_staff_cannot_open_the_console(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, hotel.id)
    assert (await client.get("/console")).status_code == 403


async def test_an_organisation_joins_with_its_administrator_and_waits_for_approval(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    token = await csrf_token(client, "/join")
    joined = await client.post(
        "/join",
        data={
            "csrf_token": token,
            "name": "Ramen Ichiban Ueno",
            "name_ja": "ラーメン一番 上野",
            "category": "restaurant",
            "contact_email": "shop@ramen.example.jp",
            "purposes": ["food_service"],
            "admin_name": "Ito",
            "admin_email": "ito@ramen.example.jp",
            "password": "a long enough password",
        },
    )
    assert joined.status_code == 200
    assert "otpauth://totp/" in joined.text  # the authenticator link, this once
    (applied,) = await servicers.listing(session, state=ServicerState.pending)
    assert applied.name_ja == "ラーメン一番 上野"
    admin = await session.scalar(select(StaffUser).where(StaffUser.servicer_id == applied.id))
    assert admin is not None
    assert admin.role is Role.servicer_admin


async def test_a_short_password_leaves_no_organisation_behind(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    token = await csrf_token(client, "/join")
    refused = await client.post(
        "/join",
        data={
            "csrf_token": token,
            "name": "Ramen Niban",
            "name_ja": "ラーメン二番",
            "category": "restaurant",
            "contact_email": "shop@niban.example.jp",
            "purposes": ["food_service"],
            "admin_name": "Ito",
            "admin_email": "ito@niban.example.jp",
            "password": "short",
        },
    )
    assert refused.status_code == 422
    assert "Ramen Niban" in refused.text  # what was typed is kept, the password is not
    assert "short" not in refused.text
    assert await servicers.listing(session, state=ServicerState.pending) == []
