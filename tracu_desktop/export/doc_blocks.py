"""Layout pieces shared by every document renderer: the two-sided header block, the
place-and-date line and the signature blocks, for reportlab and for openpyxl.

The texts come as plain data (:class:`~tracu_desktop.core.formtable.DocTexts`,
:class:`~tracu_desktop.core.formtable.Signature`), so forms and the narrative report print
them identically. reportlab and openpyxl are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracu_desktop.core.formtable import Signature
from tracu_desktop.core.models import Organisation
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.core.vnformat import format_place_date

SIGN_SPACE_LINES = 3  # empty lines left for the handwritten signature and the seal


@dataclass(frozen=True)
class Line:
    """One printed line of a block with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def place_date_line(org: Organisation, on: date) -> str:
    """ "Trà Cú, ngày 21 tháng 11 năm 2023"."""
    return format_place_date(org.place, on)


def signature_lines(sig: Signature, place_date: str = "") -> list[Line]:
    """A signature block as lines: date line (italic), titles (bold), note (italic),
    room for the signature, then the name (bold)."""
    lines: list[Line] = []
    if place_date:
        lines.append(Line(place_date, italic=True))
    lines += [Line(t, bold=True) for t in sig.title]
    if sig.note:
        lines.append(Line(sig.note, italic=True))
    if sig.title or sig.name:
        lines += [Line("")] * SIGN_SPACE_LINES
    if sig.name:
        lines.append(Line(sig.name, bold=True))
    return lines


def signature_pair(
    place_date: str, left: Signature, right: Signature
) -> tuple[list[Line], list[Line]]:
    """Both signature blocks as lines, levelled: the titles start on the same line (the
    left block skips the date line) and both names print on the same line."""
    left_lines = signature_lines(left)
    right_lines = signature_lines(right, place_date)
    if place_date and left_lines:
        left_lines = [Line(""), *left_lines]
    if left.name and right.name:
        short, long_ = sorted((left_lines, right_lines), key=len)
        short[-1:-1] = [Line("")] * (len(long_) - len(short))
    return left_lines, right_lines


def header_left_lines(texts: Sequence[str], official: bool) -> list[Line]:
    """Left header: an official form's label (bold) then its regulation (italic); an
    organisation header (the app's own tables) names the issuing body, both lines bold
    (Nghị định 30/2020)."""
    if official:
        return [Line(t, bold=(i == 0), italic=(i > 0)) for i, t in enumerate(texts)]
    return [Line(t, bold=True) for t in texts]


# --- reportlab -----------------------------------------------------------------------


def _markup(line: Line) -> str:
    from xml.sax.saxutils import escape

    text = escape(nfc(line.text)) or "&nbsp;"
    if line.bold:
        text = f"<b>{text}</b>"
    if line.italic:
        text = f"<i>{text}</i>"
    return text


def pdf_paragraph(lines: Sequence[Line], font: str, size: float, align: int = 1) -> Any:
    """One Paragraph of several lines (``align``: 0 left, 1 centre, 2 right)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle(
        "block", fontName=font, fontSize=size, leading=size * 1.25, alignment=align
    )
    return Paragraph("<br/>".join(_markup(line) for line in lines), style)


def pdf_two_blocks(
    left: Sequence[Line],
    right: Sequence[Line],
    font: str,
    width: float,
    size: float = 11,
    left_share: float = 0.42,
    right_share: float = 0.45,
    right_align: int = 1,
) -> Any:
    """A borderless two-column table: a block on the left and one on the right (both
    centred in their column), e.g. the form header or the signature blocks."""
    from reportlab.platypus import Table, TableStyle

    middle = max(0.0, 1.0 - left_share - right_share)
    cells = [
        [
            pdf_paragraph(left, font, size) if left else "",
            "",
            pdf_paragraph(right, font, size, right_align) if right else "",
        ]
    ]
    table = Table(cells, colWidths=[width * left_share, width * middle, width * right_share])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, size),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def pdf_signature_block(
    place_date: str, left: Signature, right: Signature, font: str, width: float, size: float = 11
) -> Any:
    """Preparer on the left, signer (with the place-and-date line above) on the right."""
    left_lines, right_lines = signature_pair(place_date, left, right)
    return pdf_two_blocks(left_lines, right_lines, font, width, size, 0.35, 0.5)


# --- openpyxl -------------------------------------------------------------------------


def xlsx_write_block(
    ws: Any,
    first_row: int,
    first_col: int,
    last_col: int,
    lines: Sequence[Line],
    font_name: str,
    size: float = 11,
    align: str = "center",
) -> int:
    """Write lines one per row, each merged over ``first_col..last_col``; returns the next row."""
    from openpyxl.styles import Alignment, Font

    row = first_row
    for line in lines:
        cell = ws.cell(row=row, column=first_col, value=nfc(line.text) or None)
        cell.font = Font(name=font_name, size=size, bold=line.bold, italic=line.italic)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if last_col > first_col:
            ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
        row += 1
    return row


def xlsx_signature_block(
    ws: Any,
    first_row: int,
    left_cols: tuple[int, int],
    right_cols: tuple[int, int],
    place_date: str,
    left: Signature,
    right: Signature,
    font_name: str,
    size: float = 11,
) -> int:
    """Signature blocks side by side below a table; returns the row after them."""
    left_lines, right_lines = signature_pair(place_date, left, right)
    end_left = xlsx_write_block(ws, first_row, *left_cols, left_lines, font_name, size)
    end_right = xlsx_write_block(ws, first_row, *right_cols, right_lines, font_name, size)
    return max(end_left, end_right)
