from __future__ import annotations

from datetime import date

import pytest

from omotenashi.visitors.mrz import InvalidMrzError, Passport, check_digit, parse_td3

# ICAO Doc 9303 Part 4, the TD3 specimen.
LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
TODAY = date(2026, 11, 23)


def _line1(name: str, *, document_type: str = "P<", state: str = "UTO") -> str:
    return (document_type + state + name).ljust(44, "<")


def _line2(
    *,
    number: str = "L898902C3",
    nationality: str = "UTO",
    birth: str = "740812",
    sex: str = "F",
    expiry: str = "120415",
    personal: str = "ZE184226B",
) -> str:
    """A second line with every check digit right, computed as Doc 9303 says."""
    number, personal = number.ljust(9, "<"), personal.ljust(14, "<")
    head = number + str(check_digit(number))
    dates = birth + str(check_digit(birth)), expiry + str(check_digit(expiry))
    tail = personal + str(check_digit(personal))
    body = head + nationality + dates[0] + sex + dates[1] + tail
    composite = head + dates[0] + dates[1] + tail
    return body + str(check_digit(composite))


def _with(line: str, position: int, char: str) -> str:
    return line[:position] + char + line[position + 1 :]


def _codes(*lines: str) -> dict[str, str]:
    with pytest.raises(InvalidMrzError) as raised:
        parse_td3(list(lines), today=TODAY)
    return {error.code: error.field for error in raised.value.fields}


def test_icao_specimen_is_read() -> None:
    assert parse_td3([LINE1, LINE2], today=TODAY) == Passport(
        document_type="P",
        issuing_state="UTO",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        personal_number="ZE184226B",
    )


def test_specimen_check_digits_are_those_icao_prints() -> None:
    assert check_digit("L898902C3") == 6
    assert check_digit("740812") == 2
    assert check_digit("120415") == 9
    assert check_digit("ZE184226B<<<<<") == 1
    assert _line2() == LINE2


def test_one_string_with_whitespace_and_lower_case_is_read() -> None:
    text = f"\n  {LINE1.lower()}  \r\n\t{LINE2.lower()}\n"
    assert parse_td3(text, today=TODAY).number == "L898902C3"


def test_wrong_document_number_check_digit_names_the_field() -> None:
    codes = _codes(LINE1, _with(LINE2, 9, "7"))
    assert codes["mrz.document_number_check"] == "mrz.document_number"


def test_misread_document_number_fails_its_check_digit() -> None:
    codes = _codes(LINE1, _with(LINE2, 0, "I"))
    assert "mrz.document_number_check" in codes


def test_wrong_birth_date_check_digit_names_the_field() -> None:
    codes = _codes(LINE1, _with(LINE2, 19, "3"))
    assert codes["mrz.birth_date_check"] == "mrz.birth_date"
    assert "mrz.document_number_check" not in codes
    assert "mrz.expiry_date_check" not in codes


def test_wrong_expiry_date_check_digit_names_the_field() -> None:
    codes = _codes(LINE1, _with(LINE2, 27, "0"))
    assert codes["mrz.expiry_date_check"] == "mrz.expiry_date"


def test_wrong_personal_number_check_digit_names_the_field() -> None:
    codes = _codes(LINE1, _with(LINE2, 42, "2"))
    assert codes["mrz.personal_number_check"] == "mrz.personal_number"


def test_wrong_composite_check_digit_alone_names_the_composite() -> None:
    assert _codes(LINE1, _with(LINE2, 43, "1")) == {"mrz.composite_check": "mrz.composite"}


def test_swapped_birth_date_digits_fail_its_check_digit() -> None:
    codes = _codes(LINE1, _with(_with(LINE2, 13, "4"), 14, "7"))
    assert "mrz.birth_date_check" in codes
    assert "mrz.composite_check" in codes


