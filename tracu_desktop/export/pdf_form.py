"""PDF renderer of a :class:`~tracu_desktop.core.formtable.FormTable` (reportlab).

A4 in the spec's orientation, the serif family of :mod:`tracu_desktop.export.fonts`
(embedded subsets, also as the document's initial font so no base-14 font is left),
every text NFC, the header rows repeated on each page, "Trang x/y" at the foot, and the
signature block never separated from the last rows of the table.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracu_desktop.core.formtable import BodyRow, FormTable, RowKind, Value
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.core.vnformat import format_date, format_int, format_percent
from tracu_desktop.export.cell_wrap import pdf_wrap
from tracu_desktop.export.doc_blocks import (
    Line,
    header_left_lines,
    pdf_paragraph,
    pdf_signature_block,
    pdf_two_blocks,
)
from tracu_desktop.export.fonts import FACES, register_pdf_fonts
from tracu_desktop.export.signature_slots import add_signature_fields, attachment_slot
from tracu_desktop.infra.fileio import atomic_write_bytes

MM = 72 / 25.4
BODY_SIZE = 10
HEAD_SIZE = 10
TAIL_ROWS = 2  # data rows kept on the page of the signature block
GAP = 5 * MM  # space between the table and the signature block
PADDING = 3  # left and right cell padding, points


def _cell_text(value: Value) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, Decimal):
        return format_percent(value)
    if isinstance(value, int):
        return format_int(value)
    if isinstance(value, date):
        return format_date(value)
    return nfc(value)


class _Builder:
    """Makes reportlab Tables for slices of the body, all with the header rows on top."""

    def __init__(self, table: FormTable, width: float, font: str):
        from reportlab.lib.styles import ParagraphStyle

        self.t, self.font = table, font
        total = sum(table.widths)
        self.col_widths = [width * w / total for w in table.widths]
        self.head = ParagraphStyle(
            "head",
            fontName=FACES["bold"],
            fontSize=HEAD_SIZE,
            leading=HEAD_SIZE * 1.15,
            alignment=1,
        )
        self.header_rows = self._header_rows()

    def _header_rows(self) -> list[list[Any]]:
        from reportlab.platypus import Paragraph

        t = self.t
        rows: list[list[Any]] = [[""] * t.ncols for _ in range(t.header_rows)]
        for hc in t.header:
            rows[hc.row][hc.col] = Paragraph(nfc(hc.text), self.head)
        if t.column_numbers:
            rows.append(
                [
                    pdf_wrap(num, FACES["italic"], BODY_SIZE - 1, self._inner(c))
                    for c, num in enumerate(t.column_numbers)
                ]
            )
        return rows

    def _inner(self, col: int) -> float:
        """Room for text in a column: its width less the cell padding."""
        return self.col_widths[col] - 2 * PADDING - 0.5

    def _body_row(self, row: BodyRow) -> list[Any]:
        """Cells of one row; every text cell is broken into lines that fit its column
        (captions, notes, dates), so nothing crosses a border or the page edge."""
        face = FACES["bold"] if row.kind.bold else self.font
        out: list[Any] = []
        for c, (kind, value) in enumerate(zip(self.t.kinds, row.cells, strict=True)):
            text = _cell_text(value)
            if kind in ("indicator", "sum", "rate") or not text:
                out.append(text)
            else:
                out.append(pdf_wrap(text, face, BODY_SIZE, self._inner(c)))
        return out

    def measure(self) -> None:
        """Row heights of the full table, measured once; slices reuse them."""
        self.body_cells = [self._body_row(r) for r in self.t.rows]
        table = self.make(0, len(self.t.rows))
        table.wrap(sum(self.col_widths), 1e9)
        heights = list(table._rowHeights)
        nhead = len(self.header_rows)
        self.head_height = sum(heights[:nhead])
        self.row_heights = heights[nhead:]

    def make(self, start: int, end: int) -> Any:
        """A Table of body rows ``start:end`` with the header rows on top."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        t = self.t
        rows = t.rows[start:end]
        nhead = len(self.header_rows)
        data = [*self.header_rows, *self.body_cells[start:end]]
        style: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), self.font, BODY_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, nhead - 1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for hc in t.header:
            if hc.rowspan > 1 or hc.colspan > 1:
                style.append(
                    ("SPAN", (hc.col, hc.row), (hc.col + hc.colspan - 1, hc.row + hc.rowspan - 1))
                )
        if t.column_numbers:
            style.append(("FONT", (0, nhead - 1), (-1, nhead - 1), FACES["italic"], BODY_SIZE - 1))
        for c, kind in enumerate(t.kinds):
            align = "RIGHT" if kind in ("indicator", "sum", "rate") else "CENTER"
            if len(rows):
                style.append(("ALIGN", (c, nhead), (c, -1), align))
        label = t.kinds.index("label")
        for i, r in enumerate(rows, start=nhead):
            if r.kind.bold:
                style.append(("FONT", (0, i), (-1, i), FACES["bold"], BODY_SIZE))
            if r.kind in (RowKind.DATA, RowKind.SECTION):
                style.append(("ALIGN", (label, i), (label, i), "LEFT"))
        table = Table(data, colWidths=self.col_widths, repeatRows=0)
        table.setStyle(TableStyle(style))
        return table


