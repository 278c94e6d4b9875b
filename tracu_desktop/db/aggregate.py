"""Sums of stored figures for forms, summaries and the report.

A level's figures are the sum over its units. All sums are done in SQL on the
``figures`` primary key (period first), so one period of a province-sized
database aggregates in milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tracu_desktop.core.entry_spec import with_totals
from tracu_desktop.core.models import Level
from tracu_desktop.core.periods import previous_code, same_period_last_year
from tracu_desktop.core.rates import compute_rates
from tracu_desktop.db.compact import KeyMaps
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import get_period

FigureMap = dict[str, int]


class _Scope(NamedTuple):
    """A period and indicators as integer keys, with the maps back to codes."""

    period_id: int
    marks: str
    indicator_ids: list[int]
    units: dict[int, str]
    fields: dict[int, str]
    indicators: dict[int, str]


def _scope(db: Database, period: str, indicators: Iterable[str] | None = None) -> _Scope | None:
    keys = KeyMaps.load(db)
    period_id = keys.periods.get(period)
    if period_id is None:
        return None
    ids = (
        []
        if indicators is None
        else [keys.indicators[i] for i in indicators if i in keys.indicators]
    )
    _p, units, fields, inds = keys.reverse()
    return _Scope(period_id, ",".join("?" * len(ids)), ids, units, fields, inds)


def _unit_filter(sc: _Scope, units: Iterable[str] | None, column: str = "unit_id") -> str:
    """SQL restricting a query to ``units`` (codes); empty when ``units`` is ``None``.

    Comparisons across a change of units pass the units in force and their predecessors
    (:func:`tracu_desktop.core.lineage.lineage_scope`). Ids are integers from the key map,
    so they are written into the statement."""
    if units is None:
        return ""
    wanted = set(units)
    ids = [str(int(i)) for i, code in sc.units.items() if code in wanted]
    return f" AND {column} IN ({','.join(ids) or 'NULL'})"


def sum_by_level_field(
    db: Database, period: str, indicators: Iterable[str]
) -> dict[tuple[Level, str], FigureMap]:
    """``{(level, field): {indicator: sum}}`` over all units of each level (form 06b, 05a).

    One pass over the period's key range with one conditional sum per level.
    """
    sc = _scope(db, period, indicators)
    if sc is None or not sc.indicator_ids:
        return {}
    levels = list(Level)
    sums = ", ".join(f"SUM(CASE WHEN u.level = '{lv.value}' THEN v.value END)" for lv in levels)
    rows = db.execute(
        f"SELECT v.field_id, v.indicator_id, {sums} FROM figures v "
        f"JOIN units u ON u.id = v.unit_id WHERE v.period_id = ? "
        f"AND v.indicator_id IN ({sc.marks}) GROUP BY v.field_id, v.indicator_id",
        [sc.period_id, *sc.indicator_ids],
    ).fetchall()
    out: dict[tuple[Level, str], FigureMap] = defaultdict(dict)
    for field, indicator, *per_level in rows:
        for level, total in zip(levels, per_level, strict=True):
            if total is not None:
                out[(level, sc.fields[field])][sc.indicators[indicator]] = total
    return dict(out)


def sum_by_unit(db: Database, period: str, indicators: Iterable[str]) -> dict[str, FigureMap]:
    """``{unit: {indicator: sum over fields}}`` (form 06a, per-commune charts)."""
    sc = _scope(db, period, indicators)
    if sc is None or not sc.indicator_ids:
        return {}
    rows = db.execute(
        f"SELECT unit_id, indicator_id, SUM(value) FROM figures WHERE period_id = ? "
        f"AND indicator_id IN ({sc.marks}) GROUP BY unit_id, indicator_id",
        [sc.period_id, *sc.indicator_ids],
    ).fetchall()
    out: dict[str, FigureMap] = defaultdict(dict)
    for unit, indicator, total in rows:
        out[sc.units[unit]][sc.indicators[indicator]] = total
    return dict(out)


def sum_by_field(
    db: Database, period: str, indicators: Iterable[str], units: Iterable[str] | None = None
) -> dict[str, FigureMap]:
    """``{field: {indicator: sum over units}}`` (over ``units`` only, when given)."""
    sc = _scope(db, period, indicators)
    if sc is None or not sc.indicator_ids:
        return {}
    rows = db.execute(
        f"SELECT field_id, indicator_id, SUM(value) FROM figures WHERE period_id = ? "
        f"AND indicator_id IN ({sc.marks}){_unit_filter(sc, units)} "
        "GROUP BY field_id, indicator_id",
        [sc.period_id, *sc.indicator_ids],
    ).fetchall()
    out: dict[str, FigureMap] = defaultdict(dict)
    for field, indicator, total in rows:
        out[sc.fields[field]][sc.indicators[indicator]] = total
    return dict(out)


def sum_by_level(
    db: Database, period: str, units: Iterable[str] | None = None
) -> dict[Level, FigureMap]:
    """Every indicator summed per level (e.g. online services of "huyện" vs "xã")."""
    sc = _scope(db, period)
    if sc is None:
        return {}
    rows = db.execute(
        "SELECT u.level, v.indicator_id, SUM(v.value) FROM figures v "
        "JOIN units u ON u.id = v.unit_id WHERE v.period_id = ?"
        f"{_unit_filter(sc, units, 'v.unit_id')} GROUP BY u.level, v.indicator_id",
        [sc.period_id],
    ).fetchall()
    out: dict[Level, FigureMap] = defaultdict(dict)
    for level, indicator, total in rows:
        out[Level(level)][sc.indicators[indicator]] = total
    return dict(out)


def period_totals(db: Database, period: str, units: Iterable[str] | None = None) -> FigureMap:
    """Every indicator summed over all units (or ``units``) and fields, plus the derived
    totals of 06 and 05a."""
    sc = _scope(db, period)
    if sc is None:
        return with_totals({})
    rows = db.execute(
        f"SELECT indicator_id, SUM(value) FROM figures WHERE period_id = ?"
        f"{_unit_filter(sc, units)} GROUP BY indicator_id",
        [sc.period_id],
    ).fetchall()
    return with_totals({sc.indicators[i]: total for i, total in rows}, _end(db, period))


def _end(db: Database, period: str) -> date | None:
    """The period's last day: the form specs in force then define its totals and rates."""
    p = get_period(db, period)
    return p.end if p else None


