"""Keep user text in Excel cells as text: no formula injection.

A unit name, a note or an imported label that starts with ``=``, ``+``, ``-`` or ``@``
would otherwise become a formula when written with openpyxl (which turns any string
starting with ``=`` into a formula) or when a spreadsheet program opens the file;
a formula such as ``=HYPERLINK(...)`` or ``=cmd|...`` in a report sent between offices
is a known attack. Cells keep their visible text; only its type changes.
"""

from __future__ import annotations

from typing import Any

from tracu_desktop.core.cell_text import TRIGGERS, needs_neutralising, safe_cell_text

__all__ = ["TRIGGERS", "needs_neutralising", "neutralise_sheet", "safe_cell_text", "set_text"]


def set_text(cell: Any, value: Any) -> Any:
    """Write ``value`` into an openpyxl cell; formula-like text stays visible, as text.

    The cell is stored as a string with Excel's "quote prefix" flag, exactly what
    Excel does when a user types ``'=1+1``: the shown text is unchanged.
    """
    cell.value = value
    if isinstance(value, str) and needs_neutralising(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def neutralise_sheet(ws: Any) -> int:
    """Turn every formula-like text cell of a worksheet into text; returns the count.

    For sheets that are meant to hold values only (exported forms): a last pass
    before saving catches user text written by any code path.
    """
    count = 0
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and needs_neutralising(value):
                cell.data_type = "s"
                cell.quotePrefix = True
                count += 1
    return count


def neutralise_workbook(wb: Any) -> int:
    return sum(neutralise_sheet(ws) for ws in wb.worksheets)
