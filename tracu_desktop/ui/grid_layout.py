"""Column layouts of the entry grids, built from the form specs' entry side.

A layout is plain data: the ordered columns of a grid (inputs, derived totals, rates)
with their printed column numbers, short captions and formula tooltips, as
``resources/forms/*.toml`` says (:mod:`core.entry_spec`), so the grid reads like the
paper form of the period's regulation. No Qt here; the model in :mod:`grid_model`
renders it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracu_desktop.core.entry_spec import INPUT as INPUT
from tracu_desktop.core.entry_spec import RATE, TOTAL, EntryColumn, entry_spec
from tracu_desktop.core.indicators import indicator_map

__all__ = ["INPUT", "RATE", "TOTAL", "Column", "cell_value", "entry_columns", "single_columns"]


@dataclass(frozen=True)
class Column:
    kind: str  # INPUT | TOTAL | RATE
    code: str  # indicator code, derived-total key or rate key
    number: int | None  # column number printed on the form
    caption: str  # short header text
    tooltip: str
    source: EntryColumn | None = None  # the spec's column (sums and rates)

    @property
    def is_detail(self) -> bool:
        """An optional detail column (shown on request, not printed on the form)."""
        return bool(self.source is not None and self.source.detail_of)

    @property
    def editable(self) -> bool:
        return self.kind == INPUT

    @property
    def header(self) -> str:
        return f"({self.number})\n{self.caption}" if self.number else self.caption


def _column(c: EntryColumn) -> Column:
    if c.detail_of:
        tip = "\n".join((f"{c.long} — {c.detail_of} (chi tiết, không in trên biểu).", *c.checks))
    elif c.kind == INPUT:
        tip = f"({c.number}) {c.long}"
    elif c.kind == TOTAL:
        tip = f"{c.long} {c.formula} — tự tính, không nhập."
    else:
        tip = f"{c.long} = {c.formula}"
    return Column(c.kind, c.key, c.number, c.short, tip, c)


def entry_columns(form: str, on: date | None = None, detail: bool = False) -> tuple[Column, ...]:
    """The grid of entry form ``form`` ("06", "05a") of the spec version in force on ``on``;
    ``detail`` adds the spec's optional detail columns next to the columns they break down."""
    return tuple(_column(c) for c in entry_spec(form, on).grid_columns(detail))


# Short captions of the grids without an entry spec (07b counts by field); others
# show the indicator's short label.
_SINGLE_CAPTIONS = {
    "tthc_authority": "TTHC thuộc\nthẩm quyền",
    "tthc_onestop": "Một cửa,\nliên thông",
    "tthc_internal_procedures": "Quy trình\nnội bộ",
}


def single_columns(codes: tuple[str, ...]) -> tuple[Column, ...]:
    """Input columns for indicators kept per unit × field outside forms 06/05a (e.g. 07b, s4)."""
    imap = indicator_map()
    return tuple(
        Column(INPUT, c, None, _SINGLE_CAPTIONS.get(c, imap[c].short), imap[c].label) for c in codes
    )


def cell_value(column: Column, values: Mapping[str, int]) -> int | Decimal | None:
    """What a column shows for one row's stored inputs (``None`` = blank)."""
    if column.source is None:
        return values.get(column.code)
    return column.source.value(values)