def has_data(db: Database, period: str, units: Iterable[str] | None = None) -> bool:
    """Whether the period has any stored figure (of ``units``, when given)."""
    if units is None:
        return (
            db.execute(
                "SELECT 1 FROM figures WHERE period_id = (SELECT id FROM periods WHERE code = ?) "
                "LIMIT 1",
                [period],
            ).fetchone()
            is not None
        )
    sc = _scope(db, period)
    if sc is None:
        return False
    return (
        db.execute(
            f"SELECT 1 FROM figures WHERE period_id = ?{_unit_filter(sc, units)} LIMIT 1",
            [sc.period_id],
        ).fetchone()
        is not None
    )


_FORM06_CODES = (
    "received_online", "received_direct", "carried_over", "resolved_early",
    "resolved_on_time", "resolved_late", "pending_on_time", "pending_overdue",
)  # fmt: skip


def previous_pending(
    db: Database, period: str, unit: str | None = None
) -> dict[tuple[str, str], int]:
    """Pending (11) per (unit, field) of the contiguous previous period, where it has form-06
    data; of one unit only when ``unit`` is given (the entry grid colours one unit)."""
    sc = _scope(db, previous_code(period), _FORM06_CODES)
    if sc is None or not sc.indicator_ids:
        return {}
    pending = [
        i for i, code in sc.indicators.items() if code in ("pending_on_time", "pending_overdue")
    ]
    pending_marks = ",".join(str(int(i)) for i in pending) or "NULL"
    only_unit = ""
    args: list[object] = [sc.period_id, *sc.indicator_ids]
    if unit is not None:
        unit_ids = [i for i, code in sc.units.items() if code == unit]
        if not unit_ids:
            return {}
        only_unit = " AND unit_id = ?"
        args.append(unit_ids[0])
    rows = db.execute(
        f"SELECT unit_id, field_id, SUM(CASE WHEN indicator_id IN ({pending_marks}) "
        f"THEN value ELSE 0 END) FROM figures WHERE period_id = ? AND indicator_id IN "
        f"({sc.marks}){only_unit} GROUP BY unit_id, field_id",
        args,
    ).fetchall()
    return {(sc.units[u], sc.fields[f]): int(p) for u, f, p in rows}


def sum_of_units(
    db: Database, period: str, units: Iterable[str], indicators: Iterable[str]
) -> dict[tuple[str, str], int]:
    """``{(field, indicator): sum}`` over ``units`` (a parent's read-only view), in SQL:
    reading a province's whole quarter into Python took 0,3 s at every start."""
    sc = _scope(db, period, indicators)
    wanted = set(units)
    unit_ids = [i for i, code in sc.units.items() if code in wanted] if sc else []
    if sc is None or not sc.indicator_ids or not unit_ids:
        return {}
    rows = db.execute(
        f"SELECT field_id, indicator_id, SUM(value) FROM figures WHERE period_id = ? "
        f"AND indicator_id IN ({sc.marks}) AND unit_id IN ({','.join('?' * len(unit_ids))}) "
        "GROUP BY field_id, indicator_id",
        [sc.period_id, *sc.indicator_ids, *unit_ids],
    ).fetchall()
    return {(sc.fields.get(f, ""), sc.indicators[i]): int(v) for f, i, v in rows}


def units_with_figures(db: Database, period: str, indicators: Iterable[str]) -> set[str]:
    """Codes of the units with any stored figure of ``indicators`` in ``period``."""
    sc = _scope(db, period, indicators)
    if sc is None or not sc.indicator_ids:
        return set()
    rows = db.execute(
        f"SELECT DISTINCT unit_id FROM figures WHERE period_id = ? AND indicator_id IN ({sc.marks})",
        [sc.period_id, *sc.indicator_ids],
    ).fetchall()
    return {sc.units[u] for (u,) in rows}


def comparison_periods(period: str) -> dict[str, str]:
    """Codes of the periods a report compares with."""
    return {"previous": previous_code(period), "last_year": same_period_last_year(period)}


def key_figures(db: Database, period: str) -> dict[str, int | Decimal | None]:
    """Totals and rates of the period as the summary and the report print them."""
    t = period_totals(db, period)
    r = compute_rates(t, _end(db, period))
    return {
        **t,
        "received_new": t.get("received_online", 0) + t.get("received_direct", 0),
        "resolved_early_on_time": t.get("resolved_early", 0) + t.get("resolved_on_time", 0),
        "online_rate": r.online,
        "on_time_rate": r.on_time,
        "late_rate": r.late,
        "digitized_rate": r.digitized,
    }
