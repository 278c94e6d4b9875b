"""Entry templates: a workbook per unit that a commune or office fills without the program.

One sheet per form whose spec has a ``[template]`` table (06b and 05a), drawn from the
spec in force at the period's end, for the unit's fields; only input cells are unlocked
and accept whole numbers ≥ 0; totals are formulas; a hidden, protected metadata sheet
carries unit, period, template version and the layout checksum the importer verifies.
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from tracu_desktop.core.formspec import template_specs
from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.core.textnorm import ascii_slug
from tracu_desktop.db.catalog import load_fields, require_organisation, unit_map
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import require_period
from tracu_desktop.export.fonts import DOCUMENT_FONT
from tracu_desktop.export.xlsx_safe import set_text
from tracu_desktop.infra.fileio import atomic_write_with, safe_filename
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report
from tracu_desktop.interchange.template_layout import (
    FIRST_DATA_ROW,
    HEADER_FIRST_ROW,
    HEADER_LAST_ROW,
    META_SHEET,
    NUMBER_ROW,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
    TemplateLayout,
    TemplateSheet,
    sheet_of,
)

TEMPLATE_UNIT_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE, UnitKind.BODY, UnitKind.GENERAL)

INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP SỐ LIỆU",
    "",
    "1. Chỉ nhập số vào các ô màu vàng; các ô khác đã được khóa.",
    "2. Mỗi ô là một số nguyên không âm (0, 1, 2, …); không nhập số thập phân.",
    "3. Các cột “Tổng số” và dòng “Tổng cộng” tự tính, không cần nhập.",
    "4. Lĩnh vực không phát sinh hồ sơ: để trống cả dòng hoặc ghi 0.",
    "5. {sheets}.",
    "6. Không đổi tên, thêm, xóa trang tính, dòng hoặc cột; không sửa trang ẩn.",
    "7. Lưu tệp (giữ dạng .xlsx) rồi gửi lại cho {recipient} qua email hoặc USB.",
]


def template_sheets(on: date) -> tuple[TemplateSheet, ...]:
    """The template's form sheets for a period ending on ``on``, from the form specs."""
    return tuple(sheet_of(spec) for spec in template_specs(on))


def _sheets_line(on: date) -> str:
    """ "Trang “Biểu 06”: hồ sơ …; trang “Biểu 05a”: …" for the instructions."""
    text = "; ".join(
        f"trang “{s.template.tab_label}”: {s.template.content}"
        for s in template_specs(on)
        if s.template is not None
    )
    return text[:1].upper() + text[1:]


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
    # A unit fills in its own level's fields (a province's department the province-level
    # ones); a level without a catalog of its own falls back to the district's.
    fields = load_fields(db, unit.level, include_inactive=False)
    if not fields:
        fields = load_fields(db, Level.DISTRICT, include_inactive=False)
    sheets = template_sheets(p.end)
    layout = TemplateLayout(unit.code, p.code, tuple(f.code for f in fields), sheets)
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
        text = line.format(recipient=org.name, sheets=_sheets_line(p.end))
        info.cell(row=i, column=1, value=text).font = bold if i == 6 else normal
    info.column_dimensions["A"].width = 95
    info.sheet_properties.pageSetUpPr.fitToPage = True
    info.page_setup.fitToWidth = 1
    info.page_setup.fitToHeight = 0
    info.protection.sheet = True
    info.protection.password = password

    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        cols = sheet.columns
        last_col = sheet.last_letter
        ws.merge_cells(f"A1:{last_col}1")
        ws["A1"] = sheet.title
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
        for box in sheet.header:
            first = box.ref.split(":")[0]
            if ":" in box.ref:
                ws.merge_cells(box.ref)
            ws[first] = box.text
        for row in ws.iter_rows(
            min_row=HEADER_FIRST_ROW, max_row=NUMBER_ROW, max_col=len(cols) + 2
        ):
            for c in row:
                c.font = bold
                c.alignment = center
                c.border = border
        ws[f"A{NUMBER_ROW}"], ws[f"B{NUMBER_ROW}"] = "(1)", "(2)"
        for col in cols:
            ws[f"{col.letter}{NUMBER_ROW}"] = f"({col.number})"
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
        for offset, field in enumerate(fields):
            r = FIRST_DATA_ROW + offset
            ws.cell(row=r, column=1, value=offset + 1).alignment = center
            set_text(ws.cell(row=r, column=2), field.name)  # user text: never a formula
            for col in cols:
                c = ws[f"{col.letter}{r}"]
                if col.indicator:
                    c.protection = Protection(locked=False)
                    c.fill = input_fill
                    dv.add(c.coordinate)
                else:
                    c.value = "=" + "+".join(f"{x}{r}" for x in col.of)
                    c.font = bold
                c.number_format = "#,##0"
            for c in ws[f"A{r}:{last_col}{r}"][0]:
                c.border = border
                if c.font != bold:
                    c.font = normal
        total_row = FIRST_DATA_ROW + len(fields)
        ws.cell(row=total_row, column=2, value="Tổng cộng").font = bold
        for col in cols:
            c = ws[f"{col.letter}{total_row}"]
            c.value = (
                f"=SUM({col.letter}{FIRST_DATA_ROW}:{col.letter}{total_row - 1})" if fields else 0
            )
            c.font = bold
            c.number_format = "#,##0"
        for c in ws[f"A{total_row}:{last_col}{total_row}"][0]:
            c.border = border
        ws.column_dimensions["A"].width = 5
        ws.column_dimensions["B"].width = 42
        for col in cols:
            ws.column_dimensions[col.letter].width = col.width
        ws.row_dimensions[HEADER_LAST_ROW].height = 45
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


def write_templates(
    db: Database,
    period: str,
    which: str,
    out: Path | str,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> list[Path]:
    """One template per unit: ``out`` is a file for one unit, a folder for ``all``."""
    target = Path(out)
    units = template_units(db, which, period)
    if which != "all" and target.suffix.lower() == ".xlsx":
        return [write_template(db, period, units[0].code, target)]
    written: list[Path] = []
    for done, u in enumerate(units):
        check(is_cancelled)
        report(progress, done, len(units))
        written.append(write_template(db, period, u.code, target / template_filename(u, period)))
    report(progress, len(units), len(units))
    return written
