"""Stored report texts per period and the figure context from the demo database."""

from __future__ import annotations

from datetime import date

import pytest

from tracu_desktop.core.models import ValueKey
from tracu_desktop.core.report.model import SECTION_KEYS
from tracu_desktop.core.report.placeholders import placeholder_catalog, render_text
from tracu_desktop.core.report.templates import builtin_template
from tracu_desktop.db.periods import PeriodLockedError, add_period, set_locked
from tracu_desktop.db.report_figures import report_context
from tracu_desktop.db.report_texts import (
    SAVED,
    TEMPLATE,
    copy_texts_from,
    load_report_texts,
    save_meta,
    save_section_text,
)
from tracu_desktop.db.values import Change, apply_changes, get_values


def test_every_builtin_placeholder_resolves_for_demo_period(demo_db):
    ctx = report_context(demo_db, "2023")
    assert set(ctx) == set(placeholder_catalog())
    texts = load_report_texts(demo_db, "2023")
    for key in SECTION_KEYS:
        rendered = render_text(texts.sections[key], ctx, key)
        assert "{" not in rendered and "[[" not in rendered, key
    assert ctx["received_new"] == "22.278"
    assert ctx["online_rate"] == "69,85%"
    assert ctx["dvc_full_district"] == "17" and ctx["dvc_full_commune"] == "10"
    assert ctx["authority_total"] == "435"
    assert ctx["simplify_by_field"].count("TTHC lĩnh vực") == 3


def test_demo_comparisons_with_2022_and_none_for_2021(demo_db):
    ctx = report_context(demo_db, "2023")
    # 2022 demo: 21.074 new dossiers, 12.980 online.
    assert ctx["received_new_vs_last_year"] == "tăng 1.204 hồ sơ (5,71%) so với cùng kỳ năm 2022"
    assert ctx["online_rate_vs_prev"] == "tăng 8,26 điểm phần trăm so với năm 2022"
    # 2021 has no earlier period: comparisons are unavailable, the sentence stays clean.
    ctx21 = report_context(demo_db, "2021")
    assert ctx21["received_new_vs_last_year"] is None
    text = render_text(load_report_texts(demo_db, "2021").sections["I.6"], ctx21)
    assert "so với" not in text.replace("so với tổng số hồ sơ", "")
    assert "()" not in text


def _copy_period(db, source: str, target: str, scale: float) -> None:
    changes = [
        Change(ValueKey(target, u, f, i), int(v * scale))
        for (u, f, i), v in get_values(db, source).items()
    ]
    apply_changes(db, changes, "test")


def test_comparison_decrease_and_no_change(demo_db):
    add_period(demo_db, "2024")
    _copy_period(demo_db, "2023", "2024", 1.0)
    assert report_context(demo_db, "2024")["received_new_vs_last_year"] == (
        "không thay đổi so với cùng kỳ năm 2023"
    )
    _copy_period(demo_db, "2023", "2024", 0.5)
    ctx = report_context(demo_db, "2024")
    new = sum(
        v
        for (_u, _f, i), v in get_values(demo_db, "2024").items()
        if i in ("received_online", "received_direct")
    )
    assert new == 11_072  # halved cell by cell, rounded down
    assert ctx["received_new_vs_last_year"] == "giảm 11.206 hồ sơ (50,30%) so với cùng kỳ năm 2023"


def test_new_period_starts_from_template_then_from_previous_texts(demo_db):
    tpl = builtin_template()
    first = load_report_texts(demo_db, "2022")
    assert first.sections == tpl.texts
    assert set(first.origin.values()) == {TEMPLATE}

    save_section_text(demo_db, "2022", "I.9", "Tuyên truyền trên loa truyền thanh xã.")
    save_section_text(demo_db, "2022", "II", "Đánh giá kỳ 2022: tỷ lệ {online_rate}.")
    save_meta(demo_db, "2022", number="412", date=date(2022, 12, 16), signer_name="Nguyễn Văn A")

    mine = load_report_texts(demo_db, "2022")
    assert mine.origin["I.9"] == SAVED and mine.meta.number == "412"

    nxt = load_report_texts(demo_db, "2023")
    assert nxt.sections["I.9"] == "Tuyên truyền trên loa truyền thanh xã."
    assert nxt.origin["I.9"] == "2022"
    assert nxt.sections["I.6"] == tpl.texts["I.6"] and nxt.origin["I.6"] == TEMPLATE
    assert nxt.meta.signer_name == "Nguyễn Văn A"  # copied metadata
    # never copied: 2023 keeps the demo's own number (533), not 2022's 412, and no date
    assert nxt.meta.number == "533" and nxt.meta.date is None

    # Saving in 2023 overrides the copy; 2022 keeps its own text.
    save_section_text(demo_db, "2023", "I.9", "Văn bản năm 2023.")
    assert load_report_texts(demo_db, "2023").sections["I.9"] == "Văn bản năm 2023."
    assert load_report_texts(demo_db, "2022").sections["I.9"].startswith("Tuyên truyền")

    assert copy_texts_from(demo_db, "2021", "2022") == len(SECTION_KEYS)
    assert load_report_texts(demo_db, "2021").origin["II"] == SAVED


def test_locked_period_texts_cannot_change(demo_db):
    set_locked(demo_db, "2023", True)
    with pytest.raises(PeriodLockedError):
        save_section_text(demo_db, "2023", "I.9", "x")
    with pytest.raises(PeriodLockedError):
        save_meta(demo_db, "2023", number="1")
