"""A commune's export as one-stop systems write it imports by its captions alone."""

from __future__ import annotations

import pytest

from tests.interchange.onestop_exports import build_onestop_file
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import get_values
from tracu_desktop.interchange.workbook_import import commit_import, plan_import

ROWS = [("Hộ tịch", 2_345, 1_020, 7, 1_800, 1_500, 40, 30, 2)]


@pytest.mark.parametrize("wording", [0, 1])
def test_title_lines_text_numbers_and_footer(fresh_db, tmp_path, wording):
    add_period(fresh_db, "2026-Q1")
    path = build_onestop_file(
        tmp_path / "xa.xlsx",
        ROWS,
        unit_name="Xã Tập Sơn",
        period_text="Quý I năm 2026",
        wording=wording,
    )
    plan = plan_import(fresh_db, [path], period="2026-Q1")
    assert plan.ok, [str(p) for p in plan.problems]
    footer = [str(n) for n in plan.notes if "NGƯỜI LẬP BIỂU" in n.text]
    assert footer == [
        "Tệp xa.xlsx, trang “Bao cao”, dòng 14, cột C: Dòng “NGƯỜI LẬP BIỂU” không có số nào, "
        "không phải dòng số liệu: bỏ qua."
    ]
    commit_import(fresh_db, plan)
    v = get_values(fresh_db, "2026-Q1")
    assert v[("XA_TAP_SON", "X_HO_TICH", "received_online")] == 2345  # “2.345” as text
    assert v[("XA_TAP_SON", "X_HO_TICH", "received_direct")] == 1020
    assert v[("XA_TAP_SON", "X_HO_TICH", "carried_over")] == 7
    assert v[("XA_TAP_SON", "X_HO_TICH", "pending_overdue")] == 2
    assert len(v) == 8
