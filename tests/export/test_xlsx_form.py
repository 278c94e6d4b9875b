"""Excel forms reopened with openpyxl: what a clerk checks on screen and on paper."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tracu_desktop.core.models import Level
from tracu_desktop.db.aggregate import period_totals, sum_by_level
from tracu_desktop.export.forms_export import export_form

REPORT_DATE = date(2023, 11, 21)


def _export(db, out_dir: Path, code: str):
    path = export_form(db, "2023", code, "xlsx", out_dir / f"{code}.xlsx", on=REPORT_DATE)
    return load_workbook(path).active


def _find(ws, text: str):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} not in sheet")


def _row_values(ws, row: int, ncols: int) -> list:
    return [ws.cell(row, c).value for c in range(1, ncols + 1)]


def test_06b_layout_and_totals(demo_db, out_dir):
    ws = _export(demo_db, out_dir, "06b")
    assert ws.title == "06b"
    assert _find(ws, "Biểu số II.06b/VPCP/KSTT").font.bold
    title = _find(ws, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC THUỘC THẨM QUYỀN CỦA CẤP HUYỆN, CẤP XÃ")
    assert title.font.bold and title.font.name == "Times New Roman"
    _find(ws, "Kỳ báo cáo: Năm 2023")
    _find(ws, "(Từ ngày 01/01/2023 đến ngày 20/11/2023)")
    _find(ws, "- Đơn vị báo cáo: Ủy ban nhân dân huyện Trà Cú")
    assert _find(ws, "Đơn vị tính: Số hồ sơ TTHC.").alignment.horizontal == "right"
    for caption in (
        "Trực tuyến",
        "Trực tiếp, dịch vụ bưu chính",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Trong hạn",
    ):
        _find(ws, caption)

    top = _find(ws, "TT").row
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{top}:A{top + 2}" in merged  # TT over three header rows
    assert f"C{top}:F{top}" in merged  # Số hồ sơ nhận giải quyết over (3)–(6)
    assert f"D{top + 1}:E{top + 1}" in merged  # Trong đó over (4)–(5)
    assert f"G{top}:J{top}" in merged and f"K{top}:M{top}" in merged
    assert ws.cell(top, 3).value == "Số hồ sơ nhận giải quyết"
    assert ws.cell(top + 2, 4).value == "Trực tuyến"
    numbers = top + 3
    nums = ["".join(str(v).split()) for v in _row_values(ws, numbers, 13)]
    assert nums[:4] == ["(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)"]
    assert nums[10] == "(11)=(12)+(13)"

    assert ws.cell(numbers + 1, 2).value == "Cấp huyện" and ws.cell(numbers + 1, 2).font.bold
    _find(ws, "Cấp xã")
    _find(ws, "Cộng cấp huyện")
    total = _find(ws, "Tổng cộng")
    values = _row_values(ws, total.row, 13)[2:]
    assert values == [22278, 15561, 6717, 0, 22278, 16874, 4955, 449, 0, 0, 0]
    assert all(ws.cell(total.row, c).font.bold for c in range(1, 14))
    assert ws.cell(total.row, 3).number_format == "#,##0"
    assert ws.cell(total.row, 3).data_type == "n"  # a value, not a formula

    # totals equal the database aggregate, column by column
    agg = period_totals(demo_db, "2023")
    keys = [
        "received_total",
        "received_online",
        "received_direct",
        "carried_over",
        "resolved_total",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "pending_total",
        "pending_on_time",
        "pending_overdue",
    ]
    assert values == [agg[k] for k in keys]
    # level subtotals equal the level aggregates
    district = sum_by_level(demo_db, "2023")[Level.DISTRICT]
    sub = _find(ws, "Cộng cấp huyện").row
    assert ws.cell(sub, 4).value == district["received_online"]

    # print setup
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${top}:${numbers}"
    assert ws.page_margins.left == 0.5
    assert "Trang &P/&N" in ws.oddFooter.center.text
    # signatures below the table
    _find(ws, "Trà Cú, ngày 21 tháng 11 năm 2023")
    assert _find(ws, "KT. CHỦ TỊCH").row > total.row
    _find(ws, "NGƯỜI LẬP BIỂU")
    _find(ws, "Tăng Thị Thắm")


def test_document_properties(demo_db, out_dir):
    path = export_form(demo_db, "2023", "06b", "xlsx", out_dir / "x.xlsx", on=REPORT_DATE)
    wb = load_workbook(path)
    assert wb.properties.creator == "Ủy ban nhân dân huyện Trà Cú"
    assert "Biểu số II.06b/VPCP/KSTT" in wb.properties.title


def test_06a_one_row_per_unit_grouped_by_level(demo_db, out_dir):
    ws = _export(demo_db, out_dir, "06a")
    _find(ws, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC")
    assert _find(ws, "Phòng Tư pháp").row < _find(ws, "Cấp xã").row < _find(ws, "Xã Thanh Sơn").row
    total = _find(ws, "Tổng cộng").row
    assert ws.cell(total, 3).value == 22278 and ws.cell(total, 10).value == 449


def test_05a_feedback_on_ho_tich(demo_db, out_dir):
    ws = _export(demo_db, out_dir, "05a")
    _find(ws, "TÌNH HÌNH, KẾT QUẢ XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ (PAKN) VỀ QUY ĐỊNH HÀNH CHÍNH")
    row = _find(ws, "Hộ tịch").row
    # (3) received, (5) on regulations, (6) processed, (8) on regulations, (9) pending, (12) published
    values = _row_values(ws, row, 12)
    assert values[0] == "1"
    assert values[2:] == [1, 0, 1, 1, 0, 1, 0, 0, 0, 1]
    total = _find(ws, "Tổng cộng").row
    assert _row_values(ws, total, 12)[2:] == values[2:]
    assert _row_values(ws, total + 1, 12)[1] is None  # nothing but Hộ tịch and the total


def test_07b_counts_by_level(demo_db, out_dir):
    ws = _export(demo_db, out_dir, "07b")
    _find(ws, "TỔNG HỢP SỐ LƯỢNG THỦ TỤC HÀNH CHÍNH")
    total = _find(ws, "Tổng cộng").row
    assert _row_values(ws, total, 6)[2:] == [435, 0, 270, 165]
    top = _find(ws, "STT").row
    nums = ["".join(str(v).split()) for v in _row_values(ws, top + 2, 14)]
    assert nums[:3] == ["(1)", "(2)", "(3)=(4)+(5)+(6)"] and nums[13] == "(14)"


def test_dvc_is_titled_as_the_apps_own_table(demo_db, out_dir):
    ws = _export(demo_db, out_dir, "dvc")
    _find(ws, "KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN VÀ SỐ HÓA HỒ SƠ")
    with pytest.raises(AssertionError):
        _find(ws, "Biểu số II.06b/VPCP/KSTT")
    total = _find(ws, "Tổng cộng").row
    values = _row_values(ws, total, 12)[2:]
    assert values[:7] == [334, 27, 188, 119, 22278, 15561, 6717]
    assert values[7] == pytest.approx(0.6985) and values[9] == pytest.approx(0.9171)
    assert values[8] == 20432
    assert ws.cell(total, 10).number_format == "0.00%"


def test_completeness_lists_units(demo_db, out_dir):
    ws = _export(demo_db, out_dir, "completeness")
    _find(ws, "CÁC ĐƠN VỊ GỬI BÁO CÁO")
    assert ws.page_setup.orientation == "portrait"
    for caption in ("Có gửi báo cáo", "Không gửi báo cáo", "Ghi chú"):
        _find(ws, caption)
    row = _find(ws, "Xã Thanh Sơn").row
    assert ws.cell(row, 3).value == "x" and ws.cell(row, 4).value is None
    row = _find(ws, "Phòng Y tế").row  # the demo has no figures for it
    assert ws.cell(row, 3).value is None and ws.cell(row, 4).value == "x"
