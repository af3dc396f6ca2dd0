"""The places an alert covers, and how their names are shown in each visitor language.

Only the 47 prefectures are ours to name: their JIS X 0401 codes and names are fixed and public.
Municipalities (JIS X 0402) and the areas JMA defines (forecast areas, seismic-intensity regions,
tsunami forecast regions, volcanoes) are named by the alert source itself, which carries both name
and code; we never keep our own list of them, so a merger or a renamed area cannot leave us stale.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from omotenashi.alerts import ALERT_LANGUAGES, EASY_JAPANESE
from omotenashi.alerts.regions import earthquake_regions, epicentres, tsunami_regions
from omotenashi.alerts.transliterate import TRANSLITERATED_LANGUAGES, transliterate
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


@dataclass(frozen=True)
class Prefecture:
    code: str
    names: Mapping[str, str]
    """The prefecture's name in each of ``ALERT_LANGUAGES``."""


# Names are kept one mapping per language, so that a reviewer of one language reads one block.
# Latin-script languages use the Hepburn romanisation as written on Japanese road signs (no macrons:
# "Hyogo", "Kochi"), except where the language has an established exonym. Thai, Chinese and Korean
# have standard names for every prefecture; for Nepali, Khmer, Burmese and Mongolian only the
# best-known prefectures have an established name in their script, and the rest keep the
# romanisation, which is what their press writes too.
_JA = {
    "01": "北海道",
    "02": "青森県",
    "03": "岩手県",
    "04": "宮城県",
    "05": "秋田県",
    "06": "山形県",
    "07": "福島県",
    "08": "茨城県",
    "09": "栃木県",
    "10": "群馬県",
    "11": "埼玉県",
    "12": "千葉県",
    "13": "東京都",
    "14": "神奈川県",
    "15": "新潟県",
    "16": "富山県",
    "17": "石川県",
    "18": "福井県",
    "19": "山梨県",
    "20": "長野県",
    "21": "岐阜県",
    "22": "静岡県",
    "23": "愛知県",
    "24": "三重県",
    "25": "滋賀県",
    "26": "京都府",
    "27": "大阪府",
    "28": "兵庫県",
    "29": "奈良県",
    "30": "和歌山県",
    "31": "鳥取県",
    "32": "島根県",
    "33": "岡山県",
    "34": "広島県",
    "35": "山口県",
    "36": "徳島県",
    "37": "香川県",
    "38": "愛媛県",
    "39": "高知県",
    "40": "福岡県",
    "41": "佐賀県",
    "42": "長崎県",
    "43": "熊本県",
    "44": "大分県",
    "45": "宮崎県",
    "46": "鹿児島県",
    "47": "沖縄県",
}

# Readings for easy Japanese, which glosses kanji in hiragana.
_KANA = {
    "01": "ほっかいどう",
    "02": "あおもりけん",
    "03": "いわてけん",
    "04": "みやぎけん",
    "05": "あきたけん",
    "06": "やまがたけん",
    "07": "ふくしまけん",
    "08": "いばらきけん",
    "09": "とちぎけん",
    "10": "ぐんまけん",
    "11": "さいたまけん",
    "12": "ちばけん",
    "13": "とうきょうと",
    "14": "かながわけん",
    "15": "にいがたけん",
    "16": "とやまけん",
    "17": "いしかわけん",
    "18": "ふくいけん",
    "19": "やまなしけん",
    "20": "ながのけん",
    "21": "ぎふけん",
    "22": "しずおかけん",
    "23": "あいちけん",
    "24": "みえけん",
    "25": "しがけん",
    "26": "きょうとふ",
    "27": "おおさかふ",
    "28": "ひょうごけん",
    "29": "ならけん",
    "30": "わかやまけん",
    "31": "とっとりけん",
    "32": "しまねけん",
    "33": "おかやまけん",
    "34": "ひろしまけん",
    "35": "やまぐちけん",
    "36": "とくしまけん",
    "37": "かがわけん",
    "38": "えひめけん",
    "39": "こうちけん",
    "40": "ふくおかけん",
    "41": "さがけん",
    "42": "ながさきけん",
    "43": "くまもとけん",
    "44": "おおいたけん",
    "45": "みやざきけん",
    "46": "かごしまけん",
    "47": "おきなわけん",
}

