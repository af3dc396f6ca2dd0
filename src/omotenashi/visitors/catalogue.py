"""The attribute catalogue: every fact a visitor's profile can hold, with its type, sensitivity,
labels and vocabulary, and the checks a value must pass.

Defined in code and versioned: a consent receipt or an export names ``CATALOGUE_VERSION`` so the
attribute keys it lists can be read later. Change a key's meaning only with a new version.

Normalised values are JSON-ready (dates as ISO 8601 strings, sets as ordered lists), because they
are stored as JSON, in clear or sealed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

from babel import Locale

from omotenashi.errors import FieldError
from omotenashi.i18n import catalogue_label
from omotenashi.japan import JST

CATALOGUE_VERSION = "2026-12-05"

# Language code → label, for every language we serve: Japanese and English from code, the others
# from the gettext catalogues (``omotenashi.i18n.CatalogueLabel``).
Labels = Mapping[str, str]


class Sensitivity(StrEnum):
    personal = "personal"
    # 要配慮個人情報 under APPI (creed-derived diet, allergies, disability): prior consent to
    # collect, never provided by opt-out.
    sensitive = "sensitive"
    identity_document = "identity_document"


class AttributeType(StrEnum):
    text = "text"
    person_name = "person_name"
    date = "date"
    country = "country"
    languages = "languages"
    enum = "enum"
    enum_set = "enum_set"
    passport = "passport"
    address = "address"
    email = "email"
    phone = "phone"
    stay = "stay"
    contact = "contact"


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary (``halal``, ``wheelchair``) with its labels."""

    key: str
    labels: Labels = field(hash=False)

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class Attribute:
    key: str
    type: AttributeType
    sensitivity: Sensitivity
    labels: Labels = field(hash=False)
    vocabulary: tuple[Term, ...] | None = None

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]

    def term_keys(self) -> tuple[str, ...]:
        return tuple(term.key for term in self.vocabulary or ())


# --- Allergens (Japan's food labelling rules, FACTS.md) -----------------------------------------

AllergenCategory = Literal["mandatory", "recommended"]


@dataclass(frozen=True)
class AllergenRule:
    """An allergen's place in the labelling rules over a span of days.

    ``effective_until`` is exclusive: the first day the rule no longer applies.
    """

    key: str
    labels: Labels = field(hash=False)
    category: AllergenCategory
    effective_from: date
    effective_until: date | None = None

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]

    def in_force(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_until is None or day < self.effective_until
        )


# The 8 + 20 list as FACTS.md gives it. Its last change before the December 2025 decision was the
# Consumer Affairs Agency notice of 2024-03-28 (macadamia added, matsutake removed); earlier
# history (walnut only recommended until 2023) is not modelled, so days before this are refused.
# To be confirmed against the agency's notice.
ALLERGEN_DATA_FROM = date(2024, 3, 28)

# December 2025 decision (FACTS.md): cashew becomes mandatory, pistachio becomes recommended.
# FACTS.md gives the month only. The day the amended notice takes effect, and the end of its
# transition period, must be confirmed and this constant corrected.
DECISION_2025_12 = date(2025, 12, 1)


def _rule(
    key: str,
    labels: Labels,
    category: AllergenCategory,
    effective_from: date = ALLERGEN_DATA_FROM,
    effective_until: date | None = None,
) -> AllergenRule:
    return AllergenRule(key, labels, category, effective_from, effective_until)


