"""Visitor languages, UI message catalogues (gettext .po files) and locale negotiation."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    """A language we serve visitors in. ``code`` is BCP 47; ``cldr`` is Babel's identifier."""

    code: str
    cldr: str
    native_name: str
    direction: str = "ltr"

    @property
    def catalogue_dir(self) -> str:
        return self.code.replace("-", "_")


# The JTA "Safety tips" set (FACTS.md): the minimum for every visitor-facing string.
LANGUAGES: tuple[Language, ...] = (
    Language("ja", "ja", "日本語"),
    Language("en", "en", "English"),
    Language("zh-Hans", "zh_Hans", "简体中文"),
    Language("zh-Hant", "zh_Hant", "繁體中文"),
    Language("ko", "ko", "한국어"),
    Language("es", "es", "Español"),
    Language("pt", "pt", "Português"),
    Language("vi", "vi", "Tiếng Việt"),
    Language("th", "th", "ไทย"),
    Language("id", "id", "Bahasa Indonesia"),
    Language("tl", "fil", "Tagalog"),
    Language("ne", "ne", "नेपाली"),
    Language("km", "km", "ខ្មែរ"),
    Language("my", "my", "မြန်မာ"),
    Language("mn", "mn", "Монгол"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT = BY_CODE["en"]
SOURCE_LANGUAGE = "en"

# Browser tags that do not name one of ours directly.
_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-my": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant": "zh-Hant",
    "fil": "tl",
    "in": "id",
}


def match_tag(tag: str) -> Language | None:
    """Our language for one BCP 47 tag (``pt-BR`` → pt, ``zh-TW`` → zh-Hant), or None."""
    lowered = tag.strip().lower().replace("_", "-")
    if not lowered:
        return None
    for candidate in (lowered, "-".join(lowered.split("-")[:2]), lowered.split("-")[0]):
        if candidate in _ALIASES:
            return BY_CODE[_ALIASES[candidate]]
        for language in LANGUAGES:
            if language.code.lower() == candidate:
                return language
    return None


def parse_accept_language(header: str | None) -> list[str]:
    """Tags from an Accept-Language header, best first; malformed parts are skipped."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(*preferences: str | None, accept_language: str | None = None) -> Language:
    """The first of our languages among explicit preferences, then the browser's, else English."""
    for preference in (*preferences, *parse_accept_language(accept_language)):
        if preference and (language := match_tag(preference)):
            return language
    return DEFAULT


def catalogue_path(language: Language) -> Path:
    return LOCALES_DIR / language.catalogue_dir / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> NullTranslations:
    """Compiled gettext translations for one language (read from its .po file once)."""
    language = BY_CODE[code]
    path = catalogue_path(language)
    if language.code == SOURCE_LANGUAGE or not path.is_file():
        return NullTranslations()
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=language.cldr)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@cache
def babel_locale(code: str) -> Locale:
    return Locale.parse(BY_CODE[code].cldr)


def pgettext(code: str, context: str, message: str) -> str:
    """``message`` (English) in language ``code``, as translated under ``context``."""
    translated = translations(code).pgettext(context, message)
    # Babel types the answer loosely (``str | object``); a catalogue only ever holds text.
    return translated if isinstance(translated, str) else message


@dataclass(frozen=True)
class CatalogueLabel(Mapping[str, str]):
    """The name of a catalogue entry (an attribute, a term, an allergen, a purpose) in every
    language we serve, as a mapping from language code to text.

    Japanese and English live in code: Japanese is the authoritative term staff read, English
    the gettext msgid. Every other language is looked up in its catalogue under ``context`` each
    time it is asked for, so a corrected .po needs no change here. A language we do not serve is
    not a key; callers fall back to English.
    """

    ja: str
    en: str
    context: str

    def __getitem__(self, code: str) -> str:
        if code == "ja":
            return self.ja
        if code == SOURCE_LANGUAGE:
            return self.en
        if code not in BY_CODE:
            raise KeyError(code)
        return pgettext(code, self.context, self.en)

    def __iter__(self) -> Iterator[str]:
        return (language.code for language in LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


def catalogue_label(ja: str, en: str, context: str) -> CatalogueLabel:
    """A catalogue entry's label. The message extractor reads the English and the context of
    every call (keyword ``catalogue_label`` in ``i18n.catalogues``), so pass them as literals."""
    return CatalogueLabel(ja, en, context)


# --- Numbers, dates and times: one numbering system per language -------------------------------

# The digits of the numbering systems CLDR makes a default for one of our languages: Nepali writes
# Devanagari digits and Burmese Myanmar digits; every other language (Khmer included) Latin ones.
_DIGITS = {"deva": "०१२३४५६७८९", "mymr": "၀၁၂၃၄၅၆၇၈၉", "khmr": "០១២៣៤៥៦៧៨៩"}
# Languages written in Latin script: a Latin "AM"/"PM" is their own word.
LATIN_SCRIPT = frozenset({"en", "es", "pt", "vi", "id", "tl"})


@cache
def numbering_system(code: str) -> str:
    """CLDR's default numbering system of language ``code`` ("latn", "deva", "mymr")."""
    return str(babel_locale(code).default_numbering_system)


def digits(code: str, text: str) -> str:
    """``text`` with its ASCII digits written in language ``code``'s numbering system."""
    native = _DIGITS.get(numbering_system(code))
    return text.translate(str.maketrans("0123456789", native)) if native else text


def number(code: str, value: int | float) -> str:
    """A number as language ``code`` writes it: CLDR's grouping and its default digits."""
    return digits(code, format_decimal(value, locale=babel_locale(code)))


def date_text(code: str, value: date) -> str:
    """A day as language ``code`` writes it (CLDR's medium date), in its digits."""
    return digits(code, format_date(value, "medium", locale=babel_locale(code)))


def time_text(code: str, value: datetime | time) -> str:
    """A time of day as language ``code`` writes it. Where CLDR's 12-hour clock marks the
    afternoon with a Latin "PM" in a language not written in Latin script (Khmer), the day
    period is taken from CLDR's flexible day periods in the language's own words instead."""
    locale = babel_locale(code)
    pattern = str(locale.time_formats["short"].pattern)
    if "a" in pattern and code not in LATIN_SCRIPT:
        marks = locale.day_periods["format"]["abbreviated"]
        if str(marks.get("pm", "")).isascii():
            pattern = pattern.replace("a", "B")
    return digits(code, format_time(value, pattern, locale=locale))


def moment_text(code: str, value: datetime) -> str:
    """A day and time, joined as CLDR's medium date-time pattern of language ``code`` says."""
    pattern = str(babel_locale(code).datetime_formats["medium"])
    return pattern.format(time_text(code, value), date_text(code, value.date()))
