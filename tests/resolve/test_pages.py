from __future__ import annotations

import re
import time
import uuid
from datetime import UTC, date, datetime

import httpx
import pyotp
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import csrf_token, text_of

from omotenashi import i18n, web
from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.consent import requests as asks
from omotenashi.consent import service as consent
from omotenashi.privacy import service as privacy
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.visitors import service as visitors

PASSWORD = "a long counter password"
SEED = pyotp.random_base32()
SUICA = "0123456789ABCDEF"


async def _staff_at_desk(
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    servicer: Servicer,
    purposes: tuple[str, ...] = ("hotel_check_in",),
) -> None:
    """A clerk of ``servicer`` signs in with password and code, and picks the front desk."""
    email = f"clerk-{servicer.id.hex[:8]}@hotel.example.jp"
    await staff.create_user(
        session,
        platform.keys.master,
        email=email,
        display_name="Sato",
        password=PASSWORD,
        role=Role.servicer_staff,
        servicer_id=servicer.id,
        actor="test",
        totp_seed=SEED,
    )
    desk, _ = await clients.create_client(
        session,
        servicer.id,
        kind=ClientKind.terminal,
        label="Front desk 2",
        scopes=("resolve", "consent:request"),
        purposes=purposes,
        actor="test",
    )
    signed_in = await signed_in_staff_cookie(client, email)
    assert signed_in.headers["location"] == "/counter"
    assert "Front desk 2" in text_of(await client.get("/counter"))  # which desk is this?
    token = await csrf_token(client, "/counter")
    chosen = await client.post(
        "/counter/desk", data={"csrf_token": token, "terminal": str(desk.id)}
    )
    assert chosen.status_code == 303


async def _thai_guest(session: AsyncSession, platform: Platform) -> uuid.UUID:
    keyring = Keyring(platform.keys.master)
    guest = await visitors.create_visitor(session, keyring, language="th")
    await visitors.update_profile(
        session,
        keyring,
        guest.id,
        {
            "name": {"surname": "SRISUK", "given_names": "SOMCHAI"},
            "nationality": "TH",
            "preferred_languages": ["th"],
            "passport": {
                "document_type": "P",
                "number": "AA1234567",
                "issuing_state": "THA",
                "expiry_date": "2031-01-01",
            },
            "stay": {"arrival": "2026-11-25", "departure": "2026-12-05"},
        },
    )
    await carriers.link_card(
        session,
        CarrierKeys.from_platform(platform.keys),
        guest.id,
        CarrierKind.ic_card,
        SUICA,
        "Suica",
    )
    return guest.id


async def _look_up(client: httpx.AsyncClient) -> httpx.Response:
    token = await csrf_token(client, "/counter")
    return await client.post(
        "/counter/resolve",
        data={"csrf_token": token, "purpose": "hotel_check_in", "carrier": SUICA},
        headers={"hx-request": "true"},
    )


async def test_a_wrong_authenticator_code_signs_no_staff_in(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await staff.create_user(
        session,
        platform.keys.master,
        email="wrong-code@hotel.example.jp",
        display_name="Sato",
        password=PASSWORD,
        role=Role.servicer_staff,
        servicer_id=(await approved_servicer(session, "Hotel W", PurposeKey.hotel_check_in)).id,
        actor="test",
        totp_seed=SEED,
    )
    token = await csrf_token(client, "/staff/signin")
    refused = await client.post(
        "/staff/signin",
        data={
            "csrf_token": token,
            "email": "wrong-code@hotel.example.jp",
            "password": PASSWORD,
            "code": "000000" if pyotp.TOTP(SEED).now() != "000000" else "111111",
        },
    )
    assert refused.status_code == 401
    assert web.STAFF_COOKIE not in refused.cookies
    assert (
        "メール、パスワード、またはコード" in text_of(refused)
        or refused.headers["content-language"] == "ja"
    )


async def test_the_counter_shows_what_the_guest_shared_in_japanese_with_their_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    guest = await _thai_guest(session, platform)
    await consent.grant(
        session,
        platform.keys,
        guest,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "nationality", "passport", "stay"],
        category=hotel.category,
    )
    await _staff_at_desk(client, session, platform, hotel)
    result = text_of(await _look_up(client))
    assert "ไทย" in result  # the language to serve them in, as they write it
    assert "タイ語" in result
    assert "旅券" in result
    assert "AA1234567" in result
    assert "宿泊者名簿" in result  # check-in brings the guest register card
    log = await privacy.disclosures(session, guest)
    assert log[0].terminal_label == "Front desk 2"
    token = await csrf_token(client, "/counter")
    card = await client.post(
        "/counter/register-card.pdf",
        data={"csrf_token": token, "name": "SRISUK SOMCHAI", "passport_number": "AA1234567"},
    )
    assert card.status_code == 200
    assert card.headers["content-type"] == "application/pdf"
    assert card.content.startswith(b"%PDF")


