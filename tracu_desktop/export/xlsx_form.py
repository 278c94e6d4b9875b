"""Excel renderer of a :class:`~tracu_desktop.core.formtable.FormTable` (openpyxl).

Generic: everything printed comes from the table and its spec. Numbers are numbers
(``#,##0``; rates ``0.00%``), totals are values (phones preview files without computing
formulas), Times New Roman, A4 in the spec's orientation, one page wide, the header
rows repeated on every printed page, "Trang x/y" in the footer.
"""

from __future__ import annotations

from copy import copy
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracu_desktop.core.formtable import FormTable, RowKind
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.export.cell_wrap import SHEET_BREAKS, wrap_lines
from tracu_desktop.export.doc_blocks import (
    Line,
    header_left_lines,
    xlsx_signature_block,
    xlsx_write_block,
)
from tracu_desktop.export.fonts import DOCUMENT_FONT
from tracu_desktop.export.xlsx_safe import neutralise_workbook
from tracu_desktop.infra.fileio import atomic_write_with

FONT_SIZE = 11
LINE_HEIGHT = 15.0  # points per text line at 11 pt
CELL_PADDING_PT = 2.5  # room Excel and LibreOffice keep inside a cell's borders
WIDTH_FACTOR = 1.15  # spec widths are characters at about 10 pt
INT_FORMAT = "#,##0"
TAIL_ROWS = 2  # data rows printed on the page of the signature block
RATE_FORMAT = "0.00%"
DATE_FORMAT = "dd/mm/yyyy"


def _split_cols(ncols: int, widths: list[float], share: float) -> int:
    """How many leading columns make up about ``share`` of the total width (at least 1)."""
    total, acc = sum(widths), 0.0
    for i, w in enumerate(widths):
        acc += w
        if acc >= total * share:
            return i + 1
    return ncols


