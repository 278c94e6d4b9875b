"""Placeholder substitution and comparisons (pure core, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracu_desktop.core.models import Level, Organisation
from tracu_desktop.core.periods import default_period
from tracu_desktop.core.report.markup import MarkupError, parse_section
from tracu_desktop.core.report.placeholders import (
    Earlier,
    FigureSnapshot,
    UnknownPlaceholderError,
    build_context,
    compare_count,
    compare_rate,
    placeholder_catalog,
    render_text,
)
from tracu_desktop.core.report.templates import builtin_template

ORG = Organisation(
    name="Ủy ban nhân dân huyện Trà Cú",
    short_name="Trà Cú",
    superior="Ủy ban nhân dân tỉnh Trà Vinh",
    recipient="Văn phòng Ủy ban nhân dân tỉnh",
    place="Trà Cú",
)
FORM06 = (
    "received_online",
    "received_direct",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
)


def snap(online: int, direct: int, late: int = 0) -> FigureSnapshot:
    totals = {
        "received_online": online,
        "received_direct": direct,
        "resolved_early": online + direct - late,
        "resolved_on_time": 0,
        "resolved_late": late,
        "received_total": online + direct,
        "resolved_total": online + direct,
    }
    return FigureSnapshot(totals=totals, present=frozenset(FORM06))


def test_compare_count_increase_decrease_same_and_missing():
    assert compare_count(22_278, 21_074, "cùng kỳ năm 2022") == (
        "tăng 1.204 hồ sơ (5,71%) so với cùng kỳ năm 2022"
    )
    assert (
        compare_count(900, 1_000, "Quý I năm 2024")
        == "giảm 100 hồ sơ (10,00%) so với Quý I năm 2024"
    )
    assert compare_count(5, 5, "kỳ trước") == "không thay đổi so với kỳ trước"
    assert compare_count(7, 0, "kỳ trước") == "tăng 07 hồ sơ so với kỳ trước"
    assert compare_count(5, None, "kỳ trước") is None


def test_compare_rate_in_percentage_points():
    assert compare_rate(Decimal("69.85"), Decimal("66.60"), "cùng kỳ năm 2022") == (
        "tăng 3,25 điểm phần trăm so với cùng kỳ năm 2022"
    )
    assert compare_rate(Decimal("60.00"), Decimal("61.50"), "kỳ trước") == (
        "giảm 1,50 điểm phần trăm so với kỳ trước"
    )
    assert compare_rate(Decimal("50.00"), Decimal("50.00"), "kỳ trước") == (
        "không thay đổi so với kỳ trước"
    )
    assert compare_rate(Decimal("50.00"), None, "kỳ trước") is None


def _context(current: FigureSnapshot, earlier: FigureSnapshot | None):
    period = default_period("2024-Q2")
    return build_context(
        period,
        ORG,
        current,
        previous=Earlier("Quý I năm 2024", earlier),
        last_year=Earlier("cùng kỳ Quý II năm 2023", None),
    )


SENTENCE = "Tiếp nhận {received_new} hồ sơ[[ ({received_new_vs_prev})]]; trực tuyến {online_rate}[[, {online_rate_vs_prev}]]."


def test_comparison_sentences_in_context():
    up = render_text(SENTENCE, _context(snap(700, 300), snap(500, 500)))
    assert up == (
        "Tiếp nhận 1.000 hồ sơ (không thay đổi so với Quý I năm 2024); trực tuyến 70,00%, "
        "tăng 20,00 điểm phần trăm so với Quý I năm 2024."
    )
    down = render_text(SENTENCE, _context(snap(300, 500), snap(700, 300)))
    assert down == (
        "Tiếp nhận 800 hồ sơ (giảm 200 hồ sơ (20,00%) so với Quý I năm 2024); trực tuyến "
        "37,50%, giảm 32,50 điểm phần trăm so với Quý I năm 2024."
    )


def test_comparison_left_out_gracefully_without_earlier_data():
    text = render_text(SENTENCE, _context(snap(700, 300), None))
    assert text == "Tiếp nhận 1.000 hồ sơ; trực tuyến 70,00%."
    # An earlier period without form-06 figures is no basis either.
    other = FigureSnapshot(totals={"tthc_assessed": 2}, present=frozenset({"tthc_assessed"}))
    assert render_text(SENTENCE, _context(snap(700, 300), other)) == text
    # Outside an optional segment an unavailable comparison prints nothing, never the name.
    assert render_text("A{received_new_vs_last_year}B", _context(snap(1, 1), None)) == "AB"


def test_vietnamese_number_conventions_and_level_split():
    current = FigureSnapshot(
        totals={
            "tthc_assessed": 2,
            "received_online": 15_561,
            "received_direct": 6_717,
            "dvc_full": 27,
        },
        by_level={Level.DISTRICT: {"dvc_full": 17}, Level.COMMUNE: {"dvc_full": 10}},
        present=frozenset({"tthc_assessed", "received_online", "received_direct", "dvc_full"}),
    )
    ctx = _context(current, None)
    text = render_text(
        "{tthc_assessed}|{received_new}|{online_rate}|{dvc_full} ({dvc_full_district}, {dvc_full_commune})|{appraised_tthc}",
        ctx,
    )
    assert text == "02|22.278|69,85%|27 (17, 10)|00"


def test_unknown_placeholders_reported_by_name():
    ctx = _context(snap(1, 1), None)
    with pytest.raises(UnknownPlaceholderError) as info:
        render_text("Số {received_total} và {so_ho_so} và {online rate}", ctx, "phần I.6")
    assert info.value.names == {"phần I.6": ["so_ho_so", "online rate"]}
    assert "{so_ho_so}" in str(info.value) and "phần I.6" in str(info.value)


def test_escaped_braces_are_literal():
    assert render_text("{{received_new}} = {received_new}", _context(snap(1, 1), None)) == (
        "{received_new} = 02"
    )


def test_every_template_placeholder_is_in_the_catalog():
    catalog = placeholder_catalog()
    tpl = builtin_template()
    ctx = _context(snap(1, 1), snap(1, 1))
    assert set(ctx) == set(catalog)
    for key, text in [*tpl.texts.items(), ("subject", tpl.subject), ("recipient", tpl.recipient)]:
        render_text(text, ctx, key)  # raises on any unknown name


def test_footnotes_numbered_and_checked():
    parsed = parse_section(
        "Văn bản[^a] và *nghiêng*.\n[^a]: Nghị định số 45/2020/NĐ-CP.", first_note=3
    )
    runs = parsed.paragraphs[0].runs
    assert [r.note for r in runs if r.note] == [3]
    assert any(r.italic and r.text == "nghiêng" for r in runs)
    assert parsed.notes[0][0] == 3 and parsed.notes[0][1][0].text == "Nghị định số 45/2020/NĐ-CP."
    with pytest.raises(MarkupError, match=r"\[\^b\]"):
        parse_section("Văn bản[^b].")


def test_report_date_defaults_to_day_after_period():
    from tracu_desktop.core.report.model import ReportMeta

    p = default_period("2023").with_dates(date(2023, 1, 1), date(2023, 11, 20))
    assert ReportMeta().report_date(p) == date(2023, 11, 21)
    assert ReportMeta(number="533").number_line() == "Số: 533/BC-UBND"
