"""Monthly and weekly sheets (or files) imported into one period, summed like a roll-up."""

from __future__ import annotations

import pytest

from tests.interchange.onestop_exports import build_monthly_workbook, build_onestop_file
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes, get_values
from tracu_desktop.interchange.subperiod_import import SubPeriodName, sub_period_of
from tracu_desktop.interchange.workbook_import import commit_import, plan_import

UNIT = "Thị trấn Trà Cú"
JAN = [("Hộ tịch", 100, 50, 10, 80, 40, 5, 30, 5), ("Chứng thực", 400, 20, 0, 300, 100, 0, 20, 0)]
FEB = [("Hộ tịch", 1200, 60, 35, 900, 300, 10, 80, 5), ("Chứng thực", 10, 0, 20, 30, 0, 0, 0, 0)]
MAR = [("Hộ tịch", 90, 40, 85, 100, 50, 0, 60, 5), ("Chứng thực", 5, 5, 0, 5, 5, 0, 0, 0)]
QUARTER = {
    "received_online": 1390,
    "received_direct": 150,
    "carried_over": 10,  # January's
    "resolved_early": 1080,
    "resolved_on_time": 390,
    "resolved_late": 15,
    "pending_on_time": 60,  # March's
    "pending_overdue": 5,
}


@pytest.fixture
def quarter_db(fresh_db):
    add_period(fresh_db, "2026-Q1")
    return fresh_db


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tháng 1", SubPeriodName("month", 0, 1)),
        ("T2", SubPeriodName("month", 0, 2)),
        ("t.03", SubPeriodName("month", 0, 3)),
        ("THANG 12", SubPeriodName("month", 0, 12)),
        ("01/2026", SubPeriodName("month", 2026, 1)),
        ("01-2026", SubPeriodName("month", 2026, 1)),
        ("T3.2026", SubPeriodName("month", 2026, 3)),
        ("Tháng 02 năm 2026", SubPeriodName("month", 2026, 2)),
        ("Tuần 3", SubPeriodName("week", 0, 3)),
        ("Tuan 12", SubPeriodName("week", 0, 12)),
        ("Sheet1", None),
        ("Tháng 13", None),
        ("Tổng hợp", None),
        ("2026", None),
    ],
)
def test_sheet_names(name, expected):
    assert sub_period_of(name) == expected


def test_three_monthly_sheets_roll_up_into_the_quarter(quarter_db, tmp_path):
    # Sheets in the wrong order and in two spellings: the months order them.
    path = build_monthly_workbook(
        tmp_path / "quy1.xlsx", [("T3", MAR), ("Tháng 1", JAN), ("T2", FEB)], unit_name=UNIT
    )
    plan = plan_import(quarter_db, [path], period="2026-Q1")
    assert plan.ok, [str(p) for p in plan.problems]
    (rollup,) = plan.rollups
    assert rollup.sources == ["Tháng 1", "T2", "T3"]
    # The preview shows each sheet's figure beside the summed one.
    assert rollup.per_source[("TT_TRA_CU", "X_HO_TICH", "received_online")] == [100, 1200, 90]
    assert rollup.per_source[("TT_TRA_CU", "X_HO_TICH", "carried_over")] == [10, 35, 85]
    assert rollup.totals[("TT_TRA_CU", "X_HO_TICH", "carried_over")] == 10
    assert not rollup.warnings
    notes = " ".join(str(n) for n in plan.notes)
    assert "số từ kỳ trước lấy của “Tháng 1”" in notes
    assert "“Hướng dẫn”" in notes  # the sheet that was left out is named
    commit_import(quarter_db, plan)
    values = get_values(quarter_db, "2026-Q1")
    for ind, expected in QUARTER.items():
        assert values[("TT_TRA_CU", "X_HO_TICH", ind)] == expected, ind
    assert values[("TT_TRA_CU", "X_CHUNG_THUC", "received_online")] == 415
    assert values[("TT_TRA_CU", "X_CHUNG_THUC", "carried_over")] == 0


def test_broken_chain_is_warned_naming_both_sheets(quarter_db, tmp_path):
    broken = [("Hộ tịch", 90, 40, 80, 100, 50, 0, 55, 5), MAR[1]]
    path = build_monthly_workbook(
        tmp_path / "quy1.xlsx",
        [("Tháng 1", JAN), ("Tháng 2", FEB), ("Tháng 3", broken)],
        unit_name=UNIT,
    )
    plan = plan_import(quarter_db, [path], period="2026-Q1")
    assert plan.ok
    (warning,) = plan.rollups[0].warnings
    assert str(warning.text) == (
        "Thị trấn Trà Cú — lĩnh vực Hộ tịch: số từ kỳ trước chuyển qua của “Tháng 3” = 80 "
        "khác số đang giải quyết của “Tháng 2” = 85."
    )
    assert warning in plan.notes
    assert warning.where.sheet == "Tháng 3"


def test_quarter_inferred_from_dated_sheets_and_missing_month_said(quarter_db, tmp_path):
    path = build_monthly_workbook(
        tmp_path / "q.xlsx", [("01-2026", JAN), ("T3.2026", MAR)], unit_name=UNIT
    )
    plan = plan_import(quarter_db, [path])
    # 01 and 03 are not a whole quarter: no period is guessed.
    assert not plan.ok
    assert "Không xác định được kỳ báo cáo" in str(plan.problems[0])
    plan = plan_import(quarter_db, [path], period="2026-Q1")
    assert plan.ok
    assert any("Thiếu trang của tháng 2" in str(n) for n in plan.notes)
    path = build_monthly_workbook(
        tmp_path / "q2.xlsx",
        [("01-2026", JAN), ("Tháng 2-2026", FEB), ("03.2026", MAR)],
        unit_name=UNIT,
    )
    plan = plan_import(quarter_db, [path])
    assert plan.ok, [str(p) for p in plan.problems]
    assert {c.key.period for c in plan.changes} == {"2026-Q1"}


