"""The phrasebook at the counter: vetted phrases, one TOML file per language (see
``phrases/ja.toml`` for the format), and their slots written in each language's own way.

The files are the source of truth, reviewed like code; :mod:`omotenashi.conversation.bank`
copies them into the translation bank, where contributions, visitors' suggestions and TMX
export treat them as any other segment.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from enum import Enum, StrEnum
from functools import cache
from pathlib import Path

from babel.numbers import format_currency

from omotenashi import i18n

PHRASES_DIR = Path(__file__).parent / "phrases"
SOURCE = "ja"
_SLOT = re.compile(r"\{(\w+)\}")


class Scene(StrEnum):
    general = "general"
    hotel = "hotel"
    shop = "shop"
    restaurant = "restaurant"
    station = "station"
    information = "information"
    medical = "medical"
    emergency = "emergency"
    answers = "answers"


class Speaker(StrEnum):
    clerk = "clerk"
    visitor = "visitor"


class Slot(Enum):
    """What a slot holds, which decides how each language writes it."""

    price = "price"  # yen, as money
    time = "time"  # a time of day
    count = "count"  # a whole number
    minutes = "minutes"
    room = "room"  # an identifier: digits (and letters) as given, never grouped
    platform = "platform"


@dataclass(frozen=True)
class Phrase:
    id: str
    scene: Scene
    speaker: Speaker
    slots: tuple[Slot, ...]
    texts: Mapping[str, str]  # language code → text with {slot} marks

    def text(self, language: str) -> str | None:
        return self.texts.get(language)


class PhrasebookError(ValueError):
    """A phrase file that does not keep to the format: it is a bug in the data, found by tests."""


@dataclass(frozen=True)
class Phrasebook:
    phrases: Mapping[str, Phrase]
    languages: tuple[str, ...]  # the languages with a file, source first

    def get(self, phrase_id: str) -> Phrase | None:
        return self.phrases.get(phrase_id)

    def of(self, speaker: Speaker) -> list[Phrase]:
        return [p for p in self.phrases.values() if p.speaker is speaker]

    def missing(self, language: str) -> list[str]:
        """The ids of phrases with no text in ``language``."""
        return [pid for pid, p in self.phrases.items() if language not in p.texts]


def slots_in(text: str) -> set[str]:
    return set(_SLOT.findall(text))


def _read(path: Path) -> dict[str, object]:
    with path.open("rb") as file:
        return tomllib.load(file)


def load(directory: Path = PHRASES_DIR) -> Phrasebook:
    """Read every language's file; raise :class:`PhrasebookError` on a file that breaks the
    format (an id not in the source, a slot dropped or invented, an unknown language)."""
    source = _read(directory / f"{SOURCE}.toml")
    entries = source.get("phrases")
    if not isinstance(entries, dict):
        raise PhrasebookError("ja.toml has no [phrases]")
    texts: dict[str, dict[str, str]] = {}
    heads: dict[str, tuple[Scene, Speaker, tuple[Slot, ...]]] = {}
    for pid, entry in entries.items():
        try:
            slots = tuple(Slot(s) for s in entry.get("slots", ()))
            heads[pid] = (Scene(entry["scene"]), Speaker(entry["speaker"]), slots)
            text = str(entry["text"])
        except (KeyError, ValueError, TypeError) as error:
            raise PhrasebookError(f"ja.toml: phrase {pid!r}: {error}") from error
        if slots_in(text) != {s.value for s in slots}:
            raise PhrasebookError(f"ja.toml: phrase {pid!r}: its text and slots disagree")
        texts[pid] = {SOURCE: text}
    languages = [SOURCE]
    for path in sorted(directory.glob("*.toml")):
        code = path.stem
        if code == SOURCE:
            continue
        if code not in i18n.BY_CODE:
            raise PhrasebookError(f"{path.name}: {code!r} is not one of our languages")
        data = _read(path)
        translated = data.get("phrases", {})
        if not isinstance(translated, dict):
            raise PhrasebookError(f"{path.name}: [phrases] is not a table")
        for pid, text in translated.items():
            if pid not in heads:
                raise PhrasebookError(f"{path.name}: {pid!r} is not a phrase of ja.toml")
            if not isinstance(text, str) or not text.strip():
                raise PhrasebookError(f"{path.name}: {pid!r} is empty")
            if slots_in(text) != {s.value for s in heads[pid][2]}:
                raise PhrasebookError(f"{path.name}: {pid!r} drops or invents a slot")
            texts[pid][code] = text
        languages.append(code)
    phrases = {
        pid: Phrase(pid, scene, speaker, slots, texts[pid])
        for pid, (scene, speaker, slots) in heads.items()
    }
    return Phrasebook(phrases, tuple(languages))


@cache
def phrasebook() -> Phrasebook:
    """The phrasebook shipped with the package, read once per process."""
    return load()


# --- Slots ----------------------------------------------------------------------------------

MAX_PRICE = 100_000_000
MAX_COUNT = 100_000
_IDENTIFIER = re.compile(r"^[0-9A-Za-z-]{1,8}$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

SlotValue = int | time | str


def parse_slot(slot: Slot, raw: str) -> SlotValue | None:
    """A slot's value from what was typed, or None when it is not one."""
    value = raw.strip()
    match slot:
        case Slot.price | Slot.count | Slot.minutes:
            digits = value.replace(",", "").replace("¥", "").replace("円", "").strip()
            if not digits.isascii() or not digits.isdigit():
                return None
            number = int(digits)
            limit = MAX_PRICE if slot is Slot.price else MAX_COUNT
            return number if number <= limit else None
        case Slot.time:
            found = _TIME.match(value)
            return time(int(found[1]), int(found[2])) if found else None
        case Slot.room | Slot.platform:
            return value if _IDENTIFIER.match(value) else None


def slot_text(slot: Slot, value: SlotValue, language: str) -> str:
    """The value as ``language`` writes it: CLDR's money, numbers and clock, in its digits."""
    match slot:
        case Slot.price:
            assert isinstance(value, int)
            money = format_currency(value, "JPY", locale=i18n.babel_locale(language))
            return i18n.digits(language, money)
        case Slot.count | Slot.minutes:
            assert isinstance(value, int)
            return i18n.number(language, value)
        case Slot.time:
            assert isinstance(value, time)
            return i18n.time_text(language, value)
        case Slot.room | Slot.platform:
            return i18n.digits(language, str(value))


def stored_slot(value: SlotValue) -> str | int:
    """How a slot value travels (JSON): numbers as numbers, a time as HH:MM."""
    return value.strftime("%H:%M") if isinstance(value, time) else value


def loaded_slot(slot: Slot, stored: object) -> SlotValue | None:
    return parse_slot(slot, str(stored))


def render(phrase: Phrase, language: str, values: Mapping[Slot, SlotValue]) -> str | None:
    """The phrase in ``language`` with its slots filled; None when it has no text there."""
    text = phrase.text(language)
    if text is None:
        return None
    return _SLOT.sub(lambda m: slot_text(Slot(m[1]), values[Slot(m[1])], language), text)
