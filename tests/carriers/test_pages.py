from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.pages import csrf_token, post_form, signed_in_visitor, text_of

from omotenashi import i18n, text
from omotenashi.carriers import pages
from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring

SUICA = "0123456789ABCDEF"


async def test_setting_up_this_phone_gives_a_secret_whose_codes_the_platform_accepts(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    me = await signed_in_visitor(client, session, Keyring(platform.keys.master))
    token = await csrf_token(client, "/pass")
    answer = await client.post(
        "/pass/device", json={"label": "Pixel"}, headers={"x-csrf-token": token}
    )
    assert answer.status_code == 201
    assert answer.headers["cache-control"] == "no-store"
    device = answer.json()
    secret = base64.urlsafe_b64decode(device["secret"] + "=" * (-len(device["secret"]) % 4))
    now = datetime.now(UTC)
    code = carriers.qr_payload(uuid.UUID(device["carrier_id"]), secret, now)
    keys = CarrierKeys.from_platform(platform.keys)
    _, visitor_id = await carriers.verify_qr(session, keys, code, now)
    assert visitor_id == me
    assert device["carrier_id"] in (await client.get("/pass")).text  # listed as live


async def test_a_mistyped_card_number_is_explained_and_nothing_is_linked(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    me = await signed_in_visitor(client, session, Keyring(platform.keys.master), language="th")
    refused = await post_form(
        client,
        "/pass/cards",
        {"kind": "ic_card", "card_id": "01 2E 4G", "label": "Suica"},
        form_page="/pass",
    )
    assert refused.status_code == 422
    assert i18n.translations("th").gettext(pages.CARD_MESSAGES["id"]) in text_of(refused)
    assert await carriers.list_carriers(session, me) == []


async def test_linking_a_card_another_account_holds_looks_like_linking_a_free_one(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    holder = await signed_in_visitor(client, session, keyring)
    keys = CarrierKeys.from_platform(platform.keys)
    await carriers.link_card(session, keys, holder, CarrierKind.ic_card, SUICA, "Theirs")
    await signed_in_visitor(client, session, keyring, language="vi")
    answers = [
        await post_form(
            client,
            "/pass/cards",
            {"kind": "ic_card", "card_id": card_id, "label": "Mine"},
            form_page="/pass",
        )
        for card_id in (SUICA, "FEDCBA9876543210")
    ]
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["location"] == answers[1].headers["location"]
    page = text_of(await client.get(answers[0].headers["location"]))
    assert i18n.translations("vi").gettext(pages.CARD_RECEIVED) in page
    assert "Theirs" not in page
    assert await carriers.visitor_by_card(session, keys, CarrierKind.ic_card, SUICA) == holder


async def test_a_lost_card_stops_working_when_revoked_from_the_page(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    me = await signed_in_visitor(client, session, Keyring(platform.keys.master))
    linked = await post_form(
        client,
        "/pass/cards",
        {"kind": "ic_card", "card_id": SUICA, "label": "My Suica"},
        form_page="/pass",
    )
    assert linked.status_code == 303
    keys = CarrierKeys.from_platform(platform.keys)
    assert await carriers.visitor_by_card(session, keys, CarrierKind.ic_card, SUICA) == me
    (card,) = await carriers.list_carriers(session, me)
    assert "My Suica" in text_of(await client.get("/pass"))
    await post_form(client, f"/pass/carriers/{card.id}/revoke", {}, form_page="/pass")
    with pytest.raises(CarrierNotFoundError):
        await carriers.visitor_by_card(session, keys, CarrierKind.ic_card, SUICA)


async def test_the_service_worker_is_served_from_the_root_for_the_offline_pass(
    client: httpx.AsyncClient,
) -> None:
    worker = await client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["content-type"].startswith("text/javascript")
    assert '"/pass"' in worker.text


async def test_a_label_that_cannot_be_saved_is_explained_beside_it(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    me = await signed_in_visitor(client, session, Keyring(platform.keys.master), language="th")
    refused = await post_form(
        client,
        "/pass/cards",
        {"kind": "ic_card", "card_id": SUICA, "label": "Su\x00ica"},
        form_page="/pass",
    )
    assert refused.status_code == 422
    beside_the_label = f'id="e-label">{i18n.translations("th").gettext(text.BESIDE_THE_FIELD)}<'
    assert beside_the_label in refused.text
    assert await carriers.list_carriers(session, me) == []
