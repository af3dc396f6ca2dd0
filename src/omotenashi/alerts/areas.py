"""The places an alert covers, and how their names are shown in each visitor language.

Only the 47 prefectures are ours to name: their JIS X 0401 codes and names are fixed and public.
Municipalities (JIS X 0402) and the areas JMA defines (forecast areas, seismic-intensity regions,
tsunami forecast regions, volcanoes) are named by the alert source itself, which carries both name
and code; we never keep our own list of them, so a merger or a renamed area cannot leave us stale.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from omotenashi.alerts import ALERT_LANGUAGES, EASY_JAPANESE
from omotenashi.alerts.regions import earthquake_regions, epicentres, tsunami_regions
from omotenashi.alerts.transliterate import TRANSLITERATED_LANGUAGES, transliterate
from omotenashi.japan import PREFECTURE_READINGS, PREFECTURES
from omotenashi.visitors import prefectures as prefecture_names


class AreaKind(StrEnum):
    PREFECTURE = "prefecture"
    MUNICIPALITY = "municipality"
    JMA_FORECAST_AREA = "jma_forecast_area"
    """Any area JMA names and codes in its reports: forecast areas, seismic-intensity regions,
    volcanoes, its 7-digit municipality subdivisions."""
    TSUNAMI_REGION = "jma_tsunami_region"
    """A tsunami forecast region (津波予報区), resolved through JMA's code table (``regions``)."""
    EARTHQUAKE_REGION = "jma_earthquake_region"
    """A seismic intensity region (地震情報／細分区域), resolved through JMA's code table."""
    EPICENTRE = "jma_epicentre"
    """An epicentre name (震央地名): a land area, sea area or area abroad, resolved through JMA's
    code table."""
    CIRCLE = "circle"
    POLYGON = "polygon"


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude) and -90 <= self.latitude <= 90):
            raise ValueError(f"latitude {self.latitude} is not between -90 and 90")
        if not (math.isfinite(self.longitude) and -180 <= self.longitude <= 180):
            raise ValueError(f"longitude {self.longitude} is not between -180 and 180")


@dataclass(frozen=True)
class Circle:
    centre: Point
    radius_m: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.radius_m) and self.radius_m > 0):
            raise ValueError(f"radius {self.radius_m} m is not a positive distance")


@dataclass(frozen=True)
class Polygon:
    """A simple ring of WGS 84 points; the closing point may be given or left implicit."""

    vertices: tuple[Point, ...]

    def __post_init__(self) -> None:
        if len(set(self.vertices)) < 3:
            raise ValueError("a polygon needs at least three distinct vertices")


Geometry = Circle | Polygon

_MUNICIPALITY_CODE = re.compile(r"[0-9]{5}([0-9])?")
_DIGITS = re.compile(r"[0-9]+")
_CHECK_WEIGHTS = (6, 5, 4, 3, 2)


