"""Reading an agency's file of travellers: CSV, JSON, or an OpenTravel ``OTA_HotelResNotifRQ``
subset. Each reader yields one plain record per traveller, in the JSON shape (see
:data:`JSON_FIELDS`), numbered from 1 in the file's order; checking them is the service's.

XML from outside is parsed by defusedxml: no entity expansion, no external entities, no DTD
fetched, so a hostile file cannot read the server's files or exhaust its memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from xml.etree.ElementTree import Element

import orjson
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from omotenashi.errors import FieldError, ValidationFailedError


class ImportFormat(StrEnum):
    csv = "csv"
    json = "json"
    ota = "ota"  # OTA_HotelResNotifRQ


class UnreadableFileError(ValidationFailedError):
    code = "unreadable_file"
    title = "The file cannot be read as travellers"


@dataclass(frozen=True)
class RawTraveller:
    row: int
    fields: dict[str, Any]


# The CSV header (any order; unknown columns refused). address_lines are separated by " | ".
CSV_COLUMNS = (
    "reference",
    "party",
    "lead",
    "surname",
    "given_names",
    "email",
    "phone",
    "birth_date",
    "language",
    "arrival",
    "departure",
    "lodging_municipality",
    "nationality",
    "address_country",
    "address_lines",
    "address_locality",
    "address_region",
    "address_postal_code",
    "passport_number",
    "passport_issuing_state",
    "passport_expiry",
)
JSON_FIELDS = (
    "reference",
    "party",
    "lead",
    "name",
    "email",
    "phone",
    "birth_date",
    "language",
    "arrival",
    "departure",
    "lodging_municipality",
    "nationality",
    "address",
    "passport",
    "age_group",
)
_TRUE = {"1", "true", "yes", "y", "lead"}


def _unreadable(message: str) -> UnreadableFileError:
    return UnreadableFileError(message, fields=[FieldError("file", message, "unreadable_file")])


def guess_format(name: str, content_type: str | None = None) -> ImportFormat:
    """The format a file name (or its media type) says."""
    lowered = name.lower()
    if lowered.endswith(".csv") or content_type == "text/csv":
        return ImportFormat.csv
    if lowered.endswith(".json") or content_type == "application/json":
        return ImportFormat.json
    if lowered.endswith(".xml") or content_type in ("application/xml", "text/xml"):
        return ImportFormat.ota
    raise _unreadable("Name the format: a .csv, .json or .xml (OTA_HotelResNotifRQ) file.")


def read(data: bytes, form: ImportFormat) -> Iterator[RawTraveller]:
    if form is ImportFormat.csv:
        return _csv(data)
    if form is ImportFormat.json:
        return _json(data)
    return _ota(data)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _unreadable("The file is not UTF-8 text.") from None


def _csv(data: bytes) -> Iterator[RawTraveller]:
    reader = csv.reader(io.StringIO(_text(data), newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    unknown = sorted(set(header) - set(CSV_COLUMNS))
    if unknown or "reference" not in header:
        raise _unreadable(
            f"The first line must name the columns, among: {', '.join(CSV_COLUMNS)}"
            + (f" (unknown: {', '.join(unknown)})" if unknown else " (reference is required)")
        )
    for number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield RawTraveller(number, {"_shape": f"has {len(cells)} cells, not {len(header)}"})
            continue
        yield RawTraveller(number, _from_columns(dict(zip(header, cells, strict=True))))


def _from_columns(row: dict[str, str]) -> dict[str, Any]:
    value = {k: v.strip() for k, v in row.items() if v.strip()}
    out: dict[str, Any] = {
        k: value[k]
        for k in (
            "reference",
            "party",
            "email",
            "phone",
            "birth_date",
            "language",
            "arrival",
            "departure",
            "lodging_municipality",
            "nationality",
        )
        if k in value
    }
    out["lead"] = value.get("lead", "").lower() in _TRUE
    if "surname" in value or "given_names" in value:
        out["name"] = {k: value[k] for k in ("surname", "given_names") if k in value}
    address: dict[str, object] = {
        part: value[f"address_{part}"]
        for part in ("country", "locality", "region", "postal_code")
        if f"address_{part}" in value
    }
    if "address_lines" in value:
        address["lines"] = [line.strip() for line in value["address_lines"].split("|")]
    if address:
        out["address"] = address
    passport = {
        part: value[f"passport_{column}"]
        for part, column in (
            ("number", "number"),
            ("issuing_state", "issuing_state"),
            ("expiry_date", "expiry"),
        )
        if f"passport_{column}" in value
    }
    if passport:
        out["passport"] = passport
    return out


def _json(data: bytes) -> Iterator[RawTraveller]:
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise _unreadable("The file is not JSON.") from None
    if isinstance(document, dict):
        document = document.get("travellers")
    if not isinstance(document, list):
        raise _unreadable('Send a list of travellers, or {"travellers": [...]}.')
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            yield RawTraveller(number, {"_shape": "is not an object"})
            continue
        unknown = sorted(set(item) - set(JSON_FIELDS))
        if unknown:
            yield RawTraveller(number, {"_shape": f"has unknown fields: {', '.join(unknown)}"})
            continue
        fields = dict(item)
        fields["lead"] = fields.get("lead") is True
        yield RawTraveller(number, fields)


# --- OpenTravel: OTA_HotelResNotifRQ (2003/05 namespace, or none) ------------------------------

# OTA code list AQC (age qualifying code): 7 infant, 8 child; 10 adult.
_MINOR_AGE_CODES = {"7", "8"}
# OTA code list DOC (document type): 2 passport.
_PASSPORT_DOC = "2"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: Element | None, *path: str) -> Element | None:
    for name in path:
        if element is None:
            return None
        element = next((c for c in element if _local(c.tag) == name), None)
    return element


def _children(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [c for c in element if _local(c.tag) == name]


def _text_of(element: Element | None) -> str | None:
    if element is None or element.text is None or not element.text.strip():
        return None
    return element.text.strip()


def _span(reservation: Element) -> tuple[str | None, str | None]:
    for path in (("ResGlobalInfo", "TimeSpan"), ("RoomStays", "RoomStay", "TimeSpan")):
        span = _child(reservation, *path)
        if span is not None:
            return span.get("Start"), span.get("End")
    return None, None


def _customer(guest: Element) -> dict[str, Any]:
    info = _child(guest, "Profiles", "ProfileInfo")
    customer = _child(info, "Profile", "Customer")
    out: dict[str, Any] = {}
    unique = _child(info, "UniqueID")
    if unique is not None and unique.get("ID"):
        out["reference"] = unique.get("ID")
    elif guest.get("ResGuestRPH"):
        out["reference"] = guest.get("ResGuestRPH")
    if customer is None:
        return out
    if customer.get("BirthDate"):
        out["birth_date"] = customer.get("BirthDate")
    if customer.get("Language"):
        out["language"] = customer.get("Language")
    person = _child(customer, "PersonName")
    if person is not None:
        name = {}
        if surname := _text_of(_child(person, "Surname")):
            name["surname"] = surname
        given = [t for g in _children(person, "GivenName") if (t := _text_of(g))]
        if given:
            name["given_names"] = " ".join(given)
        out["name"] = name
    if email := _text_of(_child(customer, "Email")):
        out["email"] = email
    phone = _child(customer, "Telephone")
    if phone is not None and phone.get("PhoneNumber"):
        out["phone"] = phone.get("PhoneNumber")
    address = _child(customer, "Address")
    if address is not None:
        found: dict[str, Any] = {}
        lines = [t for line in _children(address, "AddressLine") if (t := _text_of(line))]
        if lines:
            found["lines"] = lines
        if city := _text_of(_child(address, "CityName")):
            found["locality"] = city
        if postal := _text_of(_child(address, "PostalCode")):
            found["postal_code"] = postal
        state = _child(address, "StateProv")
        if state is not None and (state.get("StateCode") or _text_of(state)):
            found["region"] = state.get("StateCode") or _text_of(state)
        country = _child(address, "CountryName")
        if country is not None and (country.get("Code") or _text_of(country)):
            found["country"] = country.get("Code") or _text_of(country)
        if found:
            out["address"] = found
    citizen = _child(customer, "CitizenCountryName")
    if citizen is not None and citizen.get("Code"):
        out["nationality"] = citizen.get("Code")
    for document in _children(customer, "Document"):
        if document.get("DocType") == _PASSPORT_DOC:
            passport = {
                key: document.get(attribute)
                for key, attribute in (
                    ("number", "DocID"),
                    ("issuing_state", "DocIssueCountry"),
                    ("expiry_date", "ExpireDate"),
                )
                if document.get(attribute)
            }
            if passport:
                out["passport"] = passport
    return out


def _ota(data: bytes) -> Iterator[RawTraveller]:
    try:
        root = fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, SyntaxError, ValueError) as exc:
        raise _unreadable(
            f"The file is not well-formed, safe XML ({type(exc).__name__})."
        ) from None
    if _local(root.tag) != "OTA_HotelResNotifRQ":
        raise _unreadable("The XML document must be an OTA_HotelResNotifRQ.")
    number = 0
    for index, reservation in enumerate(
        _children(_child(root, "HotelReservations"), "HotelReservation"), start=1
    ):
        unique = _child(reservation, "UniqueID")
        party = unique.get("ID") if unique is not None and unique.get("ID") else f"R{index}"
        arrival, departure = _span(reservation)
        lodging = _child(reservation, "RoomStays", "RoomStay", "BasicPropertyInfo")
        for guest in _children(_child(reservation, "ResGuests"), "ResGuest"):
            number += 1
            fields = _customer(guest)
            fields["party"] = party
            fields["lead"] = guest.get("PrimaryIndicator", "").lower() in ("true", "1")
            if guest.get("AgeQualifyingCode") in _MINOR_AGE_CODES:
                fields["age_group"] = "child"
            if arrival:
                fields["arrival"] = arrival
            if departure:
                fields["departure"] = departure
            if lodging is not None and lodging.get("HotelCityCode"):
                fields["lodging_municipality"] = lodging.get("HotelCityCode")
            yield RawTraveller(number, fields)
