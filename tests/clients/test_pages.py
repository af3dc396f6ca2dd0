from __future__ import annotations

import re

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import post_form, signed_in_staff, text_of

from omotenashi.clients import service as clients
from omotenashi.runtime import Platform
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role


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
