"""One-stop exports with more detail than form 06, built like real ones (title lines,
an empty first column, three merged header rows, a column-number row, text numbers with
thousands separators, a total row and signature lines below)."""

from __future__ import annotations

from pathlib import Path

# label, carried, direct, full, partial, other, postal, nonboundary,
# early_or_on_time, late_apology, late_no_apology, pending_not_due, pending_over
DETAIL_ROWS = [
    ("Đất đai", 3, 100, 1200, 30, 4, 20, 15, 1300, 40, 7, 8, 2),
    ("Hộ tịch", 0, 50, 800, "1.000", 2, 0, 9, 1840, 3, 0, 9, 0),
]


def leaf_captions() -> list[str]:
    return [
        "Kỳ trước chuyển qua",
        "Tiếp nhận trực tiếp",
        "Trực tuyến toàn trình",
        "Trực tuyến một phần",
        "Trực tuyến hình thức khác",
        "Qua bưu chính / BCCI",
        "Tiếp nhận phi địa giới",
        "Đúng và trước hạn",
        "Quá hạn (đã có thư xin lỗi)",
        "Quá hạn (chưa có thư xin lỗi)",
        "Chưa đến hạn",
        "Quá hạn",
    ]


def _n(v) -> int:
    return int(str(v).replace(".", ""))


def summed_06(row) -> dict[str, int]:
    """Form-06 figures of one detail row, summed by hand (early/on-time all on time)."""
    _, carried, direct, full, partial, other, postal, _nb, eot, la, lna, pnd, po = row
    return {
        "carried_over": _n(carried),
        "received_online": _n(full) + _n(partial) + _n(other),
        "received_direct": _n(direct) + _n(postal),
        "resolved_early": 0,
        "resolved_on_time": _n(eot),
        "resolved_late": _n(la) + _n(lna),
        "pending_on_time": _n(pnd),
        "pending_overdue": _n(po),
    }


def build_detail_export(
    path: Path, rows=DETAIL_ROWS, *, unit_line: str = "", label: str = "Lĩnh vực",
    as_text: bool = True,
) -> Path:  # fmt: skip
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "BaoCao"
    ws["B1"] = "HỆ THỐNG THÔNG TIN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TỈNH"
    ws["B2"] = "THỐNG KÊ TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ"
    ws["B3"] = "(Từ ngày 01/01/2023 đến ngày 20/11/2023)"
    if unit_line:
        ws["J4"] = f"Đơn vị báo cáo: {unit_line}"
    # Column A stays empty; the table starts in B. Header rows 6-8, numbers in 9.
    h = 6
    ws.merge_cells(f"B{h}:B{h + 2}")
    ws[f"B{h}"] = "STT"
    ws.merge_cells(f"C{h}:C{h + 2}")
    ws[f"C{h}"] = label
    ws.merge_cells(f"D{h}:L{h}")
    ws[f"D{h}"] = "Số hồ sơ nhận giải quyết"
    ws.merge_cells(f"D{h + 1}:D{h + 2}")
    ws[f"D{h + 1}"] = "Tổng số"
    ws.merge_cells(f"E{h + 1}:E{h + 2}")
    ws[f"E{h + 1}"] = "Kỳ trước\nchuyển qua"
    ws.merge_cells(f"F{h + 1}:L{h + 1}")
    ws[f"F{h + 1}"] = "Tiếp nhận mới trong kỳ"
    for col, text in zip("FGHIJK", leaf_captions()[1:7], strict=True):
        ws[f"{col}{h + 2}"] = text
    ws[f"L{h + 2}"] = "Cộng"
    ws.merge_cells(f"M{h}:P{h}")
    ws[f"M{h}"] = "Số hồ sơ đã giải quyết"
    ws.merge_cells(f"M{h + 1}:M{h + 2}")
    ws[f"M{h + 1}"] = "Tổng số"
    ws.merge_cells(f"N{h + 1}:N{h + 2}")
    ws[f"N{h + 1}"] = "Đúng và trước hạn"
    ws.merge_cells(f"O{h + 1}:P{h + 1}")
    ws[f"O{h + 1}"] = "Quá hạn"
    ws[f"O{h + 2}"] = "Đã có thư xin lỗi"
    ws[f"P{h + 2}"] = "Chưa có thư xin lỗi"
    ws.merge_cells(f"Q{h}:S{h}")
    ws[f"Q{h}"] = "Số hồ sơ đang giải quyết"
    ws.merge_cells(f"Q{h + 1}:Q{h + 2}")
    ws[f"Q{h + 1}"] = "Tổng số"
    ws.merge_cells(f"R{h + 1}:R{h + 2}")
    ws[f"R{h + 1}"] = "Chưa đến hạn"
    ws.merge_cells(f"S{h + 1}:S{h + 2}")
    ws[f"S{h + 1}"] = "Quá hạn"
    for i, col in enumerate("BCDEFGHIJKLMNOPQRS", start=1):
        ws[f"{col}{h + 3}"] = f"({i})"
    r = h + 4
    for n, row in enumerate(rows, start=1):
        label_text, carried, direct, full, partial, other, postal, nb, eot, la, lna, pnd, po = row
        new = sum(_n(v) for v in (direct, full, partial, other, postal))
        resolved = _n(eot) + _n(la) + _n(lna)

        def put(col, v, r=r):
            v = _n(v)
            ws[f"{col}{r}"] = f"{v:,}".replace(",", ".") if as_text else v

        ws[f"B{r}"] = n
        ws[f"C{r}"] = label_text
        for col, v in zip(
            "DEFGHIJKLMNOPQRS",
            (new + _n(carried), carried, direct, full, partial, other, postal, nb, new,
             resolved, eot, la, lna, _n(pnd) + _n(po), pnd, po),
            strict=True,
        ):  # fmt: skip
            put(col, v)
        r += 1
    ws[f"C{r}"] = "Tổng cộng"
    ws[f"D{r}"] = 99999
    ws[f"B{r + 2}"] = "Người lập biểu"
    ws[f"N{r + 2}"] = "Trà Cú, ngày 21 tháng 11 năm 2023"
    ws[f"N{r + 3}"] = "THỦ TRƯỞNG ĐƠN VỊ"
    ws[f"N{r + 4}"] = "(Ký, ghi rõ họ tên)"
    wb.save(path)
    return path
