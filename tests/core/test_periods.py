from datetime import date

import pytest

from tracu_desktop.core.periods import (
    PeriodCodeError,
    PeriodKind,
    default_period,
    normalize_code,
    previous_code,
    same_period_last_year,
    sort_key,
)


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2024-Q1", date(2023, 12, 15), date(2024, 3, 14), "Quý I năm 2024"),
        ("2024-Q2", date(2024, 3, 15), date(2024, 6, 14), "Quý II năm 2024"),
        ("2024-Q3", date(2024, 6, 15), date(2024, 9, 14), "Quý III năm 2024"),
        ("2024-Q4", date(2024, 9, 15), date(2024, 12, 14), "Quý IV năm 2024"),
        ("2024-H1", date(2023, 12, 15), date(2024, 6, 14), "6 tháng đầu năm 2024"),
        ("2024-9M", date(2023, 12, 15), date(2024, 9, 14), "9 tháng đầu năm 2024"),
        ("2023", date(2022, 12, 15), date(2023, 12, 14), "năm 2023"),
        ("2024-M01", date(2023, 12, 15), date(2024, 1, 14), "tháng 01 năm 2024"),
        ("2024-M07", date(2024, 6, 15), date(2024, 7, 14), "tháng 7 năm 2024"),
    ],
)
def test_default_dates_follow_cutoff_rule(code, start, end, label):
    p = default_period(code)
    assert (p.start, p.end) == (start, end)
    assert p.label() == label


def test_custom_range_is_spelled_out_like_the_2023_report():
    p = default_period("2023").with_dates(date(2023, 1, 1), date(2023, 11, 20))
    assert p.label() == "năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)"
    assert p.range_text() == "(Từ ngày 01/01/2023 đến ngày 20/11/2023)"
    assert p.title_label().startswith("Năm 2023")


def test_custom_name_overrides_label():
    assert (
        default_period("2024-Q1").with_dates(name="Quý I/2024 (bổ sung)").label()
        == "Quý I/2024 (bổ sung)"
    )


def test_end_before_start_rejected():
    with pytest.raises(PeriodCodeError, match="trước ngày bắt đầu"):
        default_period("2024-Q1").with_dates(date(2024, 3, 1), date(2024, 2, 1))


@pytest.mark.parametrize("bad", ["24", "2024-Q5", "2024-M13", "2024-H2", "quý 1", ""])
def test_bad_codes_rejected_with_accepted_forms(bad):
    with pytest.raises(PeriodCodeError, match="2024-Q1"):
        default_period(bad)


def test_codes_are_normalised():
    assert normalize_code("2024-q1") == "2024-Q1"
    assert normalize_code(" 2024-m03 ") == "2024-M03"
    assert default_period("2024-9m").kind is PeriodKind.NINE_MONTHS


@pytest.mark.parametrize(
    ("code", "prev"),
    [
        ("2024-Q1", "2023-Q4"),
        ("2024-Q3", "2024-Q2"),
        ("2024-M01", "2023-M12"),
        ("2024-M05", "2024-M04"),
        ("2024", "2023"),
        ("2024-H1", "2023"),
        ("2024-9M", "2023"),
    ],
)
def test_previous_period_is_contiguous(code, prev):
    assert previous_code(code) == prev
    assert default_period(prev).end.toordinal() + 1 == default_period(code).start.toordinal()


def test_same_period_last_year():
    assert same_period_last_year("2024-Q2") == "2023-Q2"
    assert same_period_last_year("2024-H1") == "2023-H1"


def test_sort_key_orders_chronologically():
    codes = ["2024", "2024-Q1", "2023-Q4", "2024-M02", "2024-H1", "2024-Q2"]
    assert sorted(codes, key=sort_key) == [
        "2023-Q4",
        "2024-M02",
        "2024-Q1",
        "2024-Q2",
        "2024-H1",
        "2024",
    ]