async def test_without_consent_the_counter_shows_the_request_and_updates_when_it_is_allowed(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    guest = await _thai_guest(session, platform)
    await _staff_at_desk(client, session, platform, hotel)
    waiting = await _look_up(client)
    found = re.search(r'hx-get="(/counter/requests/[0-9a-f-]+)"', waiting.text)
    assert found is not None
    answer_url = re.search(r'data-qr-text="([^"]+)"', waiting.text)
    assert answer_url is not None
    token = answer_url.group(1).rsplit("/", 1)[1]
    still = await client.get(found.group(1))
    assert 'hx-trigger="every 2s"' in still.text  # keeps waiting
    other_desk, _ = await clients.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Back office",
        scopes=("resolve",),
        purposes=("hotel_check_in",),
        actor="test",
    )
    token_form = await csrf_token(client, "/counter")
    await client.post(
        "/counter/desk", data={"csrf_token": token_form, "terminal": str(other_desk.id)}
    )
    assert (await client.get(found.group(1))).status_code == 404  # only the desk that asked
    first_desk = next(
        t for t in await clients.live_terminals(session, hotel.id) if t.label == "Front desk 2"
    )
    await client.post(
        "/counter/desk", data={"csrf_token": token_form, "terminal": str(first_desk.id)}
    )
    await asks.accept(session, platform.keys, guest, token)
    shown = text_of(await client.get(found.group(1)))
    assert "AA1234567" in shown
    again = text_of(await client.get(found.group(1)))  # shown once; then the card again
    assert "AA1234567" not in again