def test_month_outside_the_period_is_refused(quarter_db, tmp_path):
    path = build_monthly_workbook(
        tmp_path / "q.xlsx", [("Tháng 1", JAN), ("Tháng 4", MAR)], unit_name=UNIT
    )
    plan = plan_import(quarter_db, [path], period="2026-Q1")
    assert not plan.ok
    assert str(plan.problems[0]) == (
        "Tệp q.xlsx, trang “Tháng 4”: Tháng 4 không thuộc kỳ 2026-Q1 (tháng 1 đến tháng 3)."
    )


def test_several_monthly_files_roll_up_and_replacements_are_shown(quarter_db, tmp_path):
    key = ValueKey("2026-Q1", "TT_TRA_CU", "X_HO_TICH", "received_online")
    apply_changes(quarter_db, [Change(key, 1000)], source="entry")
    files = [
        build_onestop_file(tmp_path / f"{name}.xlsx", rows, unit_name=UNIT, period_text=name)
        for name, rows in (("Thang 2", FEB), ("Thang 1", JAN), ("Thang 3", MAR))
    ]
    plan = plan_import(quarter_db, files, period="2026-Q1")
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.rollups[0].sources == ["Thang 1.xlsx", "Thang 2.xlsx", "Thang 3.xlsx"]
    summed = next(str(n) for n in plan.notes if "Cộng dồn" in n.text)
    assert summed.startswith(
        "Tệp Thang 2.xlsx, Thang 1.xlsx, Thang 3.xlsx: Cộng dồn 3 tệp (Thang 1.xlsx, "
        "Thang 2.xlsx, Thang 3.xlsx)"
    )
    (replaced,) = plan.replaced
    assert (replaced.key, replaced.old, replaced.new) == (key, 1000, 1390)
    commit_import(quarter_db, plan)
    assert get_values(quarter_db, "2026-Q1")[("TT_TRA_CU", "X_HO_TICH", "pending_on_time")] == 60


def test_weekly_sheets_are_summed(fresh_db, tmp_path):
    add_period(fresh_db, "2026-M03")
    weeks = [("Tuần 2", FEB), ("Tuần 1", JAN)]
    path = build_monthly_workbook(tmp_path / "tuan.xlsx", weeks, unit_name=UNIT)
    plan = plan_import(fresh_db, [path], period="2026-M03")
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.rollups[0].sources == ["Tuần 1", "Tuần 2"]
    commit_import(fresh_db, plan)
    values = get_values(fresh_db, "2026-M03")
    assert values[("TT_TRA_CU", "X_HO_TICH", "received_online")] == 1300
    assert values[("TT_TRA_CU", "X_HO_TICH", "carried_over")] == 10
    assert values[("TT_TRA_CU", "X_HO_TICH", "pending_on_time")] == 80


def test_undated_months_are_not_put_into_the_year_of_their_titles(quarter_db, tmp_path):
    add_period(quarter_db, "2026")
    months = [("Tháng 1", JAN), ("Tháng 2", FEB), ("Tháng 3", MAR)]
    path = build_monthly_workbook(tmp_path / "q.xlsx", months, unit_name=UNIT)
    plan = plan_import(quarter_db, [path])
    assert not plan.ok
    assert str(plan.problems[0]) == (
        "Tệp q.xlsx: Không xác định được kỳ báo cáo; hãy chọn kỳ (tùy chọn --period)."
    )


def test_monthly_templates_named_t1_t2_go_to_their_own_months(fresh_db, tmp_path):
    from openpyxl import load_workbook

    from tracu_desktop.interchange.template_xlsx import write_template

    files = []
    for month, value in ((1, 11), (2, 22)):
        code = f"2026-M{month:02d}"
        add_period(fresh_db, code)
        path = write_template(fresh_db, code, "TT_TRA_CU", tmp_path / f"T{month}.xlsx")
        wb = load_workbook(path)
        wb["Bieu06"]["D9"] = value
        wb.save(path)
        files.append(path)
    plan = plan_import(fresh_db, files)
    assert plan.ok, [str(p) for p in plan.problems]
    assert not plan.rollups
    commit_import(fresh_db, plan)
    jan, feb = get_values(fresh_db, "2026-M01"), get_values(fresh_db, "2026-M02")
    assert 11 in jan.values() and 22 in feb.values()


def test_cli_preview_shows_each_month_beside_the_sum(quarter_db, tmp_path, capsys):
    from tracu_desktop.cli.main import main

    key = ValueKey("2026-Q1", "TT_TRA_CU", "X_HO_TICH", "received_online")
    apply_changes(quarter_db, [Change(key, 1000)], source="entry")
    months = [("Tháng 1", JAN), ("Tháng 2", FEB), ("Tháng 3", MAR)]
    path = build_monthly_workbook(tmp_path / "q.xlsx", months, unit_name=UNIT)
    db_path = str(quarter_db.path)
    quarter_db.close()
    assert main(["--db", db_path, "import", str(path), "--period", "2026-Q1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Cộng dồn 3 kỳ nhỏ: Tháng 1, Tháng 2, Tháng 3" in out
    assert (
        "  TT_TRA_CU X_HO_TICH received_online: Tháng 1 = 100; Tháng 2 = 1.200; "
        "Tháng 3 = 90 → 1.390"
    ) in out
    assert "Thay 1 số liệu đã có bằng số mới" in out
    assert "2026-Q1 TT_TRA_CU X_HO_TICH received_online: 1.000 → 1.390" in out
