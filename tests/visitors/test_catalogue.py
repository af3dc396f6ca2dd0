from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from omotenashi.errors import FieldError
from omotenashi.visitors import catalogue
from omotenashi.visitors.catalogue import DECISION_2025_12, Sensitivity, allergens_on

TODAY = date(2026, 11, 23)


def _check(values: dict[str, object]) -> tuple[dict[str, Any], list[FieldError]]:
    return catalogue.validate_profile(values, today=TODAY)


def _errors(values: dict[str, object]) -> dict[str, str]:
    _, errors = _check(values)
    return {error.field: error.code for error in errors}


def _category(day: date, key: str) -> list[str]:
    return [rule.category for rule in allergens_on(day) if rule.key == key]


# --- The catalogue itself ---


def test_catalogue_is_versioned() -> None:
    date.fromisoformat(catalogue.CATALOGUE_VERSION)


def test_every_attribute_and_term_has_japanese_and_english_labels() -> None:
    for attribute in catalogue.ATTRIBUTES.values():
        assert attribute.labels.keys() >= {"ja", "en"}, attribute.key
        for term in attribute.vocabulary or ():
            assert term.labels.keys() >= {"ja", "en"}, (attribute.key, term.key)
            assert all(term.labels.values())


def test_the_issue_lists_attributes_are_all_there() -> None:
    assert set(catalogue.ATTRIBUTES) >= {
        "name",
        "nationality",
        "preferred_languages",
        "date_of_birth",
        "sex",
        "passport",
        "home_address",
        "email",
        "phone",
        "dietary_needs",
        "allergens",
        "accessibility_needs",
        "stay",
        "emergency_contact",
    }


def test_passport_is_an_identity_document_and_health_and_creed_are_sensitive() -> None:
    assert catalogue.get("passport").sensitivity is Sensitivity.identity_document
    for key in ("dietary_needs", "allergens", "accessibility_needs"):
        assert catalogue.get(key).sensitivity is Sensitivity.sensitive
    for key in ("date_of_birth", "sex", "name", "nationality", "stay"):
        assert catalogue.get(key).sensitivity is Sensitivity.personal


def test_unknown_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        catalogue.get("shoe_size")


def test_labels_fall_back_to_english() -> None:
    halal = catalogue.get("dietary_needs").vocabulary
    assert halal is not None
    assert halal[0].label("fr") == "Halal"  # a language we do not serve
    assert halal[0].label("ja") == "ハラール"


# --- Allergens as dated data ---


def test_eight_mandatory_and_twenty_recommended_on_new_year_2025() -> None:
    rules = allergens_on(date(2025, 1, 1))
    assert len([r for r in rules if r.category == "mandatory"]) == 8
    assert len([r for r in rules if r.category == "recommended"]) == 20


def test_cashew_is_recommended_before_the_december_2025_decision_and_mandatory_from_it() -> None:
    assert _category(DECISION_2025_12 - timedelta(days=1), "cashew") == ["recommended"]
    assert _category(DECISION_2025_12, "cashew") == ["mandatory"]
    assert _category(date(2026, 6, 1), "cashew") == ["mandatory"]


def test_pistachio_is_recommended_only_from_the_december_2025_decision() -> None:
    assert _category(DECISION_2025_12 - timedelta(days=1), "pistachio") == []
    assert _category(DECISION_2025_12, "pistachio") == ["recommended"]


def test_after_the_decision_nine_are_mandatory_and_twenty_recommended() -> None:
    rules = allergens_on(DECISION_2025_12)
    assert [r.key for r in rules if r.category == "mandatory"] == [
        "shrimp", "crab", "walnut", "wheat", "buckwheat", "egg", "milk", "peanut", "cashew",
    ]  # fmt: skip
    assert len([r for r in rules if r.category == "recommended"]) == 20


def test_mandatory_allergens_come_first() -> None:
    categories = [rule.category for rule in allergens_on(TODAY)]
    assert categories == sorted(categories, key=lambda c: c != "mandatory")


def test_days_before_the_recorded_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="recorded from"):
        allergens_on(date(2020, 1, 1))


def test_allergen_vocabulary_holds_every_allergen_ever_listed() -> None:
    assert len(catalogue.allergen_keys()) == 29
    assert catalogue.get("allergens").term_keys() == catalogue.allergen_keys()
    normalised, errors = _check({"allergens": ["pistachio", "cashew", "buckwheat"]})
    assert errors == []
    assert normalised["allergens"] == ["pistachio", "cashew", "buckwheat"]