async def test_an_operator_has_no_counter(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await staff.create_user(
        session,
        platform.keys.master,
        email="op@omotenashi.example.jp",
        display_name="Op",
        password=PASSWORD,
        role=Role.operator,
        servicer_id=None,
        actor="test",
        totp_seed=SEED,
    )
    token = await csrf_token(client, "/staff/signin")
    await client.post(
        "/staff/signin",
        data={
            "csrf_token": token,
            "email": "op@omotenashi.example.jp",
            "password": PASSWORD,
            "code": pyotp.TOTP(SEED).at(time.time()),
        },
    )
    assert (await client.get("/counter")).status_code == 403


async def test_a_restaurant_counter_shows_in_japanese_what_the_guest_avoids(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    restaurant = await approved_servicer(session, "Soba Nishimura", PurposeKey.food_service)
    guest = await _thai_guest(session, platform)
    await visitors.update_profile(
        session,
        Keyring(platform.keys.master),
        guest,
        {"dietary_needs": ["vegan"], "allergens": ["sesame", "buckwheat"]},
    )
    await consent.grant(
        session,
        platform.keys,
        guest,
        purpose=PurposeKey.food_service,
        attributes=["preferred_languages", "dietary_needs", "allergens"],
        servicer_id=restaurant.id,
    )
    await staff.create_user(
        session,
        platform.keys.master,
        email="server@soba.example.jp",
        display_name="Nishimura",
        password=PASSWORD,
        role=Role.servicer_staff,
        servicer_id=restaurant.id,
        actor="test",
        totp_seed=SEED,
    )
    table, _ = await clients.create_client(
        session,
        restaurant.id,
        kind=ClientKind.terminal,
        label="Register",
        scopes=("resolve",),
        purposes=("food_service",),
        actor="test",
    )
    await signed_in_staff_cookie(client, "server@soba.example.jp")
    form = {"csrf_token": await csrf_token(client, "/counter")}
    await client.post("/counter/desk", data={**form, "terminal": str(table.id)})
    shown = text_of(
        await client.post(
            "/counter/resolve",
            data={**form, "purpose": "food_service", "carrier": SUICA},
            headers={"hx-request": "true"},
        )
    )
    for japanese in ("アレルギー", "ごま", "そば", "ヴィーガン"):
        assert japanese in shown


async def signed_in_staff_cookie(client: httpx.AsyncClient, email: str) -> httpx.Response:
    """Sign a staff member in through the page, with password and a fresh authenticator code."""
    token = await csrf_token(client, "/staff/signin")
    signed_in = await client.post(
        "/staff/signin",
        data={
            "csrf_token": token,
            "email": email,
            "password": PASSWORD,
            "code": pyotp.TOTP(SEED).at(time.time()),
        },
    )
    assert signed_in.status_code == 303
    return signed_in


async def test_the_register_card_is_complete_and_names_an_expired_passport(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    guest = await _thai_guest(session, platform)
    keyring = Keyring(platform.keys.master)
    await visitors.update_profile(
        session,
        keyring,
        guest,
        {
            "home_address": {"country": "TH", "lines": ["99 Sukhumvit Road", "Bangkok 10110"]},
            "phone": "+66 81 234 5678",
            "email": "somchai@example.com",
            "passport": {
                "document_type": "P",
                "number": "AA1234567",
                "issuing_state": "THA",
                "expiry_date": "2012-04-15",
            },
        },
    )
    await consent.grant(
        session,
        platform.keys,
        guest,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "home_address", "phone", "email", "nationality", "passport", "stay"],
        category=hotel.category,
    )
    await _staff_at_desk(client, session, platform, hotel)
    page = await _look_up(client)
    result = text_of(page)
    assert "この旅券は2012/04/15に有効期限が切れています。" in result  # the clerk is warned
    card = result[result.index("宿泊者名簿") :]
    for item in (
        "99 Sukhumvit Road, Bangkok 10110, タイ",
        "+66812345678 / somchai@example.com",
        "AA1234567",
        "2012-04-15 (期限切れ / EXPIRED)",
    ):
        assert item in card, item


def _selected_purpose(page: httpx.Response) -> str | None:
    found = re.search(r'<option value="([a-z_]+)" selected>', page.text)
    return found.group(1) if found else None


async def test_the_counter_keeps_its_desk_and_the_purpose_last_used_there(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(
        session, "Hotel Sakura", PurposeKey.emergency, PurposeKey.hotel_check_in
    )
    await _thai_guest(session, platform)
    await _staff_at_desk(client, session, platform, hotel, ("emergency", "hotel_check_in"))
    # A fresh desk starts from its everyday purpose, not from emergencies.
    assert _selected_purpose(await client.get("/counter")) == "hotel_check_in"
    token = await csrf_token(client, "/counter")
    await client.post(
        "/counter/resolve",
        data={"csrf_token": token, "purpose": "emergency", "carrier": SUICA},
        headers={"hx-request": "true"},
    )
    # Reloaded, the counter is still at this desk, with the purpose the clerk used last.
    again = await client.get("/counter")
    assert 'id="resolve-form"' in again.text
    assert _selected_purpose(again) == "emergency"


async def test_the_guest_card_marks_a_name_an_identity_provider_verified(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    guest = await _thai_guest(session, platform)
    await visitors.update_profile(
        session,
        platform.keys.keyring,
        guest,
        {"name": {"surname": "SRISUK", "given_names": "SOMCHAI"}},
        verified=visitors.Verification(
            "https://id.example.th", datetime(2026, 12, 3, 1, 0, tzinfo=UTC)
        ),
    )
    await consent.grant(
        session,
        platform.keys,
        guest,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "nationality", "passport", "stay"],
        category=hotel.category,
    )
    await _staff_at_desk(client, session, platform, hotel)
    page = await _look_up(client)
    # In the clerk's Japanese: who vouched for the name, and on which day (in Japan).
    mark = i18n.translations("ja").gettext("verified by %(provider)s on %(date)s") % {
        "provider": "id.example.th",
        "date": i18n.date_text("ja", date(2026, 12, 3)),
    }
    assert mark != "verified by %(provider)s on %(date)s"
    assert text_of(page).count(mark) == 1  # the name only; the typed passport has none
    assert page.text.count('class="verified"') == 1