_HEPBURN = {
    "01": "Hokkaido",
    "02": "Aomori",
    "03": "Iwate",
    "04": "Miyagi",
    "05": "Akita",
    "06": "Yamagata",
    "07": "Fukushima",
    "08": "Ibaraki",
    "09": "Tochigi",
    "10": "Gunma",
    "11": "Saitama",
    "12": "Chiba",
    "13": "Tokyo",
    "14": "Kanagawa",
    "15": "Niigata",
    "16": "Toyama",
    "17": "Ishikawa",
    "18": "Fukui",
    "19": "Yamanashi",
    "20": "Nagano",
    "21": "Gifu",
    "22": "Shizuoka",
    "23": "Aichi",
    "24": "Mie",
    "25": "Shiga",
    "26": "Kyoto",
    "27": "Osaka",
    "28": "Hyogo",
    "29": "Nara",
    "30": "Wakayama",
    "31": "Tottori",
    "32": "Shimane",
    "33": "Okayama",
    "34": "Hiroshima",
    "35": "Yamaguchi",
    "36": "Tokushima",
    "37": "Kagawa",
    "38": "Ehime",
    "39": "Kochi",
    "40": "Fukuoka",
    "41": "Saga",
    "42": "Nagasaki",
    "43": "Kumamoto",
    "44": "Oita",
    "45": "Miyazaki",
    "46": "Kagoshima",
    "47": "Okinawa",
}

_ZH_HANS = {
    "01": "北海道",
    "02": "青森县",
    "03": "岩手县",
    "04": "宫城县",
    "05": "秋田县",
    "06": "山形县",
    "07": "福岛县",
    "08": "茨城县",
    "09": "栃木县",
    "10": "群马县",
    "11": "埼玉县",
    "12": "千叶县",
    "13": "东京都",
    "14": "神奈川县",
    "15": "新潟县",
    "16": "富山县",
    "17": "石川县",
    "18": "福井县",
    "19": "山梨县",
    "20": "长野县",
    "21": "岐阜县",
    "22": "静冈县",
    "23": "爱知县",
    "24": "三重县",
    "25": "滋贺县",
    "26": "京都府",
    "27": "大阪府",
    "28": "兵库县",
    "29": "奈良县",
    "30": "和歌山县",
    "31": "鸟取县",
    "32": "岛根县",
    "33": "冈山县",
    "34": "广岛县",
    "35": "山口县",
    "36": "德岛县",
    "37": "香川县",
    "38": "爱媛县",
    "39": "高知县",
    "40": "福冈县",
    "41": "佐贺县",
    "42": "长崎县",
    "43": "熊本县",
    "44": "大分县",
    "45": "宫崎县",
    "46": "鹿儿岛县",
    "47": "冲绳县",
}

_ZH_HANT = {
    "01": "北海道",
    "02": "青森縣",
    "03": "岩手縣",
    "04": "宮城縣",
    "05": "秋田縣",
    "06": "山形縣",
    "07": "福島縣",
    "08": "茨城縣",
    "09": "栃木縣",
    "10": "群馬縣",
    "11": "埼玉縣",
    "12": "千葉縣",
    "13": "東京都",
    "14": "神奈川縣",
    "15": "新潟縣",
    "16": "富山縣",
    "17": "石川縣",
    "18": "福井縣",
    "19": "山梨縣",
    "20": "長野縣",
    "21": "岐阜縣",
    "22": "靜岡縣",
    "23": "愛知縣",
    "24": "三重縣",
    "25": "滋賀縣",
    "26": "京都府",
    "27": "大阪府",
    "28": "兵庫縣",
    "29": "奈良縣",
    "30": "和歌山縣",
    "31": "鳥取縣",
    "32": "島根縣",
    "33": "岡山縣",
    "34": "廣島縣",
    "35": "山口縣",
    "36": "德島縣",
    "37": "香川縣",
    "38": "愛媛縣",
    "39": "高知縣",
    "40": "福岡縣",
    "41": "佐賀縣",
    "42": "長崎縣",
    "43": "熊本縣",
    "44": "大分縣",
    "45": "宮崎縣",
    "46": "鹿兒島縣",
    "47": "沖繩縣",
}

