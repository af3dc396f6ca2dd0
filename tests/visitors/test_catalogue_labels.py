"""Every label of the attribute and purpose catalogues reads in each of the 15 languages.

Staff and visitors see these labels next to personal data; an English word left in a Thai or
Khmer screen is a word the visitor may not read, so a missing translation fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Protocol

import pytest

from omotenashi import i18n
from omotenashi.i18n import CatalogueLabel
from omotenashi.i18n.catalogues import extract
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.visitors import catalogue

# Labels a language writes exactly as English does, because its own menus, forms and signs do.
# Halal and Kosher: the certification marks stay in Latin script in Latin-script languages.
# Banana: the Portuguese word. E-mail, Gelatin, Vegan: the loanword is what forms and food labels
# print in those languages. Tagalog: the stroller goes by its English name there (the foods are
# written the Tagalog way: walnat, abalon, pistatsyo, bakwit). Everything else must be translated;
# a new entry needs a reason a native reader would accept.
SAME_AS_ENGLISH: Mapping[str, frozenset[str]] = {
    "es": frozenset({"Halal", "Kosher"}),
    "pt": frozenset({"Halal", "Kosher", "Banana", "E-mail"}),
    "vi": frozenset({"Halal", "Kosher", "Gelatin", "E-mail"}),
    "id": frozenset({"Halal", "Kosher", "Vegan", "Gelatin", "E-mail"}),
    "tl": frozenset(
        {
            "Halal",
            "Kosher",
            "Vegan",
            "Gelatin",
            "E-mail",
            "Stroller",
        }
    ),
}

CODES = [language.code for language in i18n.LANGUAGES]


class _Labelled(Protocol):
    @property
    def labels(self) -> Mapping[str, str]: ...

    def label(self, language: str) -> str: ...


def _labelled() -> Iterator[tuple[str, _Labelled]]:
    """(where, thing) for every labelled thing in both catalogues."""
    for attribute in catalogue.ATTRIBUTES.values():
        yield f"attribute {attribute.key}", attribute
        for term in attribute.vocabulary or ():
            yield f"term {attribute.key}.{term.key}", term
    for rule in catalogue.ALLERGEN_RULES:  # every rule, past and future, not only today's
        yield f"allergen rule {rule.key} from {rule.effective_from}", rule
    for purpose in PURPOSES.values():
        yield f"purpose {purpose.key}", purpose


def _comparable(text: str) -> str:
    # "Email" is the English "E-mail" however it is hyphenated or capitalised.
    return re.sub(r"\W", "", text).casefold()


def _catalogue_labels() -> list[CatalogueLabel]:
    found = []
    for where, thing in _labelled():
        assert isinstance(thing.labels, CatalogueLabel), where
        found.append(thing.labels)
    return found


@pytest.mark.parametrize("language", CODES)
def test_every_catalogue_label_reads_in_the_language(language: str) -> None:
    accepted = SAME_AS_ENGLISH.get(language, frozenset())
    problems = []
    for where, thing in _labelled():
        text = thing.label(language)
        english = thing.label("en")
        if not text.strip():
            problems.append(f"{where}: empty")
        elif (
            language != i18n.SOURCE_LANGUAGE
            and _comparable(text) == _comparable(english)
            and english not in accepted
        ):
            problems.append(f"{where}: still English ({text!r})")
    assert problems == []


@pytest.mark.parametrize("language", sorted(SAME_AS_ENGLISH))
def test_accepted_english_words_are_really_used_as_is(language: str) -> None:
    # An entry whose translation has since changed would silently widen what may stay English.
    shown = {
        thing.label("en")
        for _, thing in _labelled()
        if _comparable(thing.label(language)) == _comparable(thing.label("en"))
    }
    assert SAME_AS_ENGLISH[language] <= shown


def test_japanese_labels_come_from_code() -> None:
    # The Japanese term in code is the one staff rely on; the ja .po only mirrors it
    # (tests/test_i18n.py checks the mirror).
    assert all(label["ja"] == label.ja for label in _catalogue_labels())


def test_the_extractor_sees_every_catalogue_label() -> None:
    # A label built from a variable would be skipped by the extractor, so no .po would list it and
    # the untranslated-strings test (tests/test_i18n.py) could not notice it is missing.
    extracted = {(message.id, message.context) for message in extract() if message.context}
    missing = {(label.en, label.context) for label in _catalogue_labels()} - extracted
    assert missing == set()


def test_labels_are_translated_at_call_time_with_their_context() -> None:
    halal = next(t for t in catalogue.DIETARY_NEEDS if t.key == "halal")
    assert halal.label("th") == i18n.pgettext("th", "dietary need", "Halal") == "ฮาลาล"
    assert PURPOSES[PurposeKey.hotel_check_in].label("ko") == "호텔 체크인"


def test_a_language_we_do_not_serve_falls_back_to_english() -> None:
    assert catalogue.get("nationality").label("fr") == "Nationality"
    assert "fr" not in catalogue.get("nationality").labels
