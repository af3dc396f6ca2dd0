"""The phrasebook: whole in every language, and its slots written each language's own way."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from omotenashi import i18n
from omotenashi.conversation import phrasebook as book

SCENES_A_CLERK_NEEDS = {"hotel", "shop", "restaurant", "station", "information", "medical"}


def test_the_phrasebook_has_three_hundred_phrases_for_clerks_and_the_visitors_answers() -> None:
    pb = book.phrasebook()
    clerk = pb.of(book.Speaker.clerk)
    assert len(clerk) >= 300
    assert SCENES_A_CLERK_NEEDS | {"emergency"} <= {p.scene.value for p in clerk}
    answers = {p.id for p in pb.of(book.Speaker.visitor)}
    for needed in (
        "answers.yes",
        "answers.no",
        "answers.number",
        "answers.at_time",
        "answers.budget",
        "answers.either",
        "answers.dont_understand",
        "answers.write_it_down",
    ):
        assert needed in answers


@pytest.mark.parametrize("language", [language.code for language in i18n.LANGUAGES])
def test_every_phrase_is_in_every_language(language: str) -> None:
    """Fails until every language's file holds every phrase (the translations land apart)."""
    assert book.phrasebook().missing(language) == []


@pytest.mark.parametrize("language", [language.code for language in i18n.LANGUAGES])
def test_every_slot_renders_in_every_language(language: str) -> None:
    values = {
        book.Slot.price: 3200,
        book.Slot.time: time(14, 30),
        book.Slot.count: 12,
        book.Slot.minutes: 15,
        book.Slot.room: "1203",
        book.Slot.platform: "4",
    }
    for phrase in book.phrasebook().phrases.values():
        if phrase.text(language) is None:
            continue  # reported by the test above, once
        text = book.render(phrase, language, values)
        assert text is not None
        assert "{" not in text, (phrase.id, text)


def test_a_price_reads_as_each_language_writes_money() -> None:
    fare = book.phrasebook().get("station.fare")
    assert fare is not None
    assert book.render(fare, "ja", {book.Slot.price: 3200}) == "運賃は￥3,200です。"
    assert book.render(fare, "en", {book.Slot.price: 3200}) == "The fare is ¥3,200."
    assert book.slot_text(book.Slot.price, 3200, "ne") == "JP¥\u00a0३,२००"
    assert book.slot_text(book.Slot.price, 3200, "es") == "3.200\u00a0JPY"
    assert book.slot_text(book.Slot.time, time(14, 30), "en") == "2:30\u202fPM"
    assert book.slot_text(book.Slot.count, 1203, "my") == "၁,၂၀၃"
    assert book.slot_text(book.Slot.room, "1203", "en") == "1203"  # never "1,203"


def test_typed_slot_values_are_checked() -> None:
    assert book.parse_slot(book.Slot.price, "3,200") == 3200
    assert book.parse_slot(book.Slot.price, "¥3200") == 3200
    assert book.parse_slot(book.Slot.price, "-5") is None
    assert book.parse_slot(book.Slot.price, "３２００") is None  # full-width digits: retyped
    assert book.parse_slot(book.Slot.time, "9:05") == time(9, 5)
    assert book.parse_slot(book.Slot.time, "25:00") is None
    assert book.parse_slot(book.Slot.room, "12A") == "12A"
    assert book.parse_slot(book.Slot.room, "<b>") is None


def _write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


SOURCE = """
[phrases."station.fare"]
scene = "station"
speaker = "clerk"
text = "運賃は{price}です。"
slots = ["price"]
"""


def test_a_translation_that_drops_a_slot_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "ja.toml", SOURCE)
    _write(tmp_path, "en.toml", '[phrases]\n"station.fare" = "The fare is 3,200 yen."\n')
    with pytest.raises(book.PhrasebookError, match="slot"):
        book.load(tmp_path)


def test_a_translation_of_an_unknown_phrase_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "ja.toml", SOURCE)
    _write(tmp_path, "th.toml", '[phrases]\n"station.fares" = "ค่าโดยสาร {price}"\n')
    with pytest.raises(book.PhrasebookError, match="not a phrase"):
        book.load(tmp_path)


def test_a_file_for_a_language_we_do_not_serve_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "ja.toml", SOURCE)
    _write(tmp_path, "xx.toml", '[phrases]\n"station.fare" = "{price}"\n')
    with pytest.raises(book.PhrasebookError, match="not one of our languages"):
        book.load(tmp_path)
