from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.pages import signed_in_visitor, text_of

from omotenashi import demo, i18n
from omotenashi.content.demo import HOTEL
from omotenashi.content.demo_translations import MENU
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.models import Servicer


def test_every_demo_text_is_written_in_every_visitor_language() -> None:
    others = {language.code for language in i18n.LANGUAGES} - {"ja"}
    for source, texts in MENU.items():
        assert set(texts) == others, source
        assert all(text.strip() for text in texts.values()), source


@pytest.mark.parametrize("language", ["th", "my", "mn", "en"])
async def test_a_visitor_reads_the_demo_menu_in_their_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, language: str
) -> None:
    await demo.load(session, platform.keys)
    hotel = await session.scalar(select(Servicer).where(Servicer.name == HOTEL))
    assert hotel is not None
    await signed_in_visitor(client, session, Keyring(platform.keys.master), language=language)
    page = await client.get(f"/menus/{hotel.id}")
    assert page.status_code == 200
    menu = text_of(page)
    for source in ("焼き鮭定食", "胡麻豆腐", "だし巻き卵", "季節の野菜を昆布だしで"):
        assert MENU[source][language] in menu, source
    needs = i18n.translations(language).gettext("Not translated yet")
    assert needs not in menu
