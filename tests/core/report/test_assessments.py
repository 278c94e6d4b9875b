"""Assessment phrases follow the figures: "đạt" / "chưa đạt chỉ tiêu" from the targets
setting, comparisons only where both periods have the figure, each phrase switchable."""

from __future__ import annotations

from decimal import Decimal

from tracu_desktop.cli.main import main
from tracu_desktop.core.models import Organisation
from tracu_desktop.core.periods import default_period
from tracu_desktop.core.report.placeholders import Earlier, FigureSnapshot, build_context
from tracu_desktop.db.catalog import set_setting
from tracu_desktop.export.report_export import compose_report


def test_without_targets_the_low_online_rate_is_not_praised(demo_db):
    text = compose_report(demo_db, "2023").section_text("II")
    assert "dịch vụ công trực tuyến là 69,85%, do người dân" in text
    assert "chỉ tiêu" not in text and "so với" not in text  # no comparison turned into praise


def test_targets_give_the_assessment(demo_db):
    set_setting(demo_db, "targets", {"online": 80, "on_time": 95, "digitized": 90})
    report = compose_report(demo_db, "2023")
    assert "là 69,85%, chưa đạt chỉ tiêu 80%, do người dân" in report.section_text("II")
    i6 = report.section_text("I.6")
    assert "69,85% so với tổng số hồ sơ tiếp nhận, chưa đạt chỉ tiêu 80%" in i6
    assert "chiếm 97,98% (đạt chỉ tiêu 95%)" in i6
    assert "20.432/22.278 đạt 91,71%, đạt chỉ tiêu 90%" in report.section_text("I.8")


def test_each_phrase_can_be_turned_off_from_the_command_line(demo_db_path, capsys):
    base = ["--db", str(demo_db_path), "report-phrases"]
    assert main([*base, "--target", "online=80", "--off", "online_rate_assessment"]) == 0
    shown = capsys.readouterr().out
    assert "(online): 80%" in shown and "tắt\t{online_rate_assessment}" in shown
    from tracu_desktop.db.connection import open_database

    db = open_database(demo_db_path, create=False)
    try:
        assert "chỉ tiêu" not in compose_report(db, "2023").section_text("II")
        before = compose_report(db, "2023").section_text("I.6")
        assert "tăng" in before and "so với cùng kỳ năm 2022" in before
    finally:
        db.close()
    assert (
        main([*base, "--on", "online_rate_assessment", "--off", "received_total_vs_last_year"]) == 0
    )
    assert main([*base, "--off", "online_rate_vs_last_year"]) == 0
    db = open_database(demo_db_path, create=False)
    try:
        report = compose_report(db, "2023")
        assert "chưa đạt chỉ tiêu 80%" in report.section_text("II")
        assert "so với cùng kỳ" not in report.section_text("I.6")
    finally:
        db.close()
    assert main([*base, "--off", "khong_co"]) != 0
    assert "Không có câu “khong_co”" in capsys.readouterr().err
    assert main([*base, "--target", "online=120"]) != 0


def _snap(present: dict[str, int]) -> FigureSnapshot:
    return FigureSnapshot(totals=present, present=frozenset(present))


def test_comparisons_only_where_both_periods_have_the_figure():
    period = default_period("2024")
    org = Organisation("Ủy ban nhân dân xã Thử", "Thử", "Ủy ban nhân dân tỉnh", "Văn phòng", "Thử")
    now = _snap({"received_online": 70, "received_direct": 30})  # no digitisation figure
    earlier = Earlier(
        "cùng kỳ năm 2023",
        _snap({"received_online": 50, "received_direct": 50, "digitized_dossiers": 40}),
    )
    ctx = build_context(period, org, now, last_year=earlier, targets={"online": Decimal("70")})
    assert ctx["received_new_vs_last_year"] == "không thay đổi so với cùng kỳ năm 2023"
    assert ctx["online_rate_vs_last_year"] == "tăng 20,00 điểm phần trăm so với cùng kỳ năm 2023"
    assert ctx["digitized_dossiers_vs_last_year"] is None
    assert ctx["digitized_rate_vs_last_year"] is None
    assert ctx["online_rate_assessment"] == "đạt chỉ tiêu 70%"
    assert ctx["on_time_rate_assessment"] is None  # no target, no judgement