def test_each_wrong_check_digit_is_reported_together() -> None:
    line = _with(_with(LINE2, 9, "0"), 27, "0")
    codes = _codes(LINE1, line)
    assert {"mrz.document_number_check", "mrz.expiry_date_check"} <= set(codes)


def test_personal_number_left_empty_may_have_a_filler_check_digit() -> None:
    line = _line2(personal="")
    assert line[42] == "0"
    assert parse_td3([LINE1, line], today=TODAY).personal_number is None
    assert parse_td3([LINE1, _with(line, 42, "<")], today=TODAY).personal_number is None


def test_short_first_line_names_the_line() -> None:
    assert _codes(LINE1[:-1], LINE2) == {"mrz.line_length": "mrz.line1"}


def test_long_second_line_names_the_line() -> None:
    assert _codes(LINE1, LINE2 + "<") == {"mrz.line_length": "mrz.line2"}


def test_foreign_characters_name_the_line() -> None:
    assert _codes(LINE1, _with(LINE2, 30, "-")) == {"mrz.charset": "mrz.line2"}


@pytest.mark.parametrize("lines", [[LINE1], [LINE1, LINE2, LINE2], []])
def test_anything_but_two_lines_is_refused(lines: list[str]) -> None:
    assert _codes(*lines) == {"mrz.line_count": "mrz"}


def test_digit_in_the_nationality_is_refused() -> None:
    assert _codes(LINE1, _line2(nationality="UT0")) == {"mrz.nationality": "mrz.nationality"}


def test_not_a_passport_is_refused() -> None:
    assert _codes(_with(LINE1, 0, "V"), LINE2) == {"mrz.document_type": "mrz.document_type"}


def test_impossible_birth_date_is_refused_even_with_right_check_digits() -> None:
    assert _codes(LINE1, _line2(birth="741332")) == {"mrz.birth_date_invalid": "mrz.birth_date"}


def test_several_given_names_and_a_compound_surname_are_read() -> None:
    line1 = _line1("VAN<DER<BERG<<JAN<PIETER<KAREL", state="NLD")
    passport = parse_td3([line1, _line2(nationality="NLD")], today=TODAY)
    assert passport.surname == "VAN DER BERG"
    assert passport.given_names == "JAN PIETER KAREL"
    assert passport.issuing_state == "NLD"


def test_a_single_name_has_no_given_names() -> None:
    passport = parse_td3([_line1("SUKARNO", state="IDN"), LINE2], today=TODAY)
    assert (passport.surname, passport.given_names) == ("SUKARNO", "")


def test_a_name_filling_the_whole_field_is_read() -> None:
    name = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<<ABCDEFGHIJK"
    assert len(name) == 39
    passport = parse_td3([_line1(name), LINE2], today=TODAY)
    assert passport.given_names == "ABCDEFGHIJK"


def test_state_with_fillers_is_read_as_its_code() -> None:
    line1 = _line1("MUSTERMANN<<ERIKA", document_type="P<", state="D<<")
    passport = parse_td3([line1, _line2(nationality="D<<", sex="<")], today=TODAY)
    assert (passport.issuing_state, passport.nationality, passport.sex) == ("D", "D", "X")


def test_birth_year_not_in_the_future_is_this_century() -> None:
    passport = parse_td3([LINE1, _line2(birth="150101")], today=TODAY)
    assert passport.birth_date == date(2015, 1, 1)


def test_birth_year_in_the_future_is_last_century() -> None:
    passport = parse_td3([LINE1, _line2(birth="300101")], today=TODAY)
    assert passport.birth_date == date(1930, 1, 1)


def test_birth_today_is_this_century() -> None:
    passport = parse_td3([LINE1, _line2(birth="261123")], today=TODAY)
    assert passport.birth_date == TODAY


def test_expiry_is_always_this_century() -> None:
    passport = parse_td3([LINE1, _line2(expiry="951231")], today=TODAY)
    assert passport.expiry_date == date(2095, 12, 31)
