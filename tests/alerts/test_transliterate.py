"""Place names in the visitor's own script: JMA's regions and epicentres transliterated from their
kana reading by the rule table of each script (``alerts.transliterate``)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from omotenashi.alerts import ALERT_LANGUAGES, EASY_JAPANESE
from omotenashi.alerts.areas import LATIN_SCRIPT_LANGUAGES, Area, AreaKind, area_name
from omotenashi.alerts.regions import earthquake_regions, epicentres, tsunami_regions
from omotenashi.alerts.transliterate import TRANSLITERATED_LANGUAGES, transliterate

SCRIPT = {
    "ko": "HANGUL",
    "mn": "CYRILLIC",
    "th": "THAI",
    "ne": "DEVANAGARI",
    "km": "KHMER",
    "my": "MYANMAR",
}


@pytest.mark.parametrize(
    ("reading", "language", "expected"),
    [
        # 외래어 표기법: unaspirated at the start of a word, aspirated inside; つ 쓰; long vowels
        # unwritten; ん ㄴ and っ ㅅ as finals.
        ("のと", "ko", "노토"),
        ("とうきょう", "ko", "도쿄"),
        ("ほっかいどう", "ko", "홋카이도"),
        ("きゅうしゅう", "ko", "규슈"),
        ("つがる", "ko", "쓰가루"),
        ("ちば", "ko", "지바"),
        ("しもだ", "ko", "시모다"),
        ("おおさか", "ko", "오사카"),
        # Polivanov.
        ("とうきょう", "mn", "Токё"),
        ("おおさか", "mn", "Осака"),
        ("しもだ", "mn", "Симода"),
        ("のと", "mn", "Ното"),
        ("ぐんま", "mn", "Гумма"),
        # Thai as its press writes Japanese.
        ("おおさか", "th", "โอซากะ"),
        ("しもだ", "th", "ชิโมดะ"),
        ("のと", "th", "โนโตะ"),
        ("ほっかいどう", "th", "ฮกไกโด"),
        ("とっとり", "th", "ทตโตริ"),
        ("ぐんま", "th", "กุมมะ"),
        ("おおさか", "ne", "ओसाका"),
        ("しもだ", "ne", "शिमोदा"),
        ("とうきょう", "km", "តូក្យូ"),
        ("おおさか", "km", "អូសាកា"),
        ("きょうと", "km", "ក្យូតូ"),
        ("とうきょう", "my", "တိုကျို"),
        ("おおさか", "my", "အိုဆာကာ"),
    ],
)
def test_a_reading_is_written_by_the_rules_of_the_script(
    reading: str, language: str, expected: str
) -> None:
    assert transliterate(reading, language) == expected


def test_a_name_that_starts_with_a_prefecture_names_it_as_the_language_does() -> None:
    noto = Area(AreaKind.EARTHQUAKE_REGION, "390", "石川県能登")
    assert area_name(noto, "ko") == "이시카와현 노토 (石川県能登)"
    assert area_name(noto, "th") == "อิชิกาวะ โนโตะ (石川県能登)"
    assert area_name(noto, "mn") == "Ишикава Ното (石川県能登)"
    assert area_name(noto, "zh-Hans") == "石川县能登"
    assert area_name(noto, "zh-Hant") == "石川縣能登"
    wards = Area(AreaKind.EPICENTRE, "350", "東京都２３区")
    assert area_name(wards, "th") == "โตเกียว นิจุซันกุ (東京都２３区)"
    assert area_name(wards, "mn") == "Токио Нидзюсанку (東京都２３区)"
    assert area_name(wards, "zh-Hans") == "东京都２３区"
    izu = Area(AreaKind.EPICENTRE, "440", "静岡県伊豆地方")
    assert area_name(izu, "ko") == "시즈오카현 이즈치호 (静岡県伊豆地方)"
    shimoda_coast = Area(AreaKind.TSUNAMI_REGION, "320", "伊豆諸島")
    assert area_name(shimoda_coast, "ko") == "이즈쇼토 (伊豆諸島)"


def _areas() -> list[Area]:
    areas = [
        Area(AreaKind.TSUNAMI_REGION, code, region.name_ja)
        for code, region in tsunami_regions().regions.items()
    ]
    areas += [
        Area(AreaKind.EARTHQUAKE_REGION, code, region.name_ja)
        for code, region in earthquake_regions().regions.items()
    ]
    areas += [
        Area(AreaKind.EPICENTRE, code, region.name_ja)
        for code, region in epicentres().regions.items()
    ]
    return areas


def test_every_region_and_epicentre_reads_in_every_alert_language_in_its_script() -> None:
    areas = _areas()
    assert len(areas) == 66 + 188 + 364
    for area in areas:
        for language in ALERT_LANGUAGES:
            shown = area_name(area, language)
            assert shown.strip(), (area, language)
            if language in {"ja", "zh-Hans", "zh-Hant"}:
                assert not re.search(r"[A-Za-z]", shown), (area, language, shown)
                continue
            if language == EASY_JAPANESE:
                assert shown.startswith(area.name_ja), (area, shown)
                continue
            local, japanese = shown.rsplit(" (", 1)
            assert japanese == f"{area.name_ja})", (area, language, shown)
            assert local.strip(), (area, language, shown)
            if language in LATIN_SCRIPT_LANGUAGES:
                assert re.fullmatch(r"[A-Za-z0-9 ,'()-]+", local), (area, language, shown)
                continue
            assert language in TRANSLITERATED_LANGUAGES
            for char in local:
                if char in " ,.-":
                    continue
                name = unicodedata.name(char)
                assert SCRIPT[language] in name or "COMBINING" in name, (
                    area,
                    language,
                    shown,
                    char,
                )
