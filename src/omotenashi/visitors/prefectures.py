"""Japan's 47 prefectures named in every visitor language, for the visitor's side (the stay step,
the visitor's pages).

One row per prefecture in ``data/prefectures.tsv``: its JIS X 0401 code, then its name in each of
the 15 languages, a column each, so a reviewer of one language reads one column. Latin-script
languages write the Hepburn romanisation of road signs ("Hyogo"), or their exonym ("Tokio");
Chinese, Korean and Thai their standard names; Nepali, Khmer, Burmese and Mongolian the name
transliterated into their own script, as their press writes the best-known ones ("टोकियो",
"តូក្យូ", "တိုကျို", "Токио"), so that no visitor meets a romanised name in a page of theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

DATA = Path(__file__).parent / "data" / "prefectures.tsv"


@cache
def _table() -> Mapping[str, Mapping[str, str]]:
    header, *rows = DATA.read_text(encoding="utf-8").splitlines()
    languages = header.split("\t")[1:]
    table = {}
    for row in rows:
        code, *names = row.split("\t")
        table[code] = MappingProxyType(dict(zip(languages, names, strict=True)))
    return MappingProxyType(table)


def codes() -> tuple[str, ...]:
    """ "01" 北海道 to "47" 沖縄県."""
    return tuple(_table())


def name(code: str, language: str) -> str:
    """The prefecture's name in ``language`` (English for a language we do not serve)."""
    names = _table()[code]
    return names.get(language, names["en"])


def choices(language: str) -> list[tuple[str, str]]:
    """(code, name) of every prefecture, north to south as Japan lists them."""
    return [(code, name(code, language)) for code in _table()]
