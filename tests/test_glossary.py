from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from omotenashi import i18n
from omotenashi.i18n.catalogues import read
from omotenashi.visitors import catalogue

GLOSSARIES = Path(i18n.__file__).parent / "glossary"
EVERY_ALLERGEN = catalogue.allergens_on(date(2030, 1, 1))  # pistachio included


def glossary(code: str) -> dict[tuple[str, str], str]:
    rows = (GLOSSARIES / f"{code}.tsv").read_text(encoding="utf-8").splitlines()[1:]
    entries = {}
    for row in rows:
        context, term_en, term, _note = row.split("\t")
        entries[context, term_en] = term
    return entries


@pytest.mark.parametrize("code", [language.code for language in i18n.LANGUAGES])
def test_every_allergen_label_is_its_glossary_term(code: str) -> None:
    terms = glossary(code)
    assert {rule.label(code) for rule in EVERY_ALLERGEN} == {
        terms["allergen", rule.label("en")] for rule in EVERY_ALLERGEN
    }
    for rule in EVERY_ALLERGEN:
        assert rule.label(code) == terms["allergen", rule.label("en")], rule.key


@pytest.mark.parametrize("code", [language.code for language in i18n.LANGUAGES])
def test_buckwheat_is_never_named_as_a_kind_of_wheat(code: str) -> None:
    labels = {rule.key: rule.label(code) for rule in EVERY_ALLERGEN}
    words = set(re.split(r"[\s()（）]+", labels["buckwheat"]))
    assert labels["wheat"] not in words


@pytest.mark.parametrize("code", [language.code for language in i18n.LANGUAGES])
def test_the_consent_and_alert_words_are_those_of_the_catalogue(code: str) -> None:
    contexts = {"purpose": "purpose"}
    for (context, term_en), term in glossary(code).items():
        if context == "allergen":
            continue
        said = i18n.pgettext(code, contexts[context], term_en) if context in contexts else None
        if said is None:
            said = i18n.translations(code).gettext(term_en) if code != "en" else term_en
        assert said == term, (context, term_en)


def test_translations_read_back_wrong_once_stay_fixed() -> None:
    thai, nepali, mongolian = (i18n.translations(code) for code in ("th", "ne", "mn"))
    # The visitor's own card is not "linked to another account".
    assert "อื่น" not in thai.gettext("This card is already linked to an account.")
    # The tax office is Japan's, not Thailand's Revenue Department.
    intro = next(
        m.id
        for m in read(i18n.BY_CODE["th"])
        if isinstance(m.id, str) and m.id.startswith("Hotels must record your passport number")
    )
    assert "ญี่ปุ่น" in thai.gettext(intro)
    assert "กรมสรรพากร" not in thai.gettext(intro)
    assert "मुङ्गफली" in i18n.pgettext("ne", "allergen", "Peanut")
    assert "उपयुक्त" in nepali.gettext("Not suitable for: %(items)s")
    assert "үнэмлэх" not in mongolian.gettext("My pass")  # not an identity card
    assert "үнэлгээ" not in mongolian.gettext("Visitors' feedback")  # not a rating
    assert all(
        rule.label("tl") != rule.label("en") or rule.key in {"gelatin", "banana"}
        for rule in EVERY_ALLERGEN
    )
