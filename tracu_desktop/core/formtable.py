"""A renderer-neutral form table: header cells with spans, the column-number row and the
body rows (data, section, subtotal, total), built from a :class:`FormSpec` and plain row
figures.

Sums and rates of every row — data, subtotal and total alike — are computed here from
the indicator figures, so a total is always the sum of what the rows show. Excel, PDF
and on-screen renderers only lay out what this module produces. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from tracu_desktop.core.formspec import FormSpec, HeaderNode
from tracu_desktop.core.indicators import rate
from tracu_desktop.core.models import Level

Value = int | Decimal | date | str | None

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class RowKind(StrEnum):
    DATA = "data"
    SECTION = "section"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    NOTE = "note"  # "Không phát sinh" when a form has no rows

    @property
    def bold(self) -> bool:
        return self is not RowKind.DATA and self is not RowKind.NOTE


@dataclass(frozen=True)
class HeaderCell:
    """A header caption at (row, col), 0-based within the header, with its spans."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class BodyRow:
    kind: RowKind
    cells: tuple[Value, ...]


@dataclass(frozen=True)
class RowItem:
    """Input of one data row: its section (a level or None), caption and figures.

    ``figures`` maps indicator column keys to summed values; ``texts`` maps status
    column keys to their text, or the date for a date column (completeness table).
    """

    section: Level | None
    label: str
    figures: Mapping[str, int] = field(default_factory=dict)
    texts: Mapping[str, str | date] = field(default_factory=dict)


@dataclass(frozen=True)
class Signature:
    """One signature block: title lines (bold), a note (italic), the signer's name."""

    title: tuple[str, ...] = ()
    note: str = ""
    name: str = ""


@dataclass(frozen=True)
class DocTexts:
    """Resolved texts around the table (organisation and period filled in)."""

    header_left: tuple[str, ...] = ()
    header_right: tuple[str, ...] = ()
    title: str = ""
    subtitle: tuple[str, ...] = ()
    unit_line: str = ""
    place_date: str = ""
    sign_left: Signature = Signature()
    sign_right: Signature = Signature()
    doc_title: str = ""  # document property (file metadata)
    author: str = ""


@dataclass(frozen=True)
class FormTable:
    spec: FormSpec
    texts: DocTexts
    header: tuple[HeaderCell, ...]
    header_rows: int
    column_numbers: tuple[str, ...]  # empty when the form prints none
    kinds: tuple[str, ...]  # column kinds, for alignment and number formats
    widths: tuple[float, ...]
    rows: tuple[BodyRow, ...]

    @property
    def ncols(self) -> int:
        return len(self.kinds)

    def rows_of(self, kind: RowKind) -> list[BodyRow]:
        return [r for r in self.rows if r.kind is kind]

    def total_row(self) -> BodyRow | None:
        totals = self.rows_of(RowKind.TOTAL)
        return totals[-1] if totals else None

    def value(self, row: BodyRow, key: str) -> Value:
        return row.cells[self.spec.leaf_order().index(key)]


def header_cells(nodes: Sequence[HeaderNode]) -> tuple[list[HeaderCell], int]:
    """Lay out a header tree: a group spans its leaves, a leaf spans down to the last row."""
    depth = max(n.depth() for n in nodes)
    cells: list[HeaderCell] = []

    def place(node: HeaderNode, row: int, col: int) -> int:
        if node.is_leaf:
            cells.append(HeaderCell(node.text, row, col, depth - row, 1))
            return 1
        width = 0
        for child in node.children:
            width += place(child, row + 1, col + width)
        cells.append(HeaderCell(node.text, row, col, 1, width))
        return width

    col = 0
    for n in nodes:
        col += place(n, 0, col)
    cells.sort(key=lambda c: (c.row, c.col))
    return cells, depth


def compute_numbers(spec: FormSpec, figures: Mapping[str, int]) -> dict[str, Value]:
    """Values of every numeric column (indicator, sum, rate) from indicator figures."""
    out: dict[str, Value] = {}

    def num(key: str) -> int:
        col = spec.column(key)
        if col.kind == "indicator":
            return int(figures.get(key, 0) or 0)
        return sum(num(k) for k in col.of)

    for c in spec.columns:
        if c.kind in ("indicator", "sum"):
            out[c.key] = num(c.key)
        elif c.kind == "rate":
            out[c.key] = rate(sum(num(k) for k in c.numerator), sum(num(k) for k in c.denominator))
    return out


