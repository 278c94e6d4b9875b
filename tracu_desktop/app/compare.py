"""Two periods side by side, per unit (with its predecessors) or per field, as cells."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from tracu_desktop.db.handle import Database


@dataclass
class Measure:
    name: str
    is_rate: bool


@dataclass
class ComparisonTable:
    """The comparison as text cells: each row is the row's name, its predecessors, then
    (current, other, difference) for each measure; the last row is the total."""

    current_code: str
    current_label: str
    other_code: str
    other_label: str
    header: list[str]
    rows: list[list[str]]
    measures: list[Measure]
    note: str

    def csv_text(self) -> str:
        """The table as CSV (cells made safe for spreadsheets), without the last line end."""
        from tracu_desktop.core.cell_text import safe_cell_text

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.header)
        w.writerows([safe_cell_text(cell) for cell in row] for row in self.rows)
        return buf.getvalue().rstrip("\n")


def compare(db: Database, period: str, other: str, by: str = "unit") -> ComparisonTable:
    """``period`` against ``other`` (either may be earlier); ``by``: ``unit`` or ``field``."""
    from tracu_desktop.core.compare import COUNT_NAMES, RATE_NAMES, header, row_cells
    from tracu_desktop.db.compare import compare_periods

    c = compare_periods(db, period, other, by)
    measures = [Measure(label, False) for _n, label in COUNT_NAMES]
    measures += [Measure(label, True) for _n, label in RATE_NAMES]
    return ComparisonTable(
        current_code=c.current.code,
        current_label=c.current.label(),
        other_code=c.other.code,
        other_label=c.other.label(),
        header=header(c.by, c.current.code, c.other.code),
        rows=[row_cells(r) for r in (*c.rows, c.total)],
        measures=measures,
        note=c.note(),
    )
