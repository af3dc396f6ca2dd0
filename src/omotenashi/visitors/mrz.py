"""The machine-readable zone of a passport (ICAO Doc 9303 Part 4, TD3: two lines of 44).

Every check digit is verified; a wrong one is a field error whose code names it. Written here
rather than taken from PyPI: the ``mrz`` package had its last release in 2020.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pycountry

from omotenashi.errors import FieldError, ValidationFailedError

LINE_LENGTH = 44
_CHARSET = re.compile(r"[A-Z0-9<]*")
_LETTERS = re.compile(r"[A-Z<]+")
_WEIGHTS = (7, 3, 1)


class InvalidMrzError(ValidationFailedError):
    code = "invalid_mrz"
    title = "The passport's machine-readable zone is not valid"


@dataclass(frozen=True)
class Passport:
    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    number: str
    nationality: str
    birth_date: date
    sex: str
    expiry_date: date
    personal_number: str | None


def check_digit(characters: str) -> int:
    """The ICAO 9303 check digit: weights 7, 3, 1; digits as such, A–Z as 10–35, ``<`` as 0."""
    total = 0
    for index, char in enumerate(characters):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        elif char == "<":
            value = 0
        else:
            raise ValueError(f"{char!r} is not an MRZ character")
        total += value * _WEIGHTS[index % 3]
    return total % 10


def _lines(mrz: str | Sequence[str]) -> list[str]:
    lines = mrz.splitlines() if isinstance(mrz, str) else list(mrz)
    return [line.strip().upper() for line in lines if line.strip()]


def _without_fillers(field: str) -> str:
    return field.replace("<", " ").strip()


def _name(field: str) -> tuple[str, str]:
    """Primary and secondary identifiers: separated by ``<<``, words within them by ``<``."""
    primary, _, secondary = field.partition("<<")
    return _words(primary), _words(secondary)


def _words(field: str) -> str:
    return " ".join(field.replace("<", " ").split())


def _yymmdd(field: str, century: int) -> date | None:
    if not field.isdigit():
        return None
    try:
        return date(century + int(field[:2]), int(field[2:4]), int(field[4:]))
    except ValueError:
        return None


def _birth_date(field: str, today: date) -> date | None:
    # Two digits for the year: the latest century that does not put the birth in the future.
    born = _yymmdd(field, 2000)
    return born if born is not None and born <= today else _yymmdd(field, 1900)


def parse_td3(mrz: str | Sequence[str], *, today: date | None = None) -> Passport:
    """The passport in a TD3 MRZ, given as one string (lines split by a newline) or two lines.

    Surrounding whitespace and lower case are tolerated. Raises InvalidMrzError listing every
    problem found: the shape of each line first, then every check digit and field.
    """
    lines = _lines(mrz)
    if len(lines) != 2:
        raise InvalidMrzError(
            fields=[FieldError("mrz", "A passport MRZ has two lines.", "mrz.line_count")]
        )
    shape: list[FieldError] = []
    for number, line in enumerate(lines, start=1):
        where = f"mrz.line{number}"
        if len(line) != LINE_LENGTH:
            shape.append(
                FieldError(where, f"Must be {LINE_LENGTH} characters long.", "mrz.line_length")
            )
        if not _CHARSET.fullmatch(line):
            shape.append(FieldError(where, "Only A–Z, 0–9 and < may appear.", "mrz.charset"))
    if shape:
        raise InvalidMrzError(fields=shape)
    return _read(lines[0], lines[1], today or date.today())


def _read(first: str, second: str, today: date) -> Passport:
    errors: list[FieldError] = []

    def checked(field: str, data: str, digit: str, *, may_be_empty: bool = False) -> None:
        if may_be_empty and digit == "<" and set(data) == {"<"}:
            return
        if not digit.isdigit() or int(digit) != check_digit(data):
            errors.append(
                FieldError(
                    f"mrz.{field}",
                    "The check digit does not match; please re-read this part.",
                    f"mrz.{field}_check",
                )
            )

    document_type = _without_fillers(first[0:2])
    if not document_type.startswith("P"):
        errors.append(
            FieldError("mrz.document_type", "This is not a passport's MRZ.", "mrz.document_type")
        )
    surname, given_names = _name(first[5:44])
    # No check digit covers these, so an OCR misreading (0 for O) is caught by the charset alone.
    for field, text in (
        ("issuing_state", first[2:5]),
        ("name", first[5:44]),
        ("nationality", second[10:13]),
    ):
        if not _LETTERS.fullmatch(text):
            errors.append(
                FieldError(f"mrz.{field}", "Only letters and < may appear.", f"mrz.{field}")
            )

    number_field, personal_field = second[0:9], second[28:42]
    birth_field, expiry_field = second[13:19], second[21:27]
    checked("document_number", number_field, second[9])
    checked("birth_date", birth_field, second[19])
    checked("expiry_date", expiry_field, second[27])
    # Doc 9303: with no personal number, its check digit may be a filler as well as 0.
    checked("personal_number", personal_field, second[42], may_be_empty=True)
    checked("composite", second[0:10] + second[13:20] + second[21:43], second[43])

    birth_date = _birth_date(birth_field, today)
    if birth_date is None:
        errors.append(
            FieldError("mrz.birth_date", "Is not a date (YYMMDD).", "mrz.birth_date_invalid")
        )
    expiry_date = _yymmdd(expiry_field, 2000)
    if expiry_date is None:
        errors.append(
            FieldError("mrz.expiry_date", "Is not a date (YYMMDD).", "mrz.expiry_date_invalid")
        )
    sex = {"F": "F", "M": "M", "X": "X", "<": "X"}.get(second[20])
    if sex is None:
        errors.append(FieldError("mrz.sex", "Must be F, M, X or <.", "mrz.sex"))

    if errors or birth_date is None or expiry_date is None or sex is None:
        raise InvalidMrzError(fields=errors)
    return Passport(
        document_type=document_type,
        issuing_state=_without_fillers(first[2:5]),
        surname=surname,
        given_names=given_names,
        number=_without_fillers(number_field),
        nationality=_without_fillers(second[10:13]),
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        personal_number=_without_fillers(personal_field) or None,
    )


# ICAO 9303 Part 3 codes that are not ISO 3166-1 alpha-3, mapped to the country they stand for.
# The rest of the ICAO-only codes (UNO, XXA, XXB, … for the UN, stateless persons and refugees)
# name no country, so no nationality is derived from them.
_ICAO_ONLY = {
    "D": "DE",
    **dict.fromkeys(("GBD", "GBN", "GBO", "GBP", "GBS"), "GB"),
    "RKS": "XK",
}


def country_of(icao_code: str) -> str | None:
    """The ISO 3166-1 alpha-2 country of an ICAO state code, or None when it names none."""
    if icao_code in _ICAO_ONLY:
        return _ICAO_ONLY[icao_code]
    country = pycountry.countries.get(alpha_3=icao_code)
    return country.alpha_2 if country is not None else None


def to_profile(passport: Passport) -> dict[str, object]:
    """The profile attributes a passport's MRZ fills in, in the catalogue's shapes."""
    profile: dict[str, object] = {
        "name": {"surname": passport.surname, "given_names": passport.given_names},
        "date_of_birth": passport.birth_date.isoformat(),
        "sex": passport.sex,
        "passport": {
            "document_type": passport.document_type,
            "number": passport.number,
            "issuing_state": passport.issuing_state,
            "expiry_date": passport.expiry_date.isoformat(),
        },
    }
    if not passport.given_names:
        profile["name"] = {"surname": passport.surname}
    if nationality := country_of(passport.nationality):
        profile["nationality"] = nationality
    return profile


def icao_code_of(country: str) -> str | None:
    """The ICAO state code (ISO alpha-3; ``D`` for Germany) of an ISO alpha-2 country."""
    if country == "DE":
        return "D"
    if country == "XK":
        return "RKS"
    found = pycountry.countries.get(alpha_2=country)
    return found.alpha_3 if found is not None else None
