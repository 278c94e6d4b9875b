"""Which stored units a comparison with a period counts (units in force then and the
former units they took over), read from the catalog."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from tracu_desktop.core.lineage import dated_name, lineage_scope
from tracu_desktop.core.periods import Period, PeriodCodeError, default_period
from tracu_desktop.core.vnformat import format_date
from tracu_desktop.db.catalog import load_units
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import get_period


def catalog_has_lineage(db: Database) -> bool:
    """Whether any unit has dates or successors: one indexed query, so the checks that
    run after every edit cost nothing more for a catalog without lineage."""
    row = db.execute(
        "SELECT 1 WHERE EXISTS (SELECT 1 FROM units WHERE valid_from IS NOT NULL "
        "OR valid_to IS NOT NULL) OR EXISTS (SELECT 1 FROM unit_successors)"
    ).fetchone()
    return row is not None


def comparison_scope(db: Database, period: Period) -> set[str] | None:
    """Codes of the units whose figures count when another period is compared with
    ``period``; ``None`` (all units) for a catalog without lineage, e.g. the 2023 district."""
    if not catalog_has_lineage(db):
        return None
    return lineage_scope(load_units(db), period.start, period.end)


def not_in_force(db: Database, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """``{(period, unit): Vietnamese message}`` for figures addressed to a unit that did not
    exist during the period (a former commune in 2026, a new one in 2024). A period not
    stored yet is judged by its default dates; units without dates always pass."""
    units = {u.code: u for u in load_units(db)}
    spans: dict[str, Period | None] = {}
    out: dict[tuple[str, str], str] = {}
    for period, code in sorted(set(pairs)):
        unit = units.get(code)
        if unit is None or not (unit.valid_from or unit.valid_to):
            continue
        if period not in spans:
            try:
                spans[period] = get_period(db, period) or default_period(period)
            except PeriodCodeError:
                spans[period] = None
        p = spans[period]
        if p is None or unit.in_force(p.start, p.end):
            continue
        text = (
            f"Đơn vị {dated_name(unit, p.start, p.end)} không tồn tại trong kỳ {p.code} "
            f"(từ {format_date(p.start)} đến {format_date(p.end)}): không nhận số liệu của "
            "đơn vị này cho kỳ đó."
        )
        heirs = [units[s].name for s in unit.successors if s in units]
        if heirs and unit.valid_to is not None and unit.valid_to < p.start:
            text += f" Từ ngày {format_date(unit.valid_to + timedelta(days=1))} số liệu thuộc {', '.join(heirs)}."
        out[(period, code)] = text
    return out