def _jis_x0402_check_digit(first_five: str) -> int:
    """The sixth digit of a local government code: 11 minus the weighted sum modulo 11, units only
    (Ministry of Internal Affairs' rule; 13101 千代田区 → 131016)."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_five, _CHECK_WEIGHTS, strict=True)
    )
    return (11 - total % 11) % 10


@dataclass(frozen=True)
class Area:
    """One place an alert covers.

    ``code`` identifies it within its kind: the JIS X 0401 code of a prefecture ("13"), the JIS X
    0402 code of a municipality (5 digits, or 6 with the check digit), JMA's own code for its areas,
    or the source's identifier for a drawn circle or polygon. ``name_romanised`` is shown to readers
    of Latin-script languages when the source provides one.
    """

    kind: AreaKind
    code: str
    name_ja: str
    name_romanised: str | None = None
    geometry: Geometry | None = None

    def __post_init__(self) -> None:
        if not self.name_ja.strip():
            raise ValueError(f"{self.kind} area {self.code!r} has no Japanese name")
        if self.name_romanised is not None and not self.name_romanised.strip():
            raise ValueError(f"{self.kind} area {self.code!r} has a blank romanised name")
        match self.kind:
            case AreaKind.PREFECTURE:
                prefecture = PREFECTURES.get(self.code)
                if prefecture is None:
                    raise ValueError(f"{self.code!r} is not a JIS X 0401 prefecture code")
                if self.name_ja != prefecture.names["ja"]:
                    raise ValueError(f"prefecture {self.code} is {prefecture.names['ja']}")
            case AreaKind.MUNICIPALITY:
                match = _MUNICIPALITY_CODE.fullmatch(self.code)
                if match is None:
                    raise ValueError(f"{self.code!r} is not a 5- or 6-digit JIS X 0402 code")
                if match.group(1) is not None and int(match.group(1)) != _jis_x0402_check_digit(
                    self.code[:5]
                ):
                    raise ValueError(f"the check digit of municipality code {self.code} is wrong")
            case (
                AreaKind.JMA_FORECAST_AREA
                | AreaKind.TSUNAMI_REGION
                | AreaKind.EARTHQUAKE_REGION
                | AreaKind.EPICENTRE
            ):
                if _DIGITS.fullmatch(self.code) is None:
                    raise ValueError(f"{self.code!r} is not a JMA area code")
            case AreaKind.CIRCLE | AreaKind.POLYGON:
                if not self.code.strip():
                    raise ValueError(f"a {self.kind} area needs an identifier")
        expected = {AreaKind.CIRCLE: Circle, AreaKind.POLYGON: Polygon}.get(self.kind)
        if expected is None and self.geometry is not None:
            raise ValueError(f"a {self.kind} area is named by its code, not drawn")
        if expected is not None and not isinstance(self.geometry, expected):
            raise ValueError(f"a {self.kind} area needs a {expected.__name__.lower()} geometry")

    @classmethod
    def prefecture(cls, code: str) -> Area:
        """The prefecture with JIS X 0401 ``code``, named from our table."""
        prefecture = PREFECTURES.get(code)
        if prefecture is None:
            raise ValueError(f"{code!r} is not a JIS X 0401 prefecture code")
        return cls(AreaKind.PREFECTURE, code, prefecture.names["ja"])


LATIN_SCRIPT_LANGUAGES = frozenset({"en", "es", "pt", "vi", "id", "tl"})
"""Languages whose readers get a place's romanised name, when the source gives one, rather than its
Japanese name."""


def area_name(area: Area, language: str) -> str:
    """The name of ``area`` as a reader of ``language`` (one of ``ALERT_LANGUAGES``) should see it.

    Prefectures are named from our table, and so are JMA's 府県予報区 (a prefecture by another
    code). A tsunami forecast region is named from JMA's code table: in English by its English
    name, in other languages not written in kanji by the Hepburn romanisation of its reading,
    each with the Japanese in brackets to show to someone local; in easy Japanese with its
    reading. A seismic intensity region likewise from its code table, by the romanisation of its
    reading in Latin-script languages (English included), and so is an epicentre (震央地名)
    from JMA's table of them; Korean, Mongolian, Thai, Nepali, Khmer and Burmese readers get
    these three transliterated into their script, Chinese readers the kanji (``_region_name``).
    Other areas by the source's romanisation for Latin-script readers when there is one, else by
    their Japanese name, which is also what is written on the signs around the visitor.
    """
    if language not in ALERT_LANGUAGES:
        raise ValueError(f"{language!r} is not an alert language")
    if area.kind is AreaKind.PREFECTURE:
        return PREFECTURES[area.code].names[language]
    if area.kind is AreaKind.JMA_FORECAST_AREA:
        prefecture = forecast_district_prefecture(area)
        if prefecture is not None:
            return PREFECTURES[prefecture].names[language]
    if area.kind is AreaKind.TSUNAMI_REGION:
        region = tsunami_regions().regions.get(area.code)
        if region is not None:
            return _region_name(
                region.name_ja, region.reading, region.romanised, region.name_en, language
            )
    if area.kind is AreaKind.EARTHQUAKE_REGION:
        quake_region = earthquake_regions().regions.get(area.code)
        if quake_region is not None:
            return _region_name(
                quake_region.name_ja,
                quake_region.reading,
                quake_region.romanised,
                quake_region.romanised,
                language,
            )
    if area.kind is AreaKind.EPICENTRE:
        epicentre = epicentres().regions.get(area.code)
        if epicentre is not None:
            return _region_name(
                epicentre.name_ja,
                epicentre.reading,
                epicentre.romanised,
                epicentre.name_en,
                language,
            )
    if language in LATIN_SCRIPT_LANGUAGES and area.name_romanised is not None:
        return area.name_romanised
    return area.name_ja


KANJI_READING_LANGUAGES = frozenset({"ja", "zh-Hans", "zh-Hant"})
"""Languages whose readers read a Japanese place name in kanji as it is written."""


def _prefecture_prefix(name_ja: str, reading: str) -> tuple[str, str, str] | None:
    """(prefecture code, rest of the name, rest of the reading) when ``name_ja`` starts with a
    prefecture's full name and ``reading`` with its reading (石川県能登 → 17, 能登, のと)."""
    for code, prefecture in PREFECTURES.items():
        name, kana = prefecture.names["ja"], PREFECTURE_READINGS[code]
        if name_ja.startswith(name) and reading.startswith(kana):
            return code, name_ja.removeprefix(name), reading.removeprefix(kana)
    return None


@cache
def _region_name(name_ja: str, reading: str, romanised: str, english: str, language: str) -> str:
    """A JMA region named for a reader of ``language``: Chinese readers read the kanji, with
    the prefecture in their own forms (石川县能登); the Latin scripts get the romanisation, the
    others the reading transliterated into their script (``transliterate``), the prefecture by
    its name in that language (이시카와현 노토); the Japanese follows in brackets."""
    if language == "ja":
        return name_ja
    prefix = _prefecture_prefix(name_ja, reading)
    if language in {"zh-Hans", "zh-Hant"}:
        if prefix is None:
            return name_ja
        code, rest, _ = prefix
        return prefecture_names.name(code, language) + rest
    if language == EASY_JAPANESE:
        return f"{name_ja}（{reading}）"
    if language in TRANSLITERATED_LANGUAGES:
        if prefix is None:
            local = transliterate(reading, language)
        else:
            code, _, rest_reading = prefix
            local = prefecture_names.name(code, language)
            if rest_reading:
                local += " " + transliterate(rest_reading, language)
        return f"{local} ({name_ja})"
    latin = english if language == "en" else romanised
    return f"{latin} ({name_ja})"


def forecast_district_prefecture(area: Area) -> str | None:
    """The prefecture a JMA 府県予報区 code stands for: "9" + the JIS X 0401 code + one digit
    (9171 石川県), as earthquake early warnings name their areas."""
    code = area.code
    if len(code) == 4 and code[0] == "9" and code[1:3] in PREFECTURES:
        return code[1:3]
    return None