ALLERGEN_RULES: tuple[AllergenRule, ...] = (
    # 特定原材料 (mandatory)
    _rule("shrimp", catalogue_label("えび", "Shrimp", "allergen"), "mandatory"),
    _rule("crab", catalogue_label("かに", "Crab", "allergen"), "mandatory"),
    _rule("walnut", catalogue_label("くるみ", "Walnut", "allergen"), "mandatory"),
    _rule("wheat", catalogue_label("小麦", "Wheat", "allergen"), "mandatory"),
    _rule("buckwheat", catalogue_label("そば", "Buckwheat (soba)", "allergen"), "mandatory"),
    _rule("egg", catalogue_label("卵", "Egg", "allergen"), "mandatory"),
    _rule("milk", catalogue_label("乳", "Milk", "allergen"), "mandatory"),
    _rule("peanut", catalogue_label("落花生", "Peanut", "allergen"), "mandatory"),
    _rule(
        "cashew",
        catalogue_label("カシューナッツ", "Cashew nut", "allergen"),
        "mandatory",
        DECISION_2025_12,
    ),
    # 特定原材料に準ずるもの (recommended)
    _rule("almond", catalogue_label("アーモンド", "Almond", "allergen"), "recommended"),
    _rule("abalone", catalogue_label("あわび", "Abalone", "allergen"), "recommended"),
    _rule("squid", catalogue_label("いか", "Squid", "allergen"), "recommended"),
    _rule("salmon_roe", catalogue_label("いくら", "Salmon roe (ikura)", "allergen"), "recommended"),
    _rule("orange", catalogue_label("オレンジ", "Orange", "allergen"), "recommended"),
    _rule(
        "cashew",
        catalogue_label("カシューナッツ", "Cashew nut", "allergen"),
        "recommended",
        effective_until=DECISION_2025_12,
    ),
    _rule("kiwi", catalogue_label("キウイフルーツ", "Kiwi fruit", "allergen"), "recommended"),
    _rule("beef", catalogue_label("牛肉", "Beef", "allergen"), "recommended"),
    _rule("sesame", catalogue_label("ごま", "Sesame", "allergen"), "recommended"),
    _rule("salmon", catalogue_label("さけ", "Salmon", "allergen"), "recommended"),
    _rule("mackerel", catalogue_label("さば", "Mackerel", "allergen"), "recommended"),
    _rule("soy", catalogue_label("大豆", "Soybean", "allergen"), "recommended"),
    _rule("chicken", catalogue_label("鶏肉", "Chicken", "allergen"), "recommended"),
    _rule("banana", catalogue_label("バナナ", "Banana", "allergen"), "recommended"),
    _rule("pork", catalogue_label("豚肉", "Pork", "allergen"), "recommended"),
    _rule(
        "macadamia", catalogue_label("マカダミアナッツ", "Macadamia nut", "allergen"), "recommended"
    ),
    _rule("peach", catalogue_label("もも", "Peach", "allergen"), "recommended"),
    _rule("yam", catalogue_label("やまいも", "Yam (yamaimo)", "allergen"), "recommended"),
    _rule("apple", catalogue_label("りんご", "Apple", "allergen"), "recommended"),
    _rule("gelatin", catalogue_label("ゼラチン", "Gelatin", "allergen"), "recommended"),
    _rule(
        "pistachio",
        catalogue_label("ピスタチオ", "Pistachio", "allergen"),
        "recommended",
        DECISION_2025_12,
    ),
)


def allergens_on(day: date) -> tuple[AllergenRule, ...]:
    """The allergen rules in force on ``day``, mandatory first.

    Raises ValueError for a day before ``ALLERGEN_DATA_FROM``: the data does not reach back there.
    """
    if day < ALLERGEN_DATA_FROM:
        raise ValueError(f"allergen rules are recorded from {ALLERGEN_DATA_FROM.isoformat()} on")
    in_force = [rule for rule in ALLERGEN_RULES if rule.in_force(day)]
    return tuple(sorted(in_force, key=lambda rule: rule.category != "mandatory"))


@cache
def allergen_keys() -> tuple[str, ...]:
    """Every allergen any rule names, past or future: what a visitor may declare."""
    return tuple(dict.fromkeys(rule.key for rule in ALLERGEN_RULES))


def _allergen_terms() -> tuple[Term, ...]:
    first = {rule.key: rule for rule in reversed(ALLERGEN_RULES)}
    return tuple(Term(key, first[key].labels) for key in allergen_keys())


# --- Vocabularies ---------------------------------------------------------------------------------


def _terms(*entries: tuple[str, Labels]) -> tuple[Term, ...]:
    return tuple(Term(key, labels) for key, labels in entries)


SEXES = _terms(
    # ICAO 9303: F, M, or X (unspecified; "<" in the MRZ).
    ("F", catalogue_label("女性", "Female", "sex")),
    ("M", catalogue_label("男性", "Male", "sex")),
    ("X", catalogue_label("指定なし", "Unspecified", "sex")),
)