# --- Validating a profile ---


def test_a_whole_profile_is_normalised() -> None:
    normalised, errors = _check(
        {
            "name": {"surname": " ERIKSSON ", "given_names": "ANNA MARIA"},
            "nationality": "se",
            "preferred_languages": ["sv", "EN-gb"],
            "date_of_birth": date(1974, 8, 12),
            "sex": "F",
            "passport": {
                "document_type": "P<",
                "number": "l898902c3",
                "issuing_state": "UTO",
                "expiry_date": "2030-04-15",
            },
            "home_address": {"country": "SE", "locality": "Stockholm", "lines": ["Storgatan 1"]},
            "email": "Anna@Example.ORG",
            "phone": "+46 (8) 123-456-78",
            "dietary_needs": ["halal", "no_alcohol"],
            "accessibility_needs": ["wheelchair"],
            "stay": {
                "arrival": "2026-11-20",
                "departure": "2026-11-30",
                "lodging_municipality": "131016",
            },
            "emergency_contact": {"name": "Erik Eriksson", "phone": "+46701234567"},
        }
    )
    assert errors == []
    assert normalised["name"] == {"surname": "ERIKSSON", "given_names": "ANNA MARIA"}
    assert normalised["nationality"] == "SE"
    assert normalised["preferred_languages"] == ["sv", "en-GB"]
    assert normalised["date_of_birth"] == "1974-08-12"
    assert normalised["passport"] == {
        "document_type": "P",
        "number": "L898902C3",
        "issuing_state": "UTO",
        "expiry_date": "2030-04-15",
    }
    assert normalised["email"] == "Anna@example.org"
    assert normalised["phone"] == "+46812345678"
    assert normalised["stay"]["departure"] == "2026-11-30"


def test_unknown_attribute_is_refused_by_name() -> None:
    assert _errors({"shoe_size": 42}) == {"shoe_size": "unknown_attribute"}


def test_wrong_vocabulary_value_names_its_position() -> None:
    normalised, errors = _check({"dietary_needs": ["halal", "vegan", "pork"]})
    assert errors == [
        FieldError("dietary_needs[2]", "Is not one of the allowed values.", "not_in_vocabulary")
    ]
    assert normalised == {}


def test_repeated_vocabulary_values_are_kept_once() -> None:
    normalised, _ = _check({"accessibility_needs": ["stroller", "wheelchair", "stroller"]})
    assert normalised["accessibility_needs"] == ["stroller", "wheelchair"]


def test_sex_outside_icao_letters_is_refused() -> None:
    assert _errors({"sex": "female"}) == {"sex": "not_in_vocabulary"}


@pytest.mark.parametrize(
    "value", ["1974-13-01", "12/08/1974", "19740812", 1974, "", datetime(1974, 8, 12, 9)]
)
def test_bad_date_is_refused(value: object) -> None:
    assert _errors({"date_of_birth": value}) == {"date_of_birth": "invalid_date"}


def test_birth_in_the_future_is_refused() -> None:
    assert _errors({"date_of_birth": "2027-01-01"}) == {"date_of_birth": "invalid_date"}


def test_departure_before_arrival_names_the_departure() -> None:
    errors = _errors({"stay": {"arrival": "2026-11-20", "departure": "2026-11-19"}})
    assert errors == {"stay.departure": "date_order"}


def test_stay_needs_arrival_and_departure() -> None:
    assert _errors({"stay": {"arrival": "2026-11-20"}}) == {"stay.departure": "required"}


@pytest.mark.parametrize("code", ["131017", "13101", "481000", "abcdef"])
def test_lodging_municipality_must_be_a_jis_x_0402_code(code: str) -> None:
    errors = _errors({"stay": {"arrival": "2026-11-20", "departure": "2026-11-21",
                               "lodging_municipality": code}})  # fmt: skip
    assert errors == {"stay.lodging_municipality": "invalid_municipality"}


@pytest.mark.parametrize("code", ["131016", "131041", "011002", "011070", "271004"])
def test_real_municipality_codes_pass_their_check_digit(code: str) -> None:
    assert catalogue.is_municipality_code(code)


