"""Every page a visitor meets while registering and after, in each of the 15 languages: a page in
a language not written in Latin script shows no Latin-script word but names, codes and brand
words (the allow-list), so nothing is left in English or romaji."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.pages import signed_in_visitor, text_of

from omotenashi import i18n
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring

PAGES = (
    "/register/passport",
    "/register/about",
    "/register/stay",
    "/register/food",
    "/register/help",
    "/register/contact",
    "/register/family",
    "/me",
    "/pass",
    "/consents",
    "/access",
    "/privacy",
)
PROFILE: dict[str, object] = {
    "name": {"surname": "ERIKSSON", "given_names": "ANNA MARIA"},
    "passport": {
        "document_type": "P",
        "number": "L898902C3",
        "issuing_state": "UTO",
        "expiry_date": "2036-04-15",
    },
    "nationality": "TH",
    "date_of_birth": "1974-08-12",
    "email": "anna@example.com",
    "stay": {"arrival": "2026-11-25", "departure": "2026-12-05", "lodging_municipality": "131067"},
}
# Names and codes, not words to translate.
ALLOWED = {
    "ERIKSSON",  # the visitor's own name, as the passport writes it
    "ANNA",
    "MARIA",
    "Omotenashi",  # the brand
    "Cloud",
    "QR",
    "IC",
    "MRZ",
    "UTO",  # the passport's state code, as printed
    "Taito",  # the town's romaji beside its kanji, as signs write it
    "ku",
    "TH",  # a country's ISO code beside its name
    "Suica",  # card brands, as printed on the cards
    "PASMO",
    "ICOCA",
    "NFC",  # what a phone's settings and a card's reader call these
    "UID",
    "IDm",
    "JavaScript",
}
LATIN_SCRIPT = {"en", "es", "pt", "vi", "id", "tl"}
LANGUAGE_MENU = re.compile(r"English|Español|Português|Tiếng Việt|Bahasa Indonesia|Tagalog")
LATIN_WORD = re.compile(r"(?<![\w@/:.-])[A-Za-z][A-Za-z_.]*[A-Za-z](?![\w@/:-])")


def latin_words(page: httpx.Response) -> set[str]:
    text = LANGUAGE_MENU.sub(" ", text_of(page))
    return {word for word in LATIN_WORD.findall(text) if word not in ALLOWED}


@pytest.mark.parametrize("code", [language.code for language in i18n.LANGUAGES])
async def test_every_visitor_page_is_written_in_the_script_of_its_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform, code: str
) -> None:
    keyring = Keyring(platform.keys.master)
    await signed_in_visitor(client, session, keyring, language=code, profile=PROFILE)
    found = {}
    for path in PAGES:
        page = await client.get(path)
        assert page.status_code == 200, path
        assert f'<html lang="{code}"' in page.text, path
        if code not in LATIN_SCRIPT:
            found[path] = latin_words(page)
    assert {path: words for path, words in found.items() if words} == {}