DIETARY_NEEDS = _terms(
    ("halal", catalogue_label("ハラール", "Halal", "dietary need")),
    ("kosher", catalogue_label("コーシャ", "Kosher", "dietary need")),
    (
        "vegetarian",
        catalogue_label(
            "ベジタリアン（卵・乳製品は可）", "Vegetarian (eggs and dairy allowed)", "dietary need"
        ),
    ),
    (
        "lacto_vegetarian",
        catalogue_label(
            "ラクト・ベジタリアン（乳製品は可・卵は不可）",
            "Lacto-vegetarian (no eggs)",
            "dietary need",
        ),
    ),
    ("vegan", catalogue_label("ヴィーガン", "Vegan", "dietary need")),
    (
        "pescatarian",
        catalogue_label(
            "ペスカタリアン（魚介は可）", "Pescatarian (fish and seafood allowed)", "dietary need"
        ),
    ),
    ("no_pork", catalogue_label("豚肉不可", "No pork", "dietary need")),
    ("no_beef", catalogue_label("牛肉不可", "No beef", "dietary need")),
    (
        "no_alcohol",
        catalogue_label(
            "アルコール不可（料理酒・みりんを含む）",
            "No alcohol (including in cooking)",
            "dietary need",
        ),
    ),
    ("gluten_free", catalogue_label("グルテンフリー", "Gluten-free", "dietary need")),
    (
        "lactose_free",
        catalogue_label("乳糖不耐（ラクトースフリー）", "Lactose-free", "dietary need"),
    ),
    (
        "no_garlic_onion",
        catalogue_label("ニンニク・ネギ類不可（五葷）", "No garlic, onion or leek", "dietary need"),
    ),
    ("no_root_vegetables", catalogue_label("根菜不可", "No root vegetables", "dietary need")),
)

# The statuses of residence (在留資格, Immigration Control Act, appended table) a landing permit
# gives a visitor who may buy tax-free as a non-resident: almost every visitor lands as a
# Temporary Visitor; diplomats and officials on mission land under their own statuses. Residents'
# statuses (work, study, permanent residence) make a person a resident, not a tax-free buyer, and
# are not offered. FACTS.md lists no others.
STATUSES_OF_RESIDENCE = _terms(
    ("temporary_visitor", catalogue_label("短期滞在", "Temporary Visitor", "status of residence")),
    ("diplomat", catalogue_label("外交", "Diplomat", "status of residence")),
    ("official", catalogue_label("公用", "Official", "status of residence")),
)

ACCESSIBILITY_NEEDS = _terms(
    ("wheelchair", catalogue_label("車いす", "Wheelchair user", "accessibility need")),
    ("walking_aid", catalogue_label("杖・歩行補助具", "Walking aid", "accessibility need")),
    ("step_free_route", catalogue_label("段差のない経路", "Step-free route", "accessibility need")),
    (
        "accessible_toilet",
        catalogue_label("多機能トイレ", "Accessible toilet", "accessibility need"),
    ),
    ("stroller", catalogue_label("ベビーカー", "Stroller", "accessibility need")),
    ("visual", catalogue_label("視覚障害", "Blind or low vision", "accessibility need")),
    ("hearing", catalogue_label("聴覚障害", "Deaf or hard of hearing", "accessibility need")),
    ("sign_language", catalogue_label("手話", "Sign language", "accessibility need")),
    (
        "written_communication",
        catalogue_label("筆談", "Written communication", "accessibility need"),
    ),
    ("easy_japanese", catalogue_label("やさしい日本語", "Easy Japanese", "accessibility need")),
    ("service_animal", catalogue_label("補助犬", "Service animal", "accessibility need")),
    ("quiet_space", catalogue_label("静かな場所", "Quiet space", "accessibility need")),
)


# --- The attributes -------------------------------------------------------------------------------

_P, _S, _ID = Sensitivity.personal, Sensitivity.sensitive, Sensitivity.identity_document
_T = AttributeType

