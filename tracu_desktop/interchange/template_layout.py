"""Cell layout of the entry templates, shared by the writer and the importer.

A template has one sheet per form whose spec has a ``[template]`` table (06b, 05a), in
the version in force at the period's end; each row is a field of the unit's level and
each number column of the spec a column of the sheet: indicators are input cells, sums
are formulas. The input cells (sheet, first row, field codes, columns) are stored in the
template's hidden metadata sheet with a SHA-256 of their JSON, so the importer reads
exactly the cells it wrote, even after a new form version changed the layout, and
refuses a template whose layout was edited.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from tracu_desktop.core.formspec import FormSpec
from tracu_desktop.core.formtable import header_cells
from tracu_desktop.interchange.sheet_reader import column_letter

TEMPLATE_KIND = "tracu-desktop-template"
TEMPLATE_VERSION = 1
META_SHEET = "_tracu_meta"
HEADER_FIRST_ROW = 5
HEADER_LAST_ROW = 7
NUMBER_ROW = 8  # the printed column numbers "(1)", "(2)", …
FIRST_DATA_ROW = 9


@dataclass(frozen=True)
class TemplateColumn:
    """A number column of a template sheet: an input cell (``indicator``) or a total."""

    letter: str
    number: int  # the column number printed on the form
    indicator: str = ""  # empty for a total
    of: tuple[str, ...] = ()  # letters a total adds up
    width: float = 11.0


@dataclass(frozen=True)
class HeaderBox:
    """A header caption over ``first:last`` (an Excel range inside rows 5-7)."""

    ref: str
    text: str


@dataclass(frozen=True)
class TemplateSheet:
    """One sheet of a template: what the writer draws, what the importer reads."""

    key: str  # the sheet's name in the layout record ("06", "05a")
    name: str
    columns: tuple[TemplateColumn, ...] = ()
    header: tuple[HeaderBox, ...] = ()
    title: str = ""

    def inputs(self) -> list[tuple[str, str]]:
        """``(column letter, indicator)`` of the input columns."""
        return [(c.letter, c.indicator) for c in self.columns if c.indicator]

    @property
    def last_letter(self) -> str:
        return self.columns[-1].letter if self.columns else "B"


def sheet_of(spec: FormSpec) -> TemplateSheet:
    """The template sheet of a form spec (it must have a ``[template]`` table)."""
    tpl = spec.template
    if tpl is None:
        raise ValueError(f"Mẫu biểu {spec.code} không có trang mẫu nhập.")
    order = spec.leaf_order()
    letters = {key: column_letter(i + 1) for i, key in enumerate(order)}
    columns = []
    for key in order:
        col = spec.column(key)
        if col.kind not in ("indicator", "sum"):
            continue
        columns.append(
            TemplateColumn(
                letter=letters[key],
                number=spec.column_number(key),
                indicator=col.indicator if col.kind == "indicator" else "",
                of=tuple(letters[k] for k in col.of),
                width=col.width + 1 if col.width > 11 else 11.0,
            )
        )
    kinds = {key: spec.column(key).kind for key in order}
    cells, depth = header_cells(spec.header)
    boxes = []
    for cell in cells:
        top = HEADER_FIRST_ROW + cell.row
        bottom = top + cell.rowspan - 1
        if cell.row + cell.rowspan == depth:  # reaches the last header row: stretch to row 7
            bottom = HEADER_LAST_ROW
        first = column_letter(cell.col + 1)
        last = column_letter(cell.col + cell.colspan)
        text = cell.text
        if (
            cell.colspan == 1
            and kinds.get(order[cell.col]) == "label"
            and bottom == HEADER_LAST_ROW
        ):
            text = tpl.row_label
        ref = f"{first}{top}" if (first, top) == (last, bottom) else f"{first}{top}:{last}{bottom}"
        boxes.append(HeaderBox(ref, text))
    return TemplateSheet(tpl.key, tpl.sheet, tuple(columns), tuple(boxes), tpl.title)


@dataclass(frozen=True)
class TemplateLayout:
    """Where each figure of a template lives."""

    unit: str
    period: str
    fields: tuple[str, ...]  # field codes, one row each from FIRST_DATA_ROW
    sheets: tuple[TemplateSheet, ...] = ()

    def to_json(self) -> str:
        data = {
            "unit": self.unit,
            "period": self.period,
            "first_row": FIRST_DATA_ROW,
            "fields": list(self.fields),
            "sheets": {
                s.key: {"name": s.name, "columns": [[c, i] for c, i in s.inputs()]}
                for s in self.sheets
            },
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def checksum(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    def cells(self) -> list[tuple[str, int, str, str, str]]:
        """``(sheet, row, column letter, field code, indicator)`` of every input cell."""
        out = []
        for sheet in self.sheets:
            for offset, field in enumerate(self.fields):
                for col, ind in sheet.inputs():
                    out.append((sheet.name, FIRST_DATA_ROW + offset, col, field, ind))
        return out


_LETTERS = re.compile(r"[A-Z]{1,3}")


def layout_from_json(text: str) -> TemplateLayout:
    """The layout a template recorded; ``ValueError`` when it is malformed."""
    data = json.loads(text)
    sheets = []
    for key, sheet in dict(data["sheets"]).items():
        columns = []
        for letter, indicator in sheet["columns"]:
            if not (isinstance(letter, str) and _LETTERS.fullmatch(letter)):
                raise ValueError(f"column {letter!r}")
            if not (isinstance(indicator, str) and indicator):
                raise ValueError(f"indicator {indicator!r}")
            columns.append(TemplateColumn(letter, 0, indicator))
        sheets.append(TemplateSheet(str(key), str(sheet["name"]), tuple(columns)))
    if int(data.get("first_row", FIRST_DATA_ROW)) != FIRST_DATA_ROW:
        raise ValueError("first_row")
    return TemplateLayout(
        str(data["unit"]), str(data["period"]), tuple(data["fields"]), tuple(sheets)
    )
