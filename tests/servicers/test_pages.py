from __future__ import annotations

import html
import re

import httpx
import pyotp
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.mailbox import Mail
from tests.pages import csrf_token, signed_in_staff, text_of

from omotenashi import text, web
from omotenashi.runtime import Platform
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role, StaffUser


def _set_up_code(page: httpx.Response) -> pyotp.TOTP:
    found = re.search(r'data-qr-text="([^"]+)"', page.text)
    assert found is not None, "no authenticator set-up code on the page"
    totp = pyotp.parse_uri(html.unescape(found.group(1)))
    assert isinstance(totp, pyotp.TOTP)
    return totp


async def test_counter_staff_cannot_open_the_console(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_staff, hotel.id)
    assert (await client.get("/console")).status_code == 403


def _ramen(**changes: object) -> dict[str, object]:
    return {
        "name": "Ramen Ichiban Ueno",
        "name_ja": "ラーメン一番 上野",
        "category": "restaurant",
        "contact_email": "shop@ramen.example.jp",
        "purposes": ["food_service"],
        "admin_name": "Ito",
        "admin_email": "ito@ramen.example.jp",
        "password": "a long enough password",
        **changes,
    }


async def test_an_organisation_joins_and_its_administrator_finishes_through_the_e_mail(
    client: httpx.AsyncClient, session: AsyncSession, sent_mail: list[Mail]
) -> None:
    token = await csrf_token(client, "/join")
    joined = await client.post("/join", data={"csrf_token": token, **_ramen()})
    assert joined.status_code == 200
    assert "otpauth://" not in joined.text  # the set-up goes to the address, not the page
    assert "ito@ramen.example.jp" in text_of(joined)
    (applied,) = await servicers.listing(session, state=ServicerState.pending)
    assert applied.name_ja == "ラーメン一番 上野"
    admin = await session.scalar(select(StaffUser).where(StaffUser.servicer_id == applied.id))
    assert admin is not None
    assert admin.role is Role.servicer_admin
    (welcome,) = sent_mail
    assert welcome.to == "ito@ramen.example.jp"
    found = re.search(r"http://testserver(/join/enrol/\S+)", welcome.body)
    assert found is not None
    set_up = await client.get(found.group(1))
    assert set_up.status_code == 200
    assert _set_up_code(set_up).secret


async def test_joining_with_a_registered_address_shows_the_same_page_and_tells_its_owner(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, sent_mail: list[Mail]
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    owner = await signed_in_staff(
        client, session, platform.keys.master, Role.servicer_admin, hotel.id
    )
    client.cookies.clear()
    member = await session.get(StaffUser, owner.user_id)
    assert member is not None
    token = await csrf_token(client, "/join")
    taken = await client.post(
        "/join", data={"csrf_token": token, **_ramen(admin_email=member.email)}
    )
    fresh = await client.post(
        "/join", data={"csrf_token": token, **_ramen(name="Ramen Niban", admin_email="n@r.jp")}
    )
    assert taken.status_code == fresh.status_code == 200
    assert text_of(taken).replace(member.email, "n@r.jp") == text_of(fresh)
    told, _ = sent_mail
    assert told.to == member.email
    assert "/join/enrol/" not in told.body
    assert [s.name for s in await servicers.listing(session, state=ServicerState.pending)] == [
        "Ramen Niban"
    ]


async def test_a_name_that_cannot_be_saved_is_explained_beside_it_and_nothing_is_made(
    client: httpx.AsyncClient, session: AsyncSession, sent_mail: list[Mail]
) -> None:
    client.cookies.set(web.LANGUAGE_COOKIE, "en")
    token = await csrf_token(client, "/join")
    refused = await client.post("/join", data={"csrf_token": token, **_ramen(name="Ramen\x00")})
    assert refused.status_code == 422
    assert f'id="e-name">{text.BESIDE_THE_FIELD}<' in refused.text
    assert await servicers.listing(session, state=ServicerState.pending) == []
    assert sent_mail == []


async def test_a_forged_or_spent_set_up_link_shows_nothing(client: httpx.AsyncClient) -> None:
    refused = await client.get("/join/enrol/AAAA", headers={"accept": "text/html"})
    assert refused.status_code == 404
    assert "otpauth://" not in refused.text
    assert "This link no longer works" in text_of(await client.get("/join/enrol/x?lang=en"))


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