_ATTRIBUTE_LIST: tuple[Attribute, ...] = (
    Attribute(
        "name",
        _T.person_name,
        _P,
        catalogue_label("氏名（旅券記載）", "Name (as in passport)", "attribute"),
    ),
    Attribute("nationality", _T.country, _P, catalogue_label("国籍", "Nationality", "attribute")),
    Attribute(
        "preferred_languages",
        _T.languages,
        _P,
        catalogue_label("希望言語", "Preferred languages", "attribute"),
    ),
    Attribute(
        "date_of_birth", _T.date, _P, catalogue_label("生年月日", "Date of birth", "attribute")
    ),
    Attribute("sex", _T.enum, _P, catalogue_label("性別", "Sex", "attribute"), SEXES),
    Attribute("passport", _T.passport, _ID, catalogue_label("旅券", "Passport", "attribute")),
    # From the landing permit (上陸許可) the immigration officer puts in the passport on arrival;
    # the MRZ does not carry them. Items of the tax-free purchase record (FACTS.md).
    Attribute(
        "status_of_residence",
        _T.enum,
        _ID,
        catalogue_label("在留資格", "Status of residence", "attribute"),
        STATUSES_OF_RESIDENCE,
    ),
    Attribute(
        "landing_date", _T.date, _ID, catalogue_label("上陸年月日", "Date of landing", "attribute")
    ),
    Attribute("home_address", _T.address, _P, catalogue_label("住所", "Home address", "attribute")),
    Attribute("email", _T.email, _P, catalogue_label("メールアドレス", "E-mail", "attribute")),
    Attribute("phone", _T.phone, _P, catalogue_label("電話番号", "Phone", "attribute")),
    Attribute(
        "dietary_needs",
        _T.enum_set,
        _S,
        catalogue_label("食事の配慮", "Dietary needs", "attribute"),
        DIETARY_NEEDS,
    ),
    Attribute(
        "allergens",
        _T.enum_set,
        _S,
        catalogue_label("アレルギー", "Allergies", "attribute"),
        _allergen_terms(),
    ),
    Attribute(
        "accessibility_needs",
        _T.enum_set,
        _S,
        catalogue_label("配慮が必要なこと", "Accessibility needs", "attribute"),
        ACCESSIBILITY_NEEDS,
    ),
    Attribute("stay", _T.stay, _P, catalogue_label("滞在", "Stay", "attribute")),
    Attribute(
        "emergency_contact",
        _T.contact,
        _P,
        catalogue_label("緊急連絡先", "Emergency contact", "attribute"),
    ),
)

ATTRIBUTES: Mapping[str, Attribute] = MappingProxyType({a.key: a for a in _ATTRIBUTE_LIST})


def get(key: str) -> Attribute:
    """The attribute ``key``; KeyError for a key the catalogue does not have."""
    return ATTRIBUTES[key]


# --- Value checks ---------------------------------------------------------------------------------

_MAX_TEXT = 200
_MAX_LIST = 20
_MAX_LANGUAGES = 10


class _Problems:
    """The errors found so far; a check reports into it and returns its best normalised value."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, path: str, message: str, code: str) -> None:
        self.errors.append(FieldError(path, message, code))

    def count(self) -> int:
        return len(self.errors)


def _text(value: object, path: str, problems: _Problems, *, max_length: int = _MAX_TEXT) -> str:
    if not isinstance(value, str):
        problems.add(path, "Must be text.", "invalid_type")
        return ""
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        problems.add(path, "Must not be empty.", "required")
    elif len(text) > max_length:
        problems.add(path, f"Must be at most {max_length} characters.", "too_long")
    elif any(unicodedata.category(char) == "Cc" for char in text):
        problems.add(path, "Must not contain control characters.", "invalid_format")
    return text


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(value: object, path: str, problems: _Problems) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.add(path, "Must be a date written YYYY-MM-DD.", "invalid_date")
    return None


def _date(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    day = _parse_date(value, path, problems)
    return day.isoformat() if day else None


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (plus XK, Kosovo), from the CLDR data Babel ships."""
    not_countries = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "ZZ"}
    return frozenset(
        code
        for code in Locale("en").territories
        if isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and not code.startswith("X")
        and code not in not_countries
    ) | {"XK"}


def is_country_code(code: str) -> bool:
    return code in country_codes()


