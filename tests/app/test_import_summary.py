"""The per-file summary of an import plan names each file's unit and what it brings."""

from __future__ import annotations

from datetime import date

from tests.app.batch import commune_workbooks
from tracu_desktop.app.import_summary import file_summary
from tracu_desktop.app.imports import plan_import
from tracu_desktop.db.periods import add_period


def test_one_line_per_file_then_the_total(fresh_db, tmp_path):
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    files = commune_workbooks(fresh_db, tmp_path / "in", 2)
    plan = plan_import(fresh_db, files).plan
    assert plan.ok, [str(p) for p in plan.problems]
    lines = file_summary(fresh_db, plan)
    assert lines[0].split()[:4] == ["TT", "Tệp", "Đơn", "vị"]
    rows = [line.split() for line in lines if line.lstrip()[:1].isdigit()]
    assert [r[:5] for r in rows] == [
        ["1", "xa_001.xlsx", "Xã", "Thử", "Nghiệm"],
        ["2", "xa_002.xlsx", "Xã", "Thử", "Nghiệm"],
    ]
    assert [r[-4:] for r in rows] == [["2023", "8", "111", "111"], ["2023", "8", "112", "112"]]
    assert lines[-1].split() == ["Tổng", "cộng", "2", "đơn", "vị", "16", "223", "223"]