_KO = {
    "01": "홋카이도",
    "02": "아오모리현",
    "03": "이와테현",
    "04": "미야기현",
    "05": "아키타현",
    "06": "야마가타현",
    "07": "후쿠시마현",
    "08": "이바라키현",
    "09": "도치기현",
    "10": "군마현",
    "11": "사이타마현",
    "12": "지바현",
    "13": "도쿄도",
    "14": "가나가와현",
    "15": "니가타현",
    "16": "도야마현",
    "17": "이시카와현",
    "18": "후쿠이현",
    "19": "야마나시현",
    "20": "나가노현",
    "21": "기후현",
    "22": "시즈오카현",
    "23": "아이치현",
    "24": "미에현",
    "25": "시가현",
    "26": "교토부",
    "27": "오사카부",
    "28": "효고현",
    "29": "나라현",
    "30": "와카야마현",
    "31": "돗토리현",
    "32": "시마네현",
    "33": "오카야마현",
    "34": "히로시마현",
    "35": "야마구치현",
    "36": "도쿠시마현",
    "37": "가가와현",
    "38": "에히메현",
    "39": "고치현",
    "40": "후쿠오카현",
    "41": "사가현",
    "42": "나가사키현",
    "43": "구마모토현",
    "44": "오이타현",
    "45": "미야자키현",
    "46": "가고시마현",
    "47": "오키나와현",
}

_TH = {
    "01": "ฮกไกโด",
    "02": "อาโอโมริ",
    "03": "อิวาเตะ",
    "04": "มิยางิ",
    "05": "อากิตะ",
    "06": "ยามางาตะ",
    "07": "ฟูกูชิมะ",
    "08": "อิบารากิ",
    "09": "โทจิงิ",
    "10": "กุมมะ",
    "11": "ไซตามะ",
    "12": "ชิบะ",
    "13": "โตเกียว",
    "14": "คานางาวะ",
    "15": "นีงาตะ",
    "16": "โทยามะ",
    "17": "อิชิกาวะ",
    "18": "ฟูกูอิ",
    "19": "ยามานาชิ",
    "20": "นางาโนะ",
    "21": "กิฟุ",
    "22": "ชิซูโอกะ",
    "23": "ไอจิ",
    "24": "มิเอะ",
    "25": "ชิงะ",
    "26": "เกียวโต",
    "27": "โอซากะ",
    "28": "เฮียวโงะ",
    "29": "นาระ",
    "30": "วากายามะ",
    "31": "ทตโตริ",
    "32": "ชิมาเนะ",
    "33": "โอกายามะ",
    "34": "ฮิโรชิมะ",
    "35": "ยามางูจิ",
    "36": "โทกูชิมะ",
    "37": "คางาวะ",
    "38": "เอฮิเมะ",
    "39": "โคจิ",
    "40": "ฟูกูโอกะ",
    "41": "ซางะ",
    "42": "นางาซากิ",
    "43": "คูมาโมโตะ",
    "44": "โออิตะ",
    "45": "มิยาซากิ",
    "46": "คาโงชิมะ",
    "47": "โอกินาวะ",
}

_NAMES_BY_LANGUAGE: dict[str, Mapping[str, str]] = {
    "ja": _JA,
    EASY_JAPANESE: {code: f"{name}（{_KANA[code]}）" for code, name in _JA.items()},
    "en": _HEPBURN,
    "zh-Hans": _ZH_HANS,
    "zh-Hant": _ZH_HANT,
    "ko": _KO,
    "es": _HEPBURN | {"13": "Tokio", "26": "Kioto"},
    "pt": _HEPBURN | {"13": "Tóquio", "26": "Quioto"},
    "vi": _HEPBURN,
    "th": _TH,
    "id": _HEPBURN,
    "tl": _HEPBURN,
    "ne": _HEPBURN
    | {
        "01": "होक्काइडो",
        "13": "टोकियो",
        "26": "क्योटो",
        "27": "ओसाका",
        "34": "हिरोसिमा",
        "42": "नागासाकी",
        "47": "ओकिनावा",
    },
    "km": _HEPBURN | {"13": "តូក្យូ", "26": "ក្យូតូ", "27": "អូសាកា", "34": "ហ៊ីរ៉ូស៊ីម៉ា"},
    "my": _HEPBURN
    | {
        "13": "တိုကျို",
        "26": "ကျိုတို",
        "27": "အိုဆာကာ",
        "34": "ဟီရိုရှီးမား",
        "42": "နာဂါဆာကီ",
    },
    "mn": _HEPBURN
    | {
        "01": "Хоккайдо",
        "13": "Токио",
        "26": "Киото",
        "27": "Осака",
        "34": "Хирошима",
        "42": "Нагасаки",
        "47": "Окинава",
    },
}

PREFECTURES: Mapping[str, Prefecture] = MappingProxyType(
    {
        code: Prefecture(
            code,
            MappingProxyType(
                {language: _NAMES_BY_LANGUAGE[language][code] for language in ALERT_LANGUAGES}
            ),
        )
        for code in _JA
    }
)
"""The 47 prefectures by JIS X 0401 code, "01" 北海道 to "47" 沖縄県."""

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
    for code, name in _JA.items():
        kana = _KANA[code]
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
