"""Catalogue values as a person reads them, in a given language: country and language names from
CLDR, vocabulary terms by their labels, composite values as short lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel import Locale, UnknownLocaleError

from omotenashi import i18n
from omotenashi.visitors import catalogue, places, prefectures


@dataclass(frozen=True)
class Shown:
    """One attribute on screen: its label and the lines of its value."""

    key: str
    label: str
    lines: tuple[str, ...]


def country_name(code: str, language: str) -> str:
    names = i18n.babel_locale(language).territories
    return str(names.get(code) or Locale("en").territories.get(code) or code)


def language_name(tag: str, language: str) -> str:
    try:
        spoken = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return tag
    return str(spoken.get_display_name(i18n.babel_locale(language)) or tag)


def day(value: object, language: str) -> str:
    """An ISO date written for ``language`` (as it is, when it is not one)."""
    if not isinstance(value, str):
        return ""
    try:
        return i18n.date_text(language, date.fromisoformat(value))
    except ValueError:
        return value


def _terms(attribute: catalogue.Attribute, keys: list[str], language: str) -> tuple[str, ...]:
    labels = {term.key: term.label(language) for term in attribute.vocabulary or ()}
    return tuple(labels.get(key, key) for key in keys)


def _lines(key: str, value: Any, language: str) -> tuple[str, ...]:
    attribute = catalogue.get(key)
    kind = attribute.type
    T = catalogue.AttributeType
    if kind is T.person_name and isinstance(value, Mapping):
        return (" ".join(filter(None, (value.get("surname"), value.get("given_names")))),)
    if kind is T.country and isinstance(value, str):
        return (f"{country_name(value, language)} ({value})",)
    if kind is T.languages and isinstance(value, list):
        return tuple(language_name(tag, language) for tag in value)
    if kind is T.date:
        return (day(value, language),)
    if kind in (T.enum, T.enum_set):
        keys = value if isinstance(value, list) else [value]
        return _terms(attribute, [str(k) for k in keys], language)
    if kind is T.passport and isinstance(value, Mapping):
        return (
            str(value.get("number", "")),
            f"{value.get('document_type', '')} · {value.get('issuing_state', '')} · "
            f"{day(value.get('expiry_date'), language)}",
        )
    if kind is T.address and isinstance(value, Mapping):
        parts = [*value.get("lines", []), value.get("locality"), value.get("region")]
        parts += [value.get("postal_code"), country_name(str(value.get("country")), language)]
        return tuple(str(part) for part in parts if part)
    if kind is T.stay and isinstance(value, Mapping):
        span = f"{day(value.get('arrival'), language)} – {day(value.get('departure'), language)}"
        return (span, *filter(None, (where_staying(value.get("lodging_municipality"), language),)))
    if kind is T.contact and isinstance(value, Mapping):
        who = " · ".join(filter(None, (value.get("name"), value.get("relationship"))))
        return tuple(filter(None, (who, value.get("phone"), value.get("email"))))
    return (str(value),)


def where_staying(code: object, language: str) -> str | None:
    """The town and prefecture of a lodging municipality code, in ``language``; the code itself
    is never shown."""
    if not isinstance(code, str) or code[:2] not in prefectures.codes():
        return None
    prefecture = prefectures.name(code[:2], language)
    town = places.get(code)
    return f"{town.label(language)}, {prefecture}" if town else prefecture


def shown(attributes: Mapping[str, Any], language: str) -> list[Shown]:
    """The attributes in catalogue order, labelled and written out in ``language``."""
    return [
        Shown(key, catalogue.get(key).label(language), _lines(key, attributes[key], language))
        for key in catalogue.ATTRIBUTES
        if key in attributes
    ]