def _tail_flowable(builder: _Builder, tail: Any) -> Any:
    """A flowable that splits the table by itself: every page gets the header rows, and
    the last ``TAIL_ROWS`` data rows always share the page with ``tail`` (the signatures)."""
    from reportlab.platypus import Flowable

    builder.measure()
    rows = builder.t.rows
    data = [i for i, r in enumerate(rows) if r.kind is RowKind.DATA]
    keep_from = data[-TAIL_ROWS] if len(data) >= TAIL_ROWS else len(rows) - 1

    class TableWithTail(Flowable):
        def __init__(self, start: int):
            super().__init__()
            self.start = start

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            _, th = tail.wrap(aw, ah)
            table_h = builder.head_height + sum(builder.row_heights[self.start :])
            self.width, self.height = sum(builder.col_widths), table_h + GAP + th
            return self.width, self.height

        def draw(self) -> None:  # only when the whole piece fits
            table = builder.make(self.start, len(rows))
            table.wrap(self.width, 1e9)
            _, th = tail.wrap(self.width, 1e9)
            table.drawOn(self.canv, 0, th + GAP)
            tail.drawOn(self.canv, 0, 0)

        def split(self, aw: float, ah: float) -> list[Any]:
            used, end = builder.head_height, self.start
            while end < len(rows) and used + builder.row_heights[end] <= ah:
                used += builder.row_heights[end]
                end += 1
            end = min(end, keep_from)
            while end - 1 > self.start and rows[end - 1].kind is RowKind.SECTION:
                end -= 1  # a section heading goes to the page of its first row
            if end <= self.start:
                return []  # nothing sensible fits here: start on the next page
            return [builder.make(self.start, end), TableWithTail(end)]

    return TableWithTail(0)


def _numbered_canvas(font: str) -> Any:
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Collects pages and stamps "Trang x/y" once the page count is known."""

        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                w, _ = self._pagesize
                self.setFont(font, 9)
                self.drawCentredString(w / 2, 8 * MM, f"Trang {self._pageNumber}/{total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def render_pdf(table: FormTable) -> bytes:
    """The form as PDF bytes."""
    from reportlab.lib.pagesizes import A4, landscape, portrait
    from reportlab.platypus import SimpleDocTemplate, Spacer

    font = register_pdf_fonts()
    spec, texts = table.spec, table.texts
    size = landscape(A4) if spec.orientation == "landscape" else portrait(A4)
    margin = 12 * MM
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 4 * MM,
        title=nfc(texts.doc_title),
        author=nfc(texts.author),
        subject=nfc(texts.title),
        creator="tracu_desktop",
        initialFontName=font,
    )
    width = doc.width - 12  # inside the frame's own 6 pt paddings: centred on the page
    story: list[Any] = []
    left = header_left_lines(texts.header_left, spec.official)
    right = [Line(t) for t in texts.header_right]
    if left or right:
        # the addressee lines ("- Đơn vị báo cáo: …") read as a left-aligned list
        story.append(pdf_two_blocks(left, right, font, width, 11, 0.4, 0.36, right_align=0))
        story.append(Spacer(1, 4 * MM))
    title = [Line(texts.title, bold=True)]
    story.append(pdf_paragraph(title, font, 13))
    sub = [Line(t, bold=(i == 0), italic=(i > 0)) for i, t in enumerate(texts.subtitle)]
    if sub:
        story.append(pdf_paragraph(sub, font, 11))
    story.append(Spacer(1, 2 * MM))
    if texts.unit_line:
        story.append(pdf_paragraph([Line(texts.unit_line, italic=True)], font, 10, align=2))
        story.append(Spacer(1, 1 * MM))
    builder = _Builder(table, width, font)
    tail = pdf_signature_block(texts.place_date, texts.sign_left, texts.sign_right, font, width)
    story.append(_tail_flowable(builder, tail))
    doc.build(story, canvasmaker=_numbered_canvas(font))
    # An appendix is signed by the organisation at the top right of its first page.
    slot = attachment_slot(size, margin, margin)
    return add_signature_fields(buf.getvalue(), [slot])


def write_pdf(table: FormTable, path: Path) -> Path:
    """Render and write atomically (temporary name, then rename)."""
    return atomic_write_bytes(path, render_pdf(table))
