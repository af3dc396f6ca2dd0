"""Japan as every domain sees it: its time zone, its 47 prefectures (JIS X 0401) with their names
in each visitor language, and the tile grid that draws them as a map.

A kernel module: alerts name the prefectures an alert covers, statistics count visitors by them,
and both draw the same map; none of them owns Japan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

from omotenashi.i18n import LANGUAGES

JST = ZoneInfo("Asia/Tokyo")
"""Japan Standard Time: the zone of every day, hour and opening time the product shows or counts."""

EASY_JAPANESE = "ja-x-easy"
"""Easy Japanese (やさしい日本語), as a BCP 47 private-use tag on Japanese. JMA's multilingual
dictionaries carry it beside the foreign languages; for a visitor who reads some Japanese it is
often clearer than a translation."""

NAME_LANGUAGES: tuple[str, ...] = (*(language.code for language in LANGUAGES), EASY_JAPANESE)
"""The languages a prefecture is named in: the JTA "Safety tips" 15, then easy Japanese."""


@dataclass(frozen=True)
class Prefecture:
    code: str
    names: Mapping[str, str]
    """The prefecture's name in each of ``NAME_LANGUAGES``."""


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
                {language: _NAMES_BY_LANGUAGE[language][code] for language in NAME_LANGUAGES}
            ),
        )
        for code in _JA
    }
)
"""The 47 prefectures by JIS X 0401 code, "01" 北海道 to "47" 沖縄県."""

PREFECTURE_READINGS: Mapping[str, str] = MappingProxyType(_KANA)
"""Each prefecture's full name in kana, by code (石川県: いしかわけん)."""


# --- A tile-grid cartogram: each prefecture one square, placed roughly where it lies, Hokkaidō at
# the top right and Okinawa at the bottom left. (row, column) by JIS X 0401 code.

_ROWS = (
    ((12, "01"),),
    ((12, "02"),),
    ((11, "05"), (12, "03")),
    ((11, "06"), (12, "04")),
    ((8, "17"), (9, "16"), (10, "15"), (11, "07")),
    ((7, "18"), (8, "21"), (9, "20"), (10, "10"), (11, "09")),
    (
        *((2, "35"), (3, "32"), (4, "31"), (5, "28"), (6, "26")),
        *((7, "25"), (8, "23"), (9, "19"), (10, "11"), (11, "08")),
    ),
    (
        *((1, "40"), (3, "34"), (4, "33"), (5, "27"), (6, "29")),
        *((7, "24"), (8, "22"), (9, "14"), (10, "13"), (11, "12")),
    ),
    ((0, "42"), (1, "41"), (2, "44"), (3, "38"), (4, "37"), (6, "30")),
    ((1, "43"), (2, "45"), (3, "39"), (4, "36")),
    ((0, "47"), (1, "46")),
)

TILES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {code: (row + 1, column + 1) for row, tiles in enumerate(_ROWS) for column, code in tiles}
)
