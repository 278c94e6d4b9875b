from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracu_desktop.core.vnformat import (
    BLANK,
    ParseError,
    format_count2,
    format_date,
    format_date_long,
    format_int,
    format_percent,
    format_place_date,
    parse_count,
    parse_date,
    round_half_up,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (7, "7"), (999, "999"), (22278, "22.278"), (1234567, "1.234.567")],
)
def test_format_int_uses_dot_thousands(value, text):
    assert format_int(value) == text


def test_format_count2_pads_small_counts_like_reports():
    assert [format_count2(v) for v in (0, 2, 9, 10, 22278)] == ["00", "02", "09", "10", "22.278"]


def test_format_percent_vietnamese_decimal_comma():
    assert format_percent(Decimal("69.85")) == "69,85%"
    assert format_percent(Decimal("100")) == "100,00%"
    assert format_percent(None) == "–"


def test_round_half_up_not_bankers():
    assert round_half_up(Decimal("2.345")) == Decimal("2.35")
    assert round_half_up(Decimal("2.355")) == Decimal("2.36")


def test_dates():
    d = date(2023, 11, 21)
    assert format_date(d) == "21/11/2023"
    assert format_date_long(d) == "ngày 21 tháng 11 năm 2023"
    assert format_date_long(date(2023, 1, 9)) == "ngày 09 tháng 01 năm 2023"
    assert format_date_long(date(2023, 5, 25)) == "ngày 25 tháng 5 năm 2023"
    assert format_place_date("Trà Cú", d) == "Trà Cú, ngày 21 tháng 11 năm 2023"
    assert parse_date("21/11/2023") == d
    assert parse_date("1/1/2023") == date(2023, 1, 1)
    assert parse_date("2023-11-21") == d
    with pytest.raises(ParseError, match="không hợp lệ"):
        parse_date("31/02/2023")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("22.278", 22278),
        ("22278", 22278),
        ("22 278", 22278),
        ("1.234.567", 1234567),
        ("0", 0),
        ("  15.561 ", 15561),
        ("22\u00a0278", 22278),
        (12, 12),
        (3.0, 3),
    ],
)
def test_parse_count_accepts_what_clerks_type(text, value):
    assert parse_count(text) == value


def test_parse_count_never_reads_grouped_number_as_fraction():
    assert parse_count("22.278") != 22.278
    assert parse_count("22.278") == 22278


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("12,5", "không phải là số nguyên"),
        ("-3", "Số âm"),
        ("abc", "không phải là số nguyên hợp lệ"),
        ("1.23", "không phải là số nguyên hợp lệ"),
        ("22.27", "không phải là số nguyên hợp lệ"),
        (2.5, "không phải là số nguyên"),
        (-1, "Số âm"),
    ],
)
def test_parse_count_rejects_with_vietnamese_reason(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_count(text)


def test_empty_is_blank_not_zero():
    assert parse_count("") is BLANK
    assert parse_count("   ") is BLANK
    assert parse_count(None) is BLANK
    assert parse_count("0") == 0
    with pytest.raises(ParseError, match="Chưa nhập"):
        parse_count("", allow_blank=False)


@settings(max_examples=300, derandomize=True)
@given(st.integers(min_value=0, max_value=10**12))
def test_format_then_parse_round_trips(n):
    assert parse_count(format_int(n)) == n
    assert parse_count(format_count2(n)) == n
    assert parse_count(format_int(n).replace(".", " ")) == n


def test_format_int_groups_as_babel_vi_vn_does() -> None:
    from babel.numbers import format_decimal
    from hypothesis import given
    from hypothesis import strategies as st

    from tracu_desktop.core.vnformat import format_int

    @given(st.integers(min_value=-(10**14), max_value=10**14))
    def same(n: int) -> None:
        assert format_int(n) == format_decimal(n, locale="vi_VN")

    same()
    assert format_int(22278) == "22.278" and format_int(10**15) == "1.000.000.000.000.000"
