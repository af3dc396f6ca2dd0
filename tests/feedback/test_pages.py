from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.feedback.helpers import (
    COMMENT_JA,
    COMMENT_KO,
    REPLY_JA,
    REPLY_KO,
    checked_in,
    teach_the_memory,
)
from tests.pages import post_form, signed_in_staff, text_of

from omotenashi import i18n, web
from omotenashi.auth import service as auth
from omotenashi.feedback import pages
from omotenashi.runtime import Platform
from omotenashi.staff.models import Role
from omotenashi.translation.dependencies import translation_chain
from omotenashi.translation.service import Chain


@pytest.fixture(autouse=True)
def memory_only(app: object) -> None:
    """No machine translation in these tests: the translation memory answers."""
    app.dependency_overrides[translation_chain] = lambda: Chain(translator=None)  # type: ignore[attr-defined]


async def test_a_korean_visitor_rates_a_check_in_and_reads_the_hotels_reply_in_korean(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    stay = await checked_in(session, platform.keys)
    await teach_the_memory(session)
    visitor = await auth.start_visitor_session(session, stay.visitor_id)
    client.cookies.set(web.SESSION_COOKIE, visitor.token)
    access = text_of(await client.get("/access"))
    korean = i18n.translations("ko")
    assert korean.gettext("Rate this") in access
    given = await post_form(
        client,
        f"/feedback/{stay.interaction}",
        {"rating": "2", "comment": COMMENT_KO},
        form_page=f"/feedback/{stay.interaction}",
    )
    assert given.status_code == 303

    # The hotel's staff read it in Japanese beside the original, and reply in Japanese.
    desk = httpx.AsyncClient(transport=client._transport, base_url="http://testserver")
    await signed_in_staff(desk, session, platform.keys.master, Role.servicer_staff, stay.hotel.id)
    inbox = text_of(await desk.get("/inbox"))
    assert COMMENT_JA in inbox
    assert COMMENT_KO in inbox
    assert "★★☆☆☆" in inbox
    feedback_id = (await desk.get("/inbox")).text.split('id="f-')[1].split('"')[0]
    replied = await post_form(
        desk, f"/inbox/{feedback_id}/reply", {"body": REPLY_JA}, form_page="/inbox"
    )
    assert replied.status_code == 303

    page = text_of(await client.get(f"/feedback/{stay.interaction}"))
    assert REPLY_KO in page
    assert korean.gettext(pages.PROVENANCE["tm_exact"]) in page


async def test_no_stars_is_explained_and_nothing_is_stored(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    stay = await checked_in(session, platform.keys)
    visitor = await auth.start_visitor_session(session, stay.visitor_id)
    client.cookies.set(web.SESSION_COOKIE, visitor.token)
    refused = await post_form(
        client,
        f"/feedback/{stay.interaction}",
        {"comment": "no stars"},
        form_page=f"/feedback/{stay.interaction}",
    )
    assert refused.status_code == 422
    assert i18n.translations("ko").gettext(pages.CHOOSE_STARS) in text_of(refused)
    assert "no stars" in refused.text  # what was typed is kept for the person to finish
    assert "no stars" not in (await client.get(f"/feedback/{stay.interaction}")).text


async def test_the_visitors_page_asks_about_the_latest_unrated_interaction(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    stay = await checked_in(session, platform.keys)
    visitor = await auth.start_visitor_session(session, stay.visitor_id)
    client.cookies.set(web.SESSION_COOKIE, visitor.token)
    home = (await client.get("/me")).text
    assert f'href="/feedback/{stay.interaction}"' in home
    await post_form(
        client,
        f"/feedback/{stay.interaction}",
        {"rating": "5"},
        form_page=f"/feedback/{stay.interaction}",
    )
    assert f'href="/feedback/{stay.interaction}"' not in (await client.get("/me")).text
