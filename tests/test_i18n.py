from __future__ import annotations

from datetime import date, datetime

import httpx
import pytest
from babel.messages.catalog import Catalog

from omotenashi import i18n
from omotenashi.i18n.catalogues import extract, japanese_labels, read, untranslated

REQUIRED = [
    "ja",
    "en",
    "zh-Hans",
    "zh-Hant",
    "ko",
    "es",
    "pt",
    "vi",
    "th",
    "id",
    "tl",
    "ne",
    "km",
    "my",
    "mn",
]


@pytest.fixture(scope="module")
def template() -> Catalog:
    """Every translatable string in the code and templates, extracted once for this file's
    tests: reading the whole package takes most of a second each time."""
    return extract()


def test_the_fifteen_visitor_languages_are_served() -> None:
    assert [language.code for language in i18n.LANGUAGES] == REQUIRED


@pytest.mark.parametrize("code", [c for c in REQUIRED if c != i18n.SOURCE_LANGUAGE])
def test_every_ui_string_is_translated(code: str, template: Catalog) -> None:
    assert untranslated(i18n.BY_CODE[code], template) == []


def test_extraction_finds_template_and_code_strings(template: Catalog) -> None:
    ids = {message.id for message in template if message.id}
    assert "How it works" in ids  # a template
    assert "Page not found" in ids  # marked in Python with N_


def test_extraction_finds_catalogue_labels_with_their_context(template: Catalog) -> None:
    keys = {(message.id, message.context) for message in template if message.id}
    assert ("Halal", "dietary need") in keys  # catalogue_label in visitors/catalogue.py
    assert ("Hotel check-in", "purpose") in keys  # catalogue_label in servicers/purposes.py


def test_the_ja_catalogue_mirrors_the_japanese_labels_in_code() -> None:
    # Code is authoritative for Japanese; `make messages` copies it into ja's .po. A label changed
    # in code without rerunning it leaves the two disagreeing.
    in_code = japanese_labels()
    ja = read(i18n.BY_CODE["ja"])
    in_po = {key: getattr(ja.get(*key), "string", None) for key in in_code}
    assert in_po == in_code


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-TW,zh;q=0.9", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("pt-BR,pt;q=0.8", "pt"),
        ("fil-PH", "tl"),
        ("de-DE,th;q=0.5", "th"),
        ("fr-FR", "en"),
        ("ko;q=0.2, my;q=0.9", "my"),
        ("garbage;;;q=x, , ja", "ja"),
        (None, "en"),
    ],
)
def test_accept_language_negotiation(header: str | None, expected: str) -> None:
    assert i18n.negotiate(accept_language=header).code == expected


async def test_landing_page_speaks_the_browser_language(client: httpx.AsyncClient) -> None:
    response = await client.get("/", headers={"accept-language": "th-TH,th;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="th"' in response.text
    assert response.headers["content-language"] == "th"
    assert "How it works" not in response.text


async def test_choosing_a_language_is_remembered(client: httpx.AsyncClient) -> None:
    chosen = await client.get("/?lang=km", headers={"accept-language": "en"})
    assert '<html lang="km"' in chosen.text
    assert chosen.cookies.get("lang") == "km"
    later = await client.get("/", headers={"accept-language": "en"})
    assert '<html lang="km"' in later.text


async def test_landing_page_states_the_safety_case(client: httpx.AsyncClient) -> None:
    text = (await client.get("/", headers={"accept-language": "en"})).text
    for heading in (
        "What we store",
        "Who can see what, and why",
        "How it is protected",
        "How to erase it",
    ):
        assert heading in text
    for language in i18n.LANGUAGES:
        assert f'hreflang="{language.code}"' in text


@pytest.mark.parametrize(
    ("code", "system", "seven"),
    [("ne", "deva", "७"), ("my", "mymr", "၇"), ("km", "latn", "7"), ("th", "latn", "7")],
)
def test_each_language_writes_numbers_in_cldr_default_digits(
    code: str, system: str, seven: str
) -> None:
    assert i18n.numbering_system(code) == system
    assert i18n.number(code, 7) == seven
    assert seven in i18n.date_text(code, date(2026, 7, 7))


def test_fixed_text_uses_the_same_digits_as_values() -> None:
    # Khmer's default is Latin digits (CLDR): the catalogue writes no Khmer digit either.
    khmer_digits = set("០១២៣៤៥៦៧៨៩")
    for message in read(i18n.BY_CODE["km"]):
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not any(khmer_digits & set(text or "") for text in texts), message.id


def test_khmer_afternoon_is_a_khmer_word_not_pm() -> None:
    afternoon = i18n.time_text("km", datetime(2026, 7, 7, 15, 5))
    assert "PM" not in afternoon
    assert afternoon.startswith("3:05 ")
    assert i18n.time_text("en", datetime(2026, 7, 7, 15, 5)) == "3:05\u202fPM"
