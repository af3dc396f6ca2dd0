from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import post_form, signed_in_visitor, text_of

from omotenashi import i18n, web
from omotenashi.consent import service as consent
from omotenashi.privacy import pages
from omotenashi.resolve import service as resolve
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors
from omotenashi.visitors.errors import VisitorNotFoundError

PROFILE = {
    "name": {"surname": "Nguyen", "given_names": "An"},
    "nationality": "VN",
    "dietary_needs": ["halal"],
}


async def test_who_saw_my_data_says_who_what_and_why_in_the_visitor_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="vi", profile=PROFILE)
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    assert i18n.translations("vi").gettext("Nobody has seen your data yet.") in text_of(
        await client.get("/access")
    )
    await consent.grant(
        session,
        platform.keys,
        me,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "nationality"],
        servicer_id=hotel.id,
    )
    await resolve.resolve(
        session,
        platform.keys,
        servicer_id=hotel.id,
        visitor_id=me,
        purpose=PurposeKey.hotel_check_in,
    )
    page = text_of(await client.get("/access"))
    vietnamese = i18n.translations("vi")
    assert "Hotel Sakura" in page
    assert vietnamese.pgettext("attribute", "Nationality") in page
    assert vietnamese.pgettext("purpose", "Hotel check-in") in page


async def test_the_download_holds_everything_and_is_never_cached(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master), profile=PROFILE)
    download = await client.get("/privacy/export")
    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["cache-control"] == "no-store"
    assert json.loads(download.text)["visitor"]["profile"]["dietary_needs"] == ["halal"]
    # The page stays; its script reads this key and shows the sentence the page already holds.
    assert download.cookies["omotenashi_notice"] == "downloaded"
    page = await client.get("/privacy")
    assert "data-downloaded hidden" in page.text
    assert "/static/privacy.js" in page.text


async def test_erasing_needs_a_confirmation_then_leaves_nothing_and_signs_out(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    keyring = Keyring(platform.keys.master)
    me = await signed_in_visitor(client, session, keyring, language="mn", profile=PROFILE)
    unconfirmed = await post_form(client, "/privacy/erase", {}, form_page="/privacy")
    assert unconfirmed.status_code == 422
    assert i18n.translations("mn").gettext(pages.CONFIRM_FIRST) in text_of(unconfirmed)
    assert (await visitors.read_profile(session, keyring, me))["nationality"] == "VN"
    erased = await post_form(client, "/privacy/erase", {"confirm": "yes"}, form_page="/privacy")
    assert erased.status_code == 200
    assert "storage" in erased.headers["clear-site-data"]
    cleared = [c for c in erased.headers.get_list("set-cookie") if c.startswith(web.SESSION_COOKIE)]
    assert cleared
    assert "Max-Age=0" in cleared[0]
    assert (await client.get("/me")).status_code == 303
    with pytest.raises(VisitorNotFoundError):
        await visitors.get(session, me)
