"""One-stop exports as they arrive from provincial systems: an empty first column, title
lines, a three-row merged header, a “(1) (2) (3) …” row, numbers stored as text with “.”
thousands separators, a total row and footer signature lines."""

from __future__ import annotations

from pathlib import Path

# (field label, online, direct, carried, early, on_time, late, pending_in, pending_over)
Row = tuple[str, int, int, int, int, int, int, int, int]


def _num(v: int) -> object:
    """Large numbers as text with “.” separators, as some systems export them."""
    return f"{v:,}".replace(",", ".") if v >= 1000 else v


# Two wordings of the receipt columns seen in provincial systems.
WORDINGS = (
    ("Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước"),
    ("Số mới tiếp nhận trực tiếp", "Kỳ trước chuyển sang"),
)


def write_onestop_sheet(
    ws, rows: list[Row], *, unit_name: str, period_text: str, wording: int = 0
) -> None:
    """Fill ``ws`` with a commune's 06b-like export (data starts in column B)."""
    direct, carried = WORDINGS[wording]
    ws["B1"] = "UBND TỈNH VĨNH LONG"
    ws["B2"] = "HỆ THỐNG THÔNG TIN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    ws["D3"] = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    ws["D4"] = f"Kỳ báo cáo: {period_text}"
    ws["K3"] = f"- Đơn vị báo cáo: {unit_name}"
    ws["K4"] = "- Đơn vị nhận báo cáo: Văn phòng UBND tỉnh"
    ws["M5"] = "Đơn vị tính: Số hồ sơ TTHC."
    ws.merge_cells("B6:B8")
    ws["B6"] = "STT"
    ws.merge_cells("C6:C8")
    ws["C6"] = "Lĩnh vực, công việc giải quyết theo cấp"
    ws.merge_cells("D6:G6")
    ws["D6"] = "Số hồ sơ nhận giải quyết"
    ws.merge_cells("D7:D8")
    ws["D7"] = "Tổng số"
    ws.merge_cells("E7:F7")
    ws["E7"] = "Trong đó"
    ws["E8"] = "Trực tuyến"
    ws["F8"] = direct
    ws.merge_cells("G7:G8")
    ws["G7"] = carried
    ws.merge_cells("H6:K6")
    ws["H6"] = "Số hồ sơ đã giải quyết"
    for col, text in zip("HIJK", ["Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn"], strict=True):
        ws.merge_cells(f"{col}7:{col}8")
        ws[f"{col}7"] = text
    ws.merge_cells("L6:N6")
    ws["L6"] = "Số hồ sơ đang giải quyết"
    for col, text in zip("LMN", ["Tổng số", "Trong hạn", "Quá hạn"], strict=True):
        ws.merge_cells(f"{col}7:{col}8")
        ws[f"{col}7"] = text
    for i in range(13):
        ws.cell(row=9, column=i + 2, value=f"({i + 1})")
    r = 10
    totals = [0] * 11
    for n, (label, on, di, ca, ea, ot, la, pi, po) in enumerate(rows, start=1):
        figures = [on + di + ca, on, di, ca, ea + ot + la, ea, ot, la, pi + po, pi, po]
        ws.cell(row=r, column=2, value=n)
        ws.cell(row=r, column=3, value=label)
        for c, v in enumerate(figures, start=4):
            ws.cell(row=r, column=c, value=_num(v))
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        r += 1
    ws.cell(row=r, column=3, value="Tổng cộng")
    for c, v in enumerate(totals, start=4):
        ws.cell(row=r, column=c, value=_num(v))
    ws.cell(row=r + 2, column=10, value="Vĩnh Long, ngày 05 tháng 4 năm 2026")
    ws.cell(row=r + 3, column=3, value="NGƯỜI LẬP BIỂU")
    ws.cell(row=r + 3, column=10, value="THỦ TRƯỞNG ĐƠN VỊ")
    ws.cell(row=r + 4, column=10, value="(Ký, ghi rõ họ tên, đóng dấu)")


def build_monthly_workbook(
    path: Path, months: list[tuple[str, list[Row]]], *, unit_name: str, year: int = 2026
) -> Path:
    """One workbook, one sheet per month (the sheet names are given), plus a summary sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    summary = wb.active
    summary.title = "Hướng dẫn"
    summary["A1"] = "Số liệu theo từng tháng; xem các trang bên cạnh."
    for name, rows in months:
        ws = wb.create_sheet(name)
        write_onestop_sheet(ws, rows, unit_name=unit_name, period_text=f"{name} năm {year}")
    wb.save(path)
    return path


def build_onestop_file(
    path: Path, rows: list[Row], *, unit_name: str, period_text: str, wording: int = 0
) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Bao cao"
    write_onestop_sheet(ws, rows, unit_name=unit_name, period_text=period_text, wording=wording)
    wb.save(path)
    return path
