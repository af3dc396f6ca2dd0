"""Whether a passport can still be used for the stay: expired, or expiring before departure.

Japan does not require a passport to stay valid beyond the stay, but a passport that expires
before the visitor leaves cannot be shown at departure, nor for a tax-free refund at customs; the
visitor and the hotel's clerk are told, and nothing is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from omotenashi import i18n
from omotenashi.i18n.markers import N_
from omotenashi.visitors import display


class PassportValidity(StrEnum):
    valid = "valid"
    expired = "expired"
    expires_during_stay = "expires_during_stay"


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def passport_validity(profile: Mapping[str, Any], today: date) -> PassportValidity | None:
    """The passport's validity for the stay in ``profile``; None when there is no passport."""
    passport = profile.get("passport")
    expiry = _day(passport.get("expiry_date")) if isinstance(passport, Mapping) else None
    if expiry is None:
        return None
    if expiry < today:
        return PassportValidity.expired
    stay = profile.get("stay")
    departure = _day(stay.get("departure")) if isinstance(stay, Mapping) else None
    if departure is not None and expiry < departure:
        return PassportValidity.expires_during_stay
    return PassportValidity.valid


MESSAGES: Mapping[PassportValidity, str] = {
    PassportValidity.expired: N_("This passport expired on %(date)s."),
    PassportValidity.expires_during_stay: N_(
        "This passport expires on %(date)s, before the departure from Japan."
    ),
}


def warning(profile: Mapping[str, Any], today: date, language: str) -> str | None:
    """The sentence, in ``language``, that warns of an expired passport or one expiring during
    the stay; None when there is nothing to warn about."""
    validity = passport_validity(profile, today)
    if validity is None or validity is PassportValidity.valid:
        return None
    expiry = display.day(profile["passport"].get("expiry_date"), language)
    return i18n.translations(language).gettext(MESSAGES[validity]) % {"date": expiry}
