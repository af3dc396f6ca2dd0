"""Where a visitor stays, by name: Japan's municipalities (and the wards of designated cities),
found by kanji, kana or romaji, so that nobody needs to know a local government code.

The list ships with the package (``data/municipalities.tsv``, made by
``scripts/make_municipalities.py``); the JIS X 0402 code is what the profile stores and alerts
target, and is never shown.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "municipalities.tsv"
LATIN_SCRIPT_LANGUAGES = frozenset({"en", "es", "pt", "vi", "id", "tl"})


@dataclass(frozen=True)
class Place:
    code: str
    name_ja: str
    kana: str
    romaji: str
    typed: str
    """The kana as typed on a keyboard ("taitouku"), which many visitors also write."""

    @property
    def prefecture(self) -> str:
        return self.code[:2]

    def label(self, language: str) -> str:
        """Kanji for Japanese and Chinese readers (what the signs say), romaji for Latin-script
        languages, and both for the others, whose readers see the kanji on signs around them."""
        if language in ("ja", "zh-Hans", "zh-Hant"):
            return self.name_ja.replace(" ", "")
        if language in LATIN_SCRIPT_LANGUAGES:
            return self.romaji
        return f"{self.romaji} ({self.name_ja.replace(' ', '')})"

    @property
    def search_keys(self) -> tuple[str, ...]:
        return (_key(self.name_ja), _key(self.kana), _key(self.romaji), self.typed)


def _katakana_to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _key(text: str) -> str:
    """Case, width, script of kana and separators set aside: "Taitō-ku", "たいとうく", "タイトウ"
    and "taito" all become comparable."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = unicodedata.normalize("NFKC", _katakana_to_hiragana(text)).lower()
    return "".join(c for c in text if c.isalnum())


@cache
def _all() -> dict[str, Place]:
    places = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        code, name_ja, kana, romaji, typed = line.split("\t")
        places[code] = Place(code, name_ja, kana, romaji, typed)
    return places


def get(code: str) -> Place | None:
    return _all().get(code)


def search(query: str, prefecture: str | None = None, limit: int = 8) -> list[Place]:
    """Places whose name in kanji, kana or romaji contains ``query``, those starting with it
    first; only in ``prefecture`` when given."""
    wanted = _key(query)
    if not wanted:
        return []
    found: list[tuple[int, str, Place]] = []
    for place in _all().values():
        if prefecture and place.prefecture != prefecture:
            continue
        keys = place.search_keys
        if any(key.startswith(wanted) for key in keys):
            found.append((0, place.code, place))
        elif any(wanted in key for key in keys):
            found.append((1, place.code, place))
    return [place for _, _, place in sorted(found)[:limit]]
