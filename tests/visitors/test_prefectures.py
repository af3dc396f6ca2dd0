from __future__ import annotations

import unicodedata

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.pages import signed_in_visitor, text_of

from omotenashi import i18n
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import display, prefectures

# The script each language writes place names in (Unicode's name of its letters).
SCRIPT = {
    "ja": "CJK",
    "zh-Hans": "CJK",
    "zh-Hant": "CJK",
    "ko": "HANGUL",
    "th": "THAI",
    "ne": "DEVANAGARI",
    "km": "KHMER",
    "my": "MYANMAR",
    "mn": "CYRILLIC",
}


def test_there_are_the_47_prefectures_in_every_language() -> None:
    assert len(prefectures.codes()) == 47
    assert prefectures.codes()[0] == "01"
    assert prefectures.codes()[-1] == "47"
    for language in i18n.LANGUAGES:
        names = [name for _, name in prefectures.choices(language.code)]
        assert all(names), language.code
        assert len(set(names)) == 47, language.code


@pytest.mark.parametrize("code", sorted(SCRIPT))
def test_no_prefecture_is_left_in_romaji_in_a_language_of_another_script(code: str) -> None:
    for _, name in prefectures.choices(code):
        letters = [c for c in name if c.isalpha()]
        assert all(SCRIPT[code] in unicodedata.name(c, "") for c in letters), (code, name)


async def test_the_stay_step_offers_prefectures_in_the_visitor_script(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_visitor(client, session, Keyring(platform.keys.master), language="my")
    page = text_of(await client.get("/register/stay"))
    assert "တိုကျို" in page
    assert "ကာနာဂါဝ" in page
    assert "Kanagawa" not in page


def test_the_visitor_page_names_where_they_stay_with_its_prefecture() -> None:
    assert display.where_staying("131067", "ne") == "Taito-ku (台東区), टोकियो"
    assert display.where_staying("130001", "mn") == "Токио"
    assert display.where_staying("99", "mn") is None
