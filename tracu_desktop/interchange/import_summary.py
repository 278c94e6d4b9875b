"""The summary table of an import run: one line per file, what it brings and to whom.

A province imports a hundred commune packages at once; the clerk checks this table
(sender, receiving unit, period, dossiers received and resolved) before and after
writing, rather than thousands of value changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracu_desktop.core.models import Unit
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.interchange.workbook_import import ImportPlan

RECEIVED = ("received_online", "received_direct")
RESOLVED = ("resolved_early", "resolved_on_time", "resolved_late")
HEADER = ("TT", "Tệp", "Đơn vị nhận", "Kỳ", "Số liệu", "Tiếp nhận mới", "Đã giải quyết")


@dataclass(frozen=True)
class SummaryRow:
    file: str
    unit: str  # the receiving unit's name ("" for a file of several units)
    period: str
    figures: int
    received: int  # (4)+(5)
    resolved: int  # (7)


def summarise(plan: ImportPlan, units: dict[str, Unit]) -> list[SummaryRow]:
    """One row per file of the plan, in the order given."""
    rows = []
    for parsed in plan.files:
        received = sum(f.value for f in parsed.figures if f.indicator in RECEIVED)
        resolved = sum(f.value for f in parsed.figures if f.indicator in RESOLVED)
        got = {f.unit for f in parsed.figures}
        unit = parsed.unit or (next(iter(got)) if len(got) == 1 else "")
        name = units[unit].name if unit in units else (f"{len(got)} đơn vị" if got else "")
        rows.append(
            SummaryRow(
                parsed.file, name, parsed.period or "", len(parsed.figures), received, resolved
            )
        )
    return rows


def summary_table(rows: list[SummaryRow]) -> list[tuple[str, ...]]:
    """The rows as texts (numbers "1.368"), then the total line: for the command line and
    the import dialog alike."""
    body = [
        (str(i), r.file, r.unit, r.period, format_int(r.figures), format_int(r.received),
         format_int(r.resolved))
        for i, r in enumerate(rows, start=1)
    ]  # fmt: skip
    total = (
        "",
        "Tổng cộng",
        f"{len({r.unit for r in rows if r.unit})} đơn vị",
        "",
        format_int(sum(r.figures for r in rows)),
        format_int(sum(r.received for r in rows)),
        format_int(sum(r.resolved for r in rows)),
    )
    return [*body, total]


def summary_lines(rows: list[SummaryRow]) -> list[str]:
    """The rows as an aligned text table with a total line, for the command line."""
    *body, total = summary_table(rows)
    table = [HEADER, *body, total]
    widths = [max(len(line[c]) for line in table) for c in range(len(HEADER))]
    numeric = {0, 4, 5, 6}

    def fmt(line: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(w) if c in numeric else cell.ljust(w)
            for c, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [fmt(HEADER), rule, *(fmt(line) for line in body), rule, fmt(total)]
