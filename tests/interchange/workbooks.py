"""Workbooks built in code the way clerks and one-stop systems make them."""

from __future__ import annotations

from pathlib import Path

# (label, online, direct, carried, early, on_time, late, pending_in, pending_over)
DISTRICT_ROWS = [
    ("Đất đai", "1.234", 100, 0, 1000, 300, 34, 0, 0),
    ("Hộ tịch", 20, 5, 1, 20, 5, 1, 0, 0),
]
COMMUNE_ROWS = [
    ("Chứng thực", "2.500", "1.000", 0, 3000, 450, 50, 0, 0),
    ("Hộ tịch", 300, 120, 0, 400, 15, 5, 0, 0),
]

VARIANTS = {
    "a": {
        "direct": "Trực tiếp, dịch vụ bưu chính",
        "carried": "Từ kỳ trước",
        "commune_section": "Cấp xã",
    },
    "b": {
        "direct": "Số mới tiếp nhận trực tiếp",
        "carried": "Kỳ trước chuyển sang",
        "commune_section": "Xã, phường, thị trấn",
    },
}


def build_onestop_06b(
    path: Path,
    variant: str = "a",
    *,
    district_rows=DISTRICT_ROWS,
    commune_rows=COMMUNE_ROWS,
    swap_resolved: bool = False,
    encode=lambda s: s,
) -> Path:
    """A one-stop style 06b export: title lines, 3 merged header rows, a number row,
    section rows, field rows, subtotal rows and a grand total."""
    from openpyxl import Workbook

    v = VARIANTS[variant]
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = encode("UBND TỈNH TRÀ VINH")
    ws["A2"] = encode("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC")
    ws["A3"] = encode("Kỳ báo cáo: năm 2023")
    ws["A4"] = "(Từ ngày 01/01/2023 đến ngày 20/11/2023)"
    # Header rows 6-8; resolved sub-columns optionally in another order.
    ws.merge_cells("A6:A8")
    ws["A6"] = "STT"
    ws.merge_cells("B6:B8")
    ws["B6"] = encode("Lĩnh vực")
    ws.merge_cells("C6:F6")
    ws["C6"] = encode("Số hồ sơ nhận giải quyết")
    ws.merge_cells("C7:C8")
    ws["C7"] = encode("Tổng số")
    ws.merge_cells("D7:E7")
    ws["D7"] = encode("Trong đó")
    ws["D8"] = encode("Trực tuyến")
    ws["E8"] = encode(v["direct"])
    ws.merge_cells("F7:F8")
    ws["F7"] = encode(v["carried"])
    ws.merge_cells("G6:J6")
    ws["G6"] = encode("Số hồ sơ đã giải quyết")
    resolved = ["Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn"]
    if swap_resolved:
        resolved = ["Tổng số", "Quá hạn", "Đúng hạn", "Trước hạn"]
    for col, text in zip("GHIJ", resolved, strict=True):
        ws.merge_cells(f"{col}7:{col}8")
        ws[f"{col}7"] = encode(text)
    ws.merge_cells("K6:M6")
    ws["K6"] = encode("Số hồ sơ đang giải quyết")
    for col, text in zip("KLM", ["Tổng số", "Trong hạn", "Quá hạn"], strict=True):
        ws.merge_cells(f"{col}7:{col}8")
        ws[f"{col}7"] = encode(text)
    for i in range(13):
        ws.cell(row=9, column=i + 1, value=f"({i + 1})")
    r = 10

    def put_rows(rows):
        nonlocal r
        for n, (label, on, di, ca, ea, ot, la, pi, po) in enumerate(rows, start=1):
            resolved_vals = [ea, ot, la] if not swap_resolved else [la, ot, ea]
            values = [on, di, ca, None, *resolved_vals, None, pi, po]
            ws.cell(row=r, column=1, value=n)
            ws.cell(row=r, column=2, value=encode(label))
            ws.cell(row=r, column=3, value=999)  # totals are never read
            for c, val in enumerate(values, start=4):
                if c in (7, 11):
                    val = 999
                ws.cell(row=r, column=c, value=val)
            r += 1

    ws.cell(row=r, column=1, value="I")
    ws.cell(row=r, column=2, value=encode("Cấp huyện"))
    r += 1
    put_rows(district_rows)
    ws.cell(row=r, column=2, value=encode("Cộng cấp huyện"))
    ws.cell(row=r, column=4, value=5555)
    r += 1
    ws.cell(row=r, column=1, value="II")
    ws.cell(row=r, column=2, value=encode(v["commune_section"]))
    r += 1
    put_rows(commune_rows)
    ws.cell(row=r, column=2, value=encode("Cộng cấp xã"))
    ws.cell(row=r, column=4, value=7777)
    r += 1
    ws.cell(row=r, column=2, value=encode("Tổng cộng"))
    ws.cell(row=r, column=4, value=9999)
    wb.save(path)
    return path
