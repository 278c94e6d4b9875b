"""Entry templates: a workbook per unit that a commune or office fills without the program.

Forms 06 and 05a for the unit's fields; only input cells are unlocked and accept whole
numbers ≥ 0; totals are formulas; a hidden, protected metadata sheet carries unit,
period, template version and the layout checksum the importer verifies.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.core.textnorm import ascii_slug
from tracu_desktop.db.catalog import load_fields, require_organisation, unit_map
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import require_period
from tracu_desktop.export.fonts import DOCUMENT_FONT
from tracu_desktop.export.xlsx_safe import set_text
from tracu_desktop.infra.fileio import atomic_write_with, safe_filename
from tracu_desktop.interchange.template_layout import (
    COLUMNS,
    FIRST_DATA_ROW,
    FORMULAS,
    META_SHEET,
    SHEETS,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
    TemplateLayout,
)

TEMPLATE_UNIT_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE, UnitKind.BODY, UnitKind.GENERAL)

HEADERS_06 = [
    # (row, first col, last col, text) in rows 5-7; merged where first != last or rows span
    ("A5:A7", "TT"),
    ("B5:B7", "Lĩnh vực, công việc giải quyết"),
    ("C5:F5", "Số hồ sơ nhận giải quyết"),
    ("G5:J5", "Số hồ sơ đã giải quyết"),
    ("K5:M5", "Số lượng hồ sơ đang giải quyết"),
    ("C6:C7", "Tổng số"),
    ("D6:E6", "Trong đó"),
    ("F6:F7", "Từ kỳ trước"),
    ("D7", "Trực tuyến"),
    ("E7", "Trực tiếp, dịch vụ bưu chính"),
    ("G6:G7", "Tổng số"),
    ("H6:H7", "Trước hạn"),
    ("I6:I7", "Đúng hạn"),
    ("J6:J7", "Quá hạn"),
    ("K6:K7", "Tổng số"),
    ("L6:L7", "Trong hạn"),
    ("M6:M7", "Quá hạn"),
]
HEADERS_05A = [
    ("A5:A7", "STT"),
    ("B5:B7", "Ngành, lĩnh vực có PAKN"),
    ("C5:E5", "Số PAKN được tiếp nhận"),
    ("F5:K5", "Kết quả xử lý"),
    ("L5:L7", "Số PAKN đã xử lý được đăng tải công khai"),
    ("C6:C7", "Tổng số"),
    ("D6:E6", "Theo nội dung"),
    ("D7", "Về hành vi hành chính"),
    ("E7", "Về quy định hành chính"),
    ("F6:H6", "Đã xử lý"),
    ("I6:K6", "Đang xử lý"),
    ("F7", "Tổng số"),
    ("G7", "Về HVHC"),
    ("H7", "Về QĐHC"),
    ("I7", "Tổng số"),
    ("J7", "Về HVHC"),
    ("K7", "Về QĐHC"),
]
TITLES = {
    "06": "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
    "05a": "TÌNH HÌNH, KẾT QUẢ XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ VỀ QUY ĐỊNH HÀNH CHÍNH",
}

INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP SỐ LIỆU",
    "",
    "1. Chỉ nhập số vào các ô màu vàng; các ô khác đã được khóa.",
    "2. Mỗi ô là một số nguyên không âm (0, 1, 2, …); không nhập số thập phân.",
    "3. Các cột “Tổng số” và dòng “Tổng cộng” tự tính, không cần nhập.",
    "4. Lĩnh vực không phát sinh hồ sơ: để trống cả dòng hoặc ghi 0.",
    "5. Trang “Biểu 06”: hồ sơ thủ tục hành chính; trang “Biểu 05a”: phản ánh, kiến nghị.",
    "6. Không đổi tên, thêm, xóa trang tính, dòng hoặc cột; không sửa trang ẩn.",
    "7. Lưu tệp (giữ dạng .xlsx) rồi gửi lại cho {recipient} qua email hoặc USB.",
]


def template_units(db: Database, which: str, period: str | None = None) -> list[Unit]:
    """The units to make templates for: one by code, or every active office and commune
    in force during ``period`` (a 2026 period gets the new communes, not the former ones)."""
    units = unit_map(db)
    span = None
    if period is not None:
        p = require_period(db, period)
        span = (p.start, p.end)
    if which != "all":
        if which not in units:
            from tracu_desktop.core.textnorm import suggest
            from tracu_desktop.db.catalog import CatalogError

            hint = suggest(which, list(units))
            raise CatalogError(
                f"Không có đơn vị “{which}”." + (f" Có phải: {', '.join(hint)}?" if hint else "")
            )
        unit = units[which]
        if span is not None and not unit.in_force(*span):
            from tracu_desktop.core.lineage import dated_name
            from tracu_desktop.db.catalog import CatalogError

            raise CatalogError(
                f"Đơn vị {dated_name(unit, *span)} không tồn tại trong kỳ {period}; "
                "không lập mẫu nhập."
            )
        return [unit]
    return [
        u
        for u in units.values()
        if u.active
        and u.kind in (UnitKind.OFFICE, UnitKind.COMMUNE)
        and (span is None or u.in_force(*span))
    ]


def template_filename(unit: Unit, period: str) -> str:
    return safe_filename(f"MauNhap_{period}_{ascii_slug(unit.name) or unit.code}.xlsx")


def write_template(db: Database, period: str, unit_code: str, path: Path | str) -> Path:
    """Write one unit's entry template; returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    org = require_organisation(db)
    p = require_period(db, period)
    unit = template_units(db, unit_code, p.code)[0]
    level = unit.level if unit.level in (Level.DISTRICT, Level.COMMUNE) else Level.DISTRICT
    fields = [f for f in load_fields(db, level, include_inactive=False)]
    layout = TemplateLayout(unit.code, p.code, tuple(f.code for f in fields))
    password = secrets.token_hex(8)

    wb = Workbook()
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(name=DOCUMENT_FONT, bold=True, size=11)
    normal = Font(name=DOCUMENT_FONT, size=11)
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    info = wb.active
    info.title = "HuongDan"
    info["A1"] = "MẪU NHẬP SỐ LIỆU KIỂM SOÁT THỦ TỤC HÀNH CHÍNH"
    info["A1"].font = Font(name=DOCUMENT_FONT, bold=True, size=13)
    info["A2"] = f"Đơn vị: {unit.name} ({unit.level.label})"
    info["A3"] = f"Gửi: {org.name}"
    info["A4"] = f"Kỳ báo cáo: {p.label()}"
    for r in range(2, 5):
        info[f"A{r}"].font = normal
    for i, line in enumerate(INSTRUCTIONS, start=6):
        text = line.format(recipient=org.name)
        info.cell(row=i, column=1, value=text).font = bold if i == 6 else normal
    info.column_dimensions["A"].width = 95
    info.sheet_properties.pageSetUpPr.fitToPage = True
    info.page_setup.fitToWidth = 1
    info.page_setup.fitToHeight = 0
    info.protection.sheet = True
    info.protection.password = password

    for form, sheet_name in SHEETS.items():
        ws = wb.create_sheet(sheet_name)
        cols = COLUMNS[form]
        last_col = cols[-1][0]
        ws.merge_cells(f"A1:{last_col}1")
        ws["A1"] = TITLES[form]
        ws["A1"].font = Font(name=DOCUMENT_FONT, bold=True, size=13)
        ws["A1"].alignment = center
        ws.merge_cells(f"A2:{last_col}2")
        ws["A2"] = f"Kỳ báo cáo: {p.label()}"
        ws["A2"].alignment = center
        ws["A2"].font = normal
        ws.merge_cells(f"A3:{last_col}3")
        ws["A3"] = f"Đơn vị báo cáo: {unit.name}"
        ws["A3"].alignment = center
        ws["A3"].font = normal
        for ref, text in HEADERS_06 if form == "06" else HEADERS_05A:
            first = ref.split(":")[0]
            if ":" in ref:
                ws.merge_cells(ref)
            ws[first] = text
        for row in ws.iter_rows(min_row=5, max_row=8, max_col=len(cols) + 2):
            for c in row:
                c.font = bold
                c.alignment = center
                c.border = border
        ws["A8"], ws["B8"] = "(1)", "(2)"
        for col, _, number in cols:
            ws[f"{col}8"] = f"({number})"
        dv = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Số liệu không hợp lệ",
            error="Chỉ nhập số nguyên không âm (0, 1, 2, …).",
        )
        ws.add_data_validation(dv)
        formulas = FORMULAS[form]
        for offset, field in enumerate(fields):
            r = FIRST_DATA_ROW + offset
            ws.cell(row=r, column=1, value=offset + 1).alignment = center
            set_text(ws.cell(row=r, column=2), field.name)  # user text: never a formula
            for col, ind, _ in cols:
                c = ws[f"{col}{r}"]
                if ind:
                    c.protection = Protection(locked=False)
                    c.fill = input_fill
                    dv.add(c.coordinate)
                else:
                    c.value = "=" + "+".join(f"{x}{r}" for x in formulas[col])
                    c.font = bold
                c.number_format = "#,##0"
            for c in ws[f"A{r}:{last_col}{r}"][0]:
                c.border = border
                if c.font != bold:
                    c.font = normal
        total_row = FIRST_DATA_ROW + len(fields)
        ws.cell(row=total_row, column=2, value="Tổng cộng").font = bold
        for col, _, _ in cols:
            c = ws[f"{col}{total_row}"]
            c.value = f"=SUM({col}{FIRST_DATA_ROW}:{col}{total_row - 1})" if fields else 0
            c.font = bold
            c.number_format = "#,##0"
        for c in ws[f"A{total_row}:{last_col}{total_row}"][0]:
            c.border = border
        ws.column_dimensions["A"].width = 5
        ws.column_dimensions["B"].width = 42
        for col, _, _ in cols:
            ws.column_dimensions[col].width = 11
        if form == "05a":
            ws.column_dimensions[last_col].width = 15
        ws.row_dimensions[7].height = 45
        ws.freeze_panes = f"C{FIRST_DATA_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.protection.sheet = True
        ws.protection.password = password

    meta = wb.create_sheet(META_SHEET)
    rows = [
        ("kind", TEMPLATE_KIND),
        ("version", TEMPLATE_VERSION),
        ("unit", unit.code),
        ("unit_name", unit.name),
        ("period", p.code),
        ("organisation", org.name),
        ("layout", layout.to_json()),
        ("checksum", layout.checksum()),
    ]
    for i, (k, v) in enumerate(rows, start=1):
        meta.cell(row=i, column=1, value=k)
        set_text(meta.cell(row=i, column=2), v)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    meta.protection.password = password
    wb.active = 1
    return atomic_write_with(path, lambda tmp: wb.save(tmp))


def write_templates(db: Database, period: str, which: str, out: Path | str) -> list[Path]:
    """One template per unit: ``out`` is a file for one unit, a folder for ``all``."""
    target = Path(out)
    units = template_units(db, which, period)
    if which != "all" and target.suffix.lower() == ".xlsx":
        return [write_template(db, period, units[0].code, target)]
    return [
        write_template(db, period, u.code, target / template_filename(u, period)) for u in units
    ]