def text_lines(text: str, width_chars: float, bold: bool = False) -> int:
    """Lines a wrapped cell takes when printed: the text measured in the document font
    (Times New Roman metrics) against the column's printed width. A column ``w``
    characters wide is ``w × 7 + 5`` pixels at 96 dpi (the default font's digit width)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from tracu_desktop.export.fonts import FACES, register_pdf_fonts

    register_pdf_fonts()
    face = FACES["bold" if bold else "regular"]
    room = (int(width_chars * 7 + 5) * 0.75) - 2 * CELL_PADDING_PT
    measure = lambda s: stringWidth(s, face, FONT_SIZE)  # noqa: E731
    return len(wrap_lines(text, room, measure, SHEET_BREAKS))


def _lines_needed(text: str, chars: float) -> int:
    words, lines, current = nfc(text).split(), 1, 0.0
    for w in words:
        need = len(w) + (1 if current else 0)
        if current + need > chars and current:
            lines, current = lines + 1, len(w)
        else:
            current += need
    return lines


def build_workbook(table: FormTable) -> Any:
    """An openpyxl Workbook of the form (not saved)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    spec, texts = table.spec, table.texts
    n = table.ncols
    widths = [w * WIDTH_FACTOR for w in table.widths]
    wb = Workbook()
    _document_default_font(wb)
    ws = wb.active
    ws.title = spec.code
    font = DOCUMENT_FONT
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w

    # Header block: label/regulation (or organisation) left, addressee right.
    left_end = max(2, _split_cols(n, widths, 0.36))
    right_start = min(n, max(left_end + 1, n - _split_cols(n, widths[::-1], 0.36) + 1))
    left = header_left_lines(texts.header_left, spec.official)
    right = [Line(t) for t in texts.header_right]
    end_l = xlsx_write_block(ws, 1, 1, left_end, left, font, FONT_SIZE)
    end_r = xlsx_write_block(ws, 1, right_start, n, right, font, FONT_SIZE, align="left")
    for r in range(1, max(end_l, end_r)):
        cell_texts = [ws.cell(r, 1).value or "", ws.cell(r, right_start).value or ""]
        spans = [sum(widths[:left_end]), sum(widths[right_start - 1 :])]
        need = max(_lines_needed(str(t), s) for t, s in zip(cell_texts, spans, strict=True))
        ws.row_dimensions[r].height = LINE_HEIGHT * need
    row = max(end_l, end_r) + 1

    title = [Line(texts.title, bold=True)]
    title += [Line(t, bold=(i == 0), italic=(i > 0)) for i, t in enumerate(texts.subtitle)]
    start_title = row
    row = xlsx_write_block(ws, row, 1, n, title, font, FONT_SIZE + 2)
    ws.row_dimensions[start_title].height = LINE_HEIGHT * 1.4
    if texts.unit_line:
        row = xlsx_write_block(
            ws, row, 1, n, [Line(texts.unit_line, italic=True)], font, FONT_SIZE, align="right"
        )

    # Table header: merged captions, then the column numbers.
    head_first = row
    for hc in table.header:
        r, c = head_first + hc.row, 1 + hc.col
        cell = ws.cell(r, c, nfc(hc.text))
        cell.font = Font(name=font, size=FONT_SIZE, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if hc.rowspan > 1 or hc.colspan > 1:
            ws.merge_cells(
                start_row=r,
                start_column=c,
                end_row=r + hc.rowspan - 1,
                end_column=c + hc.colspan - 1,
            )
    for r in range(head_first, head_first + table.header_rows):
        need = 1
        for hc in table.header:
            if head_first + hc.row + hc.rowspan - 1 == r:  # height goes on the cell's last row
                span = sum(widths[hc.col : hc.col + hc.colspan]) * 1.05
                need = max(need, _lines_needed(hc.text, span) - (hc.rowspan - 1))
        ws.row_dimensions[r].height = LINE_HEIGHT * max(1, need) + 4
    row = head_first + table.header_rows
    if table.column_numbers:
        need = 1
        for c, num in enumerate(table.column_numbers, start=1):
            # "(3)=(4)+(5)+(6)" broken where it should, not where LibreOffice might
            lines = wrap_lines(num, widths[c - 1], len)
            cell = ws.cell(row, c, "\n".join(lines))
            cell.font = Font(name=font, size=FONT_SIZE - 1, italic=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            need = max(need, len(lines))
        if need > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * need
        row += 1
    head_last = row - 1
    for r in range(head_first, head_last + 1):
        for c in range(1, n + 1):
            ws.cell(r, c).border = border

    # Body. Styles are built once per (kind, emphasis) and copied: far faster than
    # assigning new style objects cell by cell on big forms.
    styles: dict[tuple, Any] = {}
    for body in table.rows:
        bold = body.kind.bold
        centred_label = body.kind in (RowKind.SUBTOTAL, RowKind.TOTAL, RowKind.NOTE)
        for c, (kind, value) in enumerate(zip(table.kinds, body.cells, strict=True), start=1):
            cell = ws.cell(row, c)
            if isinstance(value, Decimal):
                cell.value, shape = float(value / 100), "rate"
            elif isinstance(value, date):
                cell.value, shape = value, "date"
            elif isinstance(value, int):
                cell.value, shape = value, "int"
            else:
                cell.value = nfc(value) if value else None
                shape = "label" if kind == "label" and not centred_label else "text"
            key = (shape, bold)
            if key in styles:
                cell._style = copy(styles[key])
                continue
            cell.border = border
            cell.font = Font(name=font, size=FONT_SIZE, bold=bold)
            if shape in ("rate", "int"):
                cell.number_format = RATE_FORMAT if shape == "rate" else INT_FORMAT
                cell.alignment = Alignment(horizontal="right", vertical="center")
            elif shape == "date":
                cell.number_format = DATE_FORMAT
                cell.alignment = Alignment(horizontal="center", vertical="center")
            else:
                horizontal = "left" if shape == "label" else "center"
                cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            styles[key] = copy(cell._style)
        # Excel and LibreOffice keep the default height for wrapped text: set it.
        need = max(
            (
                text_lines(nfc(v), widths[c], bold)
                for c, v in enumerate(body.cells)
                if isinstance(v, str) and v
            ),
            default=1,
        )
        if need > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * need
        row += 1

    # Place and date, signature blocks.
    body_end = row - 1
    row += 1
    left_sig_end = max(2, _split_cols(n, widths, 0.33))
    right_sig_start = min(n, max(left_sig_end + 1, n - _split_cols(n, widths[::-1], 0.45) + 1))
    sig_end = xlsx_signature_block(
        ws,
        row,
        (1, left_sig_end),
        (right_sig_start, n),
        texts.place_date,
        texts.sign_left,
        texts.sign_right,
        font,
        FONT_SIZE,
    )

    # Explicit heights everywhere: LibreOffice sizes unset rows from their font, Excel from
    # its default font; with both the same, the page estimate below holds for both.
    for r in range(1, sig_end):
        if ws.row_dimensions[r].height is None:
            ws.row_dimensions[r].height = LINE_HEIGHT
    data_rows = [i for i, r in enumerate(table.rows) if r.kind is RowKind.DATA]
    tail = data_rows[-TAIL_ROWS] if len(data_rows) >= TAIL_ROWS else len(table.rows) - 1
    body_start = body_end - len(table.rows) + 1
    _keep_tail_together(
        ws, spec.orientation, widths, (head_first, head_last), body_start + max(tail, 0), sig_end
    )

    # Print setup.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = spec.orientation
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{head_first}:{head_last}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = f"{font},Regular"
    ws.oddFooter.center.size = 10
    ws.freeze_panes = ws.cell(head_last + 1, 1)
    ws.sheet_view.zoomScale = 90

    wb.properties.title = nfc(texts.doc_title)
    wb.properties.subject = nfc(texts.title)
    wb.properties.creator = nfc(texts.author)
    wb.properties.lastModifiedBy = nfc(texts.author)
    wb.properties.keywords = spec.code
    neutralise_workbook(wb)  # forms hold values only: user text never becomes a formula
    return wb


def _document_default_font(wb: Any) -> None:
    """Times New Roman 11 as the workbook's default font. Column widths are counted in
    digits of the default font: with Calibri, Excel (Calibri) and LibreOffice (which
    substitutes a wider sans font where Calibri is missing) print different widths, so
    different pages; Times New Roman (or its metric twin Liberation Serif) is the same
    everywhere."""
    from openpyxl.styles import Font

    font = Font(name=DOCUMENT_FONT, sz=11, family=1)
    wb._fonts[0] = font  # the font of unstyled cells
    normal = wb._named_styles["Normal"]
    normal.font = font


def _keep_tail_together(
    ws: Any,
    orientation: str,
    widths: list[float],
    head: tuple[int, int],
    tail_start: int,
    end: int,
) -> None:
    """A manual page break before the last data rows when the signature block would
    otherwise start a page of its own (or be split): the printed pages are estimated from
    the row heights, the repeated header rows and the fit-to-width scale."""
    from openpyxl.worksheet.pagebreak import Break

    portrait = orientation != "landscape"
    page_w, page_h = (595.3, 841.9) if portrait else (841.9, 595.3)
    table_w = sum(int(w * 7 + 5) * 0.75 for w in widths)
    scale = min(1.0, (page_w - 2 * 0.5 * 72) / table_w)
    capacity = (page_h - 2 * 0.6 * 72) / scale * 0.97  # a little slack for the estimate

    def height(r: int) -> float:
        return ws.row_dimensions[r].height or LINE_HEIGHT

    head_h = sum(height(r) for r in range(head[0], head[1] + 1))
    used, page, page_of = 0.0, 1, {}
    for r in range(1, end):
        if used + height(r) > capacity:
            page, used = page + 1, head_h
        used += height(r)
        page_of[r] = page
    if page_of.get(tail_start) != page_of.get(end - 1) and tail_start > head[1] + 1:
        ws.row_breaks.append(Break(id=tail_start - 1))


def write_xlsx(table: FormTable, path: Path) -> Path:
    """Render and write atomically (temporary name, then rename)."""
    wb = build_workbook(table)
    return atomic_write_with(path, lambda tmp: wb.save(str(tmp)))