@pytest.mark.parametrize(
    "address", ["anna", "anna@", "@example.org", "anna@example", "an na@example.org", "a..b@x.jp"]
)
def test_bad_email_is_refused(address: str) -> None:
    assert _errors({"email": address}) == {"email": "invalid_email"}


@pytest.mark.parametrize("number", ["090-1234-5678", "+0 123 4567", "+81", "call me"])
def test_phone_must_be_international(number: str) -> None:
    assert _errors({"phone": number}) == {"phone": "invalid_phone"}


def test_languages_are_normalised_and_deduplicated_in_order() -> None:
    normalised, errors = _check(
        {"preferred_languages": ["ZH-hant-tw", "en", "zh-Hant-TW", "es-419", "EN"]}
    )
    assert errors == []
    assert normalised["preferred_languages"] == ["zh-Hant-TW", "en", "es-419"]


@pytest.mark.parametrize("tag", ["en_US", "english", "e", "en-", "x-klingon", "zh-Hant-Hans"])
def test_malformed_language_tag_names_its_position(tag: str) -> None:
    assert _errors({"preferred_languages": ["ja", tag]}) == {
        "preferred_languages[1]": "invalid_language_tag"
    }


def test_languages_with_extensions_are_well_formed() -> None:
    assert catalogue.normalise_language_tag("ja-jp-u-ca-japanese") == "ja-JP-u-ca-japanese"


def test_nationality_must_be_a_country_code() -> None:
    assert _errors({"nationality": "EU"}) == {"nationality": "invalid_country"}
    assert _errors({"nationality": "SWE"}) == {"nationality": "invalid_country"}


def test_passport_parts_are_each_checked() -> None:
    errors = _errors(
        {"passport": {"document_type": "V", "number": "L898-902", "expiry_date": "2030-02-30",
                      "colour": "red"}}
    )  # fmt: skip
    assert errors == {
        "passport.colour": "unknown_field",
        "passport.issuing_state": "required",
        "passport.document_type": "invalid_format",
        "passport.number": "invalid_format",
        "passport.expiry_date": "invalid_date",
    }


def test_emergency_contact_needs_a_way_to_reach_them() -> None:
    assert _errors({"emergency_contact": {"name": "Erik"}}) == {
        "emergency_contact.phone": "required"
    }


def test_a_mononym_is_a_name() -> None:
    normalised, errors = _check({"name": {"surname": "SUKARNO"}})
    assert errors == []
    assert normalised["name"] == {"surname": "SUKARNO"}


def test_none_is_not_a_value() -> None:
    assert _errors({"email": None}) == {"email": "required"}


def test_valid_fields_are_kept_beside_invalid_ones() -> None:
    normalised, errors = _check({"sex": "X", "email": "nope"})
    assert normalised == {"sex": "X"}
    assert [e.field for e in errors] == ["email"]


# --- The landing permit (status of residence, date of landing) ---


def test_the_landing_permit_is_sealed_like_the_passport_and_offers_the_tax_free_statuses() -> None:
    status = catalogue.get("status_of_residence")
    landing = catalogue.get("landing_date")
    assert status.sensitivity is landing.sensitivity is Sensitivity.identity_document
    assert status.term_keys() == ("temporary_visitor", "diplomat", "official")
    assert {term.key: term.label("ja") for term in status.vocabulary or ()} == {
        "temporary_visitor": "短期滞在",
        "diplomat": "外交",
        "official": "公用",
    }
    assert (status.label("ja"), landing.label("ja")) == ("在留資格", "上陸年月日")


def test_a_landing_date_is_a_day_that_has_come_and_not_before_the_birth() -> None:
    values, errors = _check({"status_of_residence": "temporary_visitor", "landing_date": TODAY})
    assert errors == []
    assert values == {"status_of_residence": "temporary_visitor", "landing_date": "2026-11-23"}
    assert _errors({"landing_date": (TODAY + timedelta(days=1)).isoformat()}) == {
        "landing_date": "future_date"
    }
    assert _errors({"landing_date": "2026-02-30"}) == {"landing_date": "invalid_date"}
    assert _errors({"landing_date": "1900-01-01"}) == {"landing_date": "invalid_date"}
    assert _errors({"landing_date": "1990-05-01", "date_of_birth": "1995-03-14"}) == {
        "landing_date": "landing_before_birth"
    }
    assert _errors({"status_of_residence": "student"}) == {
        "status_of_residence": "not_in_vocabulary"
    }