def _country_value(value: object, path: str, problems: _Problems) -> str:
    code = value.strip().upper() if isinstance(value, str) else ""
    if not is_country_code(code):
        problems.add(path, "Must be an ISO 3166-1 two-letter country code.", "invalid_country")
    return code


def _country(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    return _country_value(value, path, problems)


# RFC 5646 "langtag" (case-insensitive, matched lowercased). Grandfathered and private-use-only
# tags, and 4-8 letter primary subtags (reserved, none registered), are well-formed too but name
# no language a visitor would choose; they are refused.
_LANGTAG = re.compile(
    r"""
    [a-z]{2,3}(?:-[a-z]{3}){0,3}                    # language, extended language subtags
    (?:-[a-z]{4})?                                  # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?                     # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*        # variants
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*             # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?                      # private use
    """,
    re.VERBOSE,
)


def normalise_language_tag(tag: str) -> str | None:
    """``tag`` in the case RFC 5646 recommends (``zh-Hant-TW``), or None if not well-formed."""
    lowered = tag.strip().lower()
    if len(lowered) > 64 or not _LANGTAG.fullmatch(lowered):
        return None
    subtags = lowered.split("-")
    out = [subtags[0]]
    after_singleton = False
    for subtag in subtags[1:]:
        if after_singleton or len(subtag) == 1:
            after_singleton = True
            out.append(subtag)
        elif len(subtag) == 4 and subtag.isalpha():
            out.append(subtag.title())
        elif len(subtag) == 2:
            out.append(subtag.upper())
        else:
            out.append(subtag)
    return "-".join(out)


def _languages(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, list | tuple):
        problems.add(path, "Must be a list of language tags.", "invalid_type")
        return None
    if not value:
        problems.add(path, "Must name at least one language.", "required")
    if len(value) > _MAX_LANGUAGES:
        problems.add(path, f"Must name at most {_MAX_LANGUAGES} languages.", "too_many")
    tags: list[str] = []
    for index, item in enumerate(value):
        tag = normalise_language_tag(item) if isinstance(item, str) else None
        if tag is None:
            problems.add(
                f"{path}[{index}]", "Must be a BCP 47 language tag.", "invalid_language_tag"
            )
        elif tag not in tags:
            tags.append(tag)
    return tags


def _enum(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, str) or value not in attribute.term_keys():
        problems.add(path, "Is not one of the allowed values.", "not_in_vocabulary")
    return value


def _enum_set(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, list | tuple):
        problems.add(path, "Must be a list.", "invalid_type")
        return None
    if len(value) > _MAX_LIST:
        problems.add(path, f"Must have at most {_MAX_LIST} items.", "too_many")
    allowed = attribute.term_keys()
    keys: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or item not in allowed:
            problems.add(
                f"{path}[{index}]", "Is not one of the allowed values.", "not_in_vocabulary"
            )
        elif item not in keys:
            keys.append(item)
    return keys


def _parts(
    value: object,
    path: str,
    problems: _Problems,
    *,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> Iterator[tuple[str, object]]:
    """The (name, value) parts of a composite value, after reporting unknown and missing ones."""
    if not isinstance(value, Mapping):
        problems.add(path, "Must be an object.", "invalid_type")
        return
    for name in value:
        if name not in required and name not in optional:
            problems.add(f"{path}.{name}", "There is no such field.", "unknown_field")
    for name in required:
        if value.get(name) is None:
            problems.add(f"{path}.{name}", "Is required.", "required")
    for name in (*required, *optional):
        if value.get(name) is not None:
            yield name, value[name]


def _person_name(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    # A mononym is the primary identifier in ICAO 9303, hence surname required, given names not.
    return {
        name: _text(part, f"{path}.{name}", problems, max_length=100)
        for name, part in _parts(
            value, path, problems, required=("surname",), optional=("given_names",)
        )
    }


_PASSPORT_TYPE = re.compile(r"P[A-Z]?")
_PASSPORT_NUMBER = re.compile(r"[A-Z0-9]{1,20}")  # 9 fit in the MRZ; some states print more
_STATE_CODE = re.compile(r"[A-Z]{1,3}")  # ICAO 9303 codes: ISO alpha-3 plus D, XXA, UNO, …


def _code(value: object, path: str, problems: _Problems, pattern: re.Pattern[str]) -> str:
    code = re.sub(r"[\s<]", "", value).upper() if isinstance(value, str) else ""
    if not pattern.fullmatch(code):
        problems.add(path, "Is not in the form printed in a passport.", "invalid_format")
    return code


def _passport(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    parts = _parts(
        value,
        path,
        problems,
        required=("document_type", "number", "issuing_state", "expiry_date"),
    )
    out: dict[str, object] = {}
    for name, part in parts:
        where = f"{path}.{name}"
        if name == "document_type":
            out[name] = _code(part, where, problems, _PASSPORT_TYPE)
        elif name == "number":
            out[name] = _code(part, where, problems, _PASSPORT_NUMBER)
        elif name == "issuing_state":
            out[name] = _code(part, where, problems, _STATE_CODE)
        else:
            day = _parse_date(part, where, problems)
            out[name] = day.isoformat() if day else None
    return out


def _address(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    parts = _parts(
        value,
        path,
        problems,
        required=("country",),
        optional=("lines", "locality", "region", "postal_code"),
    )
    out: dict[str, object] = {}
    for name, part in parts:
        where = f"{path}.{name}"
        if name == "country":
            out[name] = _country_value(part, where, problems)
        elif name == "lines":
            if not isinstance(part, list | tuple) or not 1 <= len(part) <= 4:
                problems.add(where, "Must be a list of one to four lines.", "invalid_type")
                continue
            out[name] = [_text(line, f"{where}[{i}]", problems) for i, line in enumerate(part)]
        else:
            out[name] = _text(part, where, problems, max_length=100)
    return out


_EMAIL = re.compile(r"(?P<local>[^@\s]{1,64})@(?P<domain>[^@\s]{1,253})")
_DOMAIN_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def _email_value(value: object, path: str, problems: _Problems) -> str:
    text = value.strip() if isinstance(value, str) else ""
    match = _EMAIL.fullmatch(text) if len(text) <= 254 else None
    if match:
        local, domain = match["local"], match["domain"].lower()
        try:
            ascii_domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_domain = ""
        labels = ascii_domain.split(".")
        if (
            len(labels) >= 2
            and all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
            and not local.startswith(".")
            and not local.endswith(".")
            and ".." not in local
        ):
            return f"{local}@{domain}"
    problems.add(path, "Is not an e-mail address.", "invalid_email")
    return text


def _email(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    return _email_value(value, path, problems)


_PHONE_PUNCTUATION = re.compile(r"[\s().-]")
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")


def _phone_value(value: object, path: str, problems: _Problems) -> str:
    number = _PHONE_PUNCTUATION.sub("", value) if isinstance(value, str) else ""
    if not _E164.fullmatch(number):
        problems.add(
            path,
            "Must be an international number starting with + and the country code.",
            "invalid_phone",
        )
    return number


def _phone(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    return _phone_value(value, path, problems)


_JIS_WEIGHTS = (6, 5, 4, 3, 2)


def is_municipality_code(code: str) -> bool:
    """A 6-digit JIS X 0402 local government code: prefecture 01–47, then the check digit."""
    if len(code) != 6 or not code.isascii() or not code.isdigit() or not 1 <= int(code[:2]) <= 47:
        return False
    remainder = sum(int(d) * w for d, w in zip(code[:5], _JIS_WEIGHTS, strict=True)) % 11
    return int(code[5]) == (11 - remainder) % 10


def _stay(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    parts = dict(
        _parts(
            value,
            path,
            problems,
            required=("arrival", "departure"),
            optional=("lodging_municipality",),
        )
    )
    out: dict[str, object] = {}
    days: dict[str, date] = {}
    for name in ("arrival", "departure"):
        day = _parse_date(parts[name], f"{path}.{name}", problems) if name in parts else None
        if day is not None:
            days[name] = day
            out[name] = day.isoformat()
    arrival, departure = days.get("arrival"), days.get("departure")
    if arrival and departure and departure < arrival:
        problems.add(f"{path}.departure", "Must not be before the arrival.", "date_order")
    if "lodging_municipality" in parts:
        code = parts["lodging_municipality"]
        code = code.strip() if isinstance(code, str) else ""
        if not is_municipality_code(code):
            problems.add(
                f"{path}.lodging_municipality",
                "Must be a 6-digit local government code (JIS X 0402).",
                "invalid_municipality",
            )
        out["lodging_municipality"] = code
    return out


def _contact(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    parts = dict(
        _parts(
            value, path, problems, required=("name",), optional=("relationship", "phone", "email")
        )
    )
    if isinstance(value, Mapping) and "phone" not in parts and "email" not in parts:
        problems.add(f"{path}.phone", "A phone number or an e-mail address is needed.", "required")
    out: dict[str, object] = {}
    for name, part in parts.items():
        where = f"{path}.{name}"
        if name == "phone":
            out[name] = _phone_value(part, where, problems)
        elif name == "email":
            out[name] = _email_value(part, where, problems)
        else:
            out[name] = _text(part, where, problems, max_length=100)
    return out


def _plain_text(attribute: Attribute, value: object, path: str, problems: _Problems) -> object:
    return _text(value, path, problems)


_Check = Callable[[Attribute, object, str, _Problems], object]

_CHECKS: Mapping[AttributeType, _Check] = {
    AttributeType.text: _plain_text,
    AttributeType.person_name: _person_name,
    AttributeType.date: _date,
    AttributeType.country: _country,
    AttributeType.languages: _languages,
    AttributeType.enum: _enum,
    AttributeType.enum_set: _enum_set,
    AttributeType.passport: _passport,
    AttributeType.address: _address,
    AttributeType.email: _email,
    AttributeType.phone: _phone,
    AttributeType.stay: _stay,
    AttributeType.contact: _contact,
}


_BEFORE_BIRTH = "landing_before_birth"

# The first landing permits under the present Immigration Control Act (1951); earlier is a typo.
_FIRST_LANDING = date(1951, 11, 1)


def _landing(
    landed: date, values: Mapping[str, object], today: date | None, problems: _Problems
) -> None:
    """A landing date is a day that has come, in Japan (where the visitor landed), and not before
    the visitor was born when the same update gives the date of birth. (The passport's date of
    issue would bound it too; the catalogue's passport does not hold it.)"""
    if landed > (today or datetime.now(JST).date()):
        problems.add("landing_date", "Must not be in the future.", "future_date")
    elif landed < _FIRST_LANDING:
        problems.add("landing_date", "Must be a real date of landing.", "invalid_date")
    born = values.get("date_of_birth")
    if isinstance(born, str) and _ISO_DATE.fullmatch(born.strip()):
        try:
            if landed < date.fromisoformat(born.strip()):
                problems.add("landing_date", "Must not be before the birth.", _BEFORE_BIRTH)
        except ValueError:
            pass  # the date of birth's own check reports it


def validate_profile(
    values: Mapping[str, object], *, today: date | None = None
) -> tuple[dict[str, Any], list[FieldError]]:
    """Check each given attribute against the catalogue.

    Returns the normalised values of the attributes that passed, and one error per problem, its
    ``field`` the attribute key or a path into it (``dietary_needs[2]``, ``stay.departure``).
    Only the given keys are checked: this serves partial updates as well as whole profiles.
    """
    problems = _Problems()
    normalised: dict[str, Any] = {}  # JSON values, as a caller stores or returns them
    for key, value in values.items():
        attribute = ATTRIBUTES.get(key)
        if attribute is None:
            problems.add(key, "There is no such attribute.", "unknown_attribute")
            continue
        if value is None:
            problems.add(key, "A value is required.", "required")
            continue
        before = problems.count()
        result = _CHECKS[attribute.type](attribute, value, key, problems)
        if key == "date_of_birth" and isinstance(result, str):
            born = date.fromisoformat(result)
            if born > (today or date.today()) or born.year < 1900:
                problems.add(key, "Must be a past date.", "invalid_date")
        if key == "landing_date" and isinstance(result, str):
            _landing(date.fromisoformat(result), values, today, problems)
        if problems.count() == before:
            normalised[key] = result
    return normalised, problems.errors
