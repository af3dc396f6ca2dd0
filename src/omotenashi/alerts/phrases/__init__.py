"""Fixed phrases for alerts, one table per language, in the manner of JMA's multilingual
dictionaries: every sentence a visitor reads was written (and is to be reviewed) by a person in that
language, never produced by machine translation. Each table has exactly the keys of ``Phrases``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from omotenashi.alerts import EASY_JAPANESE
from omotenashi.alerts.phrases import (
    burmese,
    chinese_simplified,
    chinese_traditional,
    easy_japanese,
    english,
    indonesian,
    japanese,
    khmer,
    korean,
    mongolian,
    nepali,
    portuguese,
    spanish,
    tagalog,
    thai,
    vietnamese,
)
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Mapping[str, Phrases] = MappingProxyType(
    {
        "ja": japanese.PHRASES,
        "en": english.PHRASES,
        "zh-Hans": chinese_simplified.PHRASES,
        "zh-Hant": chinese_traditional.PHRASES,
        "ko": korean.PHRASES,
        "es": spanish.PHRASES,
        "pt": portuguese.PHRASES,
        "vi": vietnamese.PHRASES,
        "th": thai.PHRASES,
        "id": indonesian.PHRASES,
        "tl": tagalog.PHRASES,
        "ne": nepali.PHRASES,
        "km": khmer.PHRASES,
        "my": burmese.PHRASES,
        "mn": mongolian.PHRASES,
        EASY_JAPANESE: easy_japanese.PHRASES,
    }
)
"""Phrase tables by alert language (``ALERT_LANGUAGES``)."""

__all__ = ["PHRASES", "Phrases"]