def _sum_figures(items: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for f in items:
        for k, v in f.items():
            total[k] = total.get(k, 0) + int(v or 0)
    return total


def build_table(
    spec: FormSpec,
    items: Sequence[RowItem],
    texts: DocTexts,
    section_captions: Mapping[Level, str] | None = None,
) -> FormTable:
    """The complete table of a form from its data rows (already filtered and ordered).

    ``section_captions`` replaces a level's own label on its section row (and subtotal)."""
    captions = dict(section_captions or {})
    order = spec.leaf_order()
    cols = [spec.column(k) for k in order]
    header, depth = header_cells(spec.header)
    rs = spec.rows

    def row(kind: RowKind, index: str, label: str, item: RowItem | None, figs) -> BodyRow:
        numbers = compute_numbers(spec, figs) if figs is not None else {}
        cells: list[Value] = []
        for c in cols:
            if c.kind == "index":
                cells.append(index)
            elif c.kind == "label":
                cells.append(label)
            elif c.kind == "status":
                cells.append(item.texts.get(c.key, "") if item is not None else "")
            else:
                cells.append(numbers.get(c.key))
        return BodyRow(kind, tuple(cells))

    def status_counts(group: Sequence[RowItem]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for c in cols:
            if c.kind == "status" and c.status in ("sent", "not_sent"):
                counts[c.key] = sum(1 for it in group if it.texts.get(c.key))
        return counts

    body: list[BodyRow] = []
    if not items:
        body.append(row(RowKind.NOTE, "", rs.empty_label, None, None))
    if rs.sections:
        groups: list[tuple[Level | None, list[RowItem]]] = []
        for it in items:
            if not groups or groups[-1][0] != it.section:
                groups.append((it.section, []))
            groups[-1][1].append(it)
    else:
        groups = [(None, list(items))] if items else []
    for n, (level, group) in enumerate(groups):
        if rs.sections and level is not None:
            mark = _ROMAN[n] if rs.section_numbering == "roman" and n < len(_ROMAN) else ""
            body.append(row(RowKind.SECTION, mark, captions.get(level, level.label), None, None))
        for i, it in enumerate(group, start=1):
            body.append(row(RowKind.DATA, str(i), it.label, it, it.figures))
        if rs.subtotals and level is not None:
            caption = captions.get(level, level.label)
            if not caption[1:2].isupper():  # "Cấp xã" → "cấp xã", but "UBND" stays
                caption = caption[:1].lower() + caption[1:]
            label = rs.subtotal_label.format(section=caption)
            sub = row(RowKind.SUBTOTAL, "", label, None, _sum_figures(i.figures for i in group))
            body.append(_with_texts(sub, cols, status_counts(group)))
    if rs.total and items:
        tot = row(RowKind.TOTAL, "", rs.total_label, None, _sum_figures(i.figures for i in items))
        body.append(_with_texts(tot, cols, status_counts(items)))

    numbers = column_number_texts(spec) if spec.column_numbers else ()
    return FormTable(
        spec=spec,
        texts=texts,
        header=tuple(header),
        header_rows=depth,
        column_numbers=numbers,
        kinds=tuple(c.kind for c in cols),
        widths=tuple(c.width for c in cols),
        rows=tuple(body),
    )


def column_number_texts(spec: FormSpec) -> tuple[str, ...]:
    """The column-number row as the official forms print it: "(1)", "(2)", and for a
    sum column its arithmetic from the spec, "(3)=(4)+(5)+(6)"; a rate column with one
    numerator and one denominator column reads "(5)=(3)/(4)"."""
    order = spec.leaf_order()
    number = {key: f"({i + 1})" for i, key in enumerate(order)}

    def refs(keys: tuple[str, ...], op: str) -> str:
        return op.join(number[k] for k in keys if k in number)

    out: list[str] = []
    for key in order:
        col = spec.column(key)
        text = number[key]
        if col.kind == "sum" and col.of and all(k in number for k in col.of):
            text += "=" + refs(col.of, "+")
        elif col.kind == "rate" and len(col.numerator) == 1 and len(col.denominator) == 1:
            if col.numerator[0] in number and col.denominator[0] in number:
                text += f"={number[col.numerator[0]]}/{number[col.denominator[0]]}"
        out.append(text)
    return tuple(out)


def _with_texts(r: BodyRow, cols, texts: Mapping[str, int]) -> BodyRow:
    if not texts:
        return r
    cells = list(r.cells)
    for i, c in enumerate(cols):
        if c.key in texts:
            cells[i] = texts[c.key]
    return BodyRow(r.kind, tuple(cells))
