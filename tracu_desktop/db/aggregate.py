"""Sums of stored figures for forms, summaries and the report.

A level's figures are the sum over its units. All sums are done in SQL on the
``data_values`` primary key (period first), so one period of a province-sized
database aggregates in milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from tracu_desktop.db.handle import Database
from tracu_desktop.indicators import compute_rates, with_totals
from tracu_desktop.models import Level
from tracu_desktop.periods import previous_code, same_period_last_year

FigureMap = dict[str, int]


def _in(items: Iterable[str]) -> tuple[str, list[str]]:
    seq = list(items)
    return ",".join("?" * len(seq)), seq


def sum_by_level_field(
    db: Database, period: str, indicators: Iterable[str]
) -> dict[tuple[Level, str], FigureMap]:
    """``{(level, field): {indicator: sum}}`` over all units of each level (form 06b, 05a).

    One pass over the covering index ``data_values_by_field`` with one conditional sum
    per level, so no sort is needed however many values the period holds.
    """
    marks, inds = _in(indicators)
    levels = list(Level)
    sums = ", ".join(f"SUM(CASE WHEN u.level = '{lv.value}' THEN v.value END)" for lv in levels)
    rows = db.execute(
        f"SELECT v.field, v.indicator, {sums} FROM data_values v "
        f"JOIN units u ON u.code = v.unit WHERE v.period = ? AND v.indicator IN ({marks}) "
        f"GROUP BY v.field, v.indicator",
        [period, *inds],
    ).fetchall()
    out: dict[tuple[Level, str], FigureMap] = defaultdict(dict)
    for field, indicator, *per_level in rows:
        for level, total in zip(levels, per_level, strict=True):
            if total is not None:
                out[(level, field)][indicator] = total
    return dict(out)


def sum_by_unit(db: Database, period: str, indicators: Iterable[str]) -> dict[str, FigureMap]:
    """``{unit: {indicator: sum over fields}}`` (form 06a, per-commune charts)."""
    marks, inds = _in(indicators)
    rows = db.execute(
        f"SELECT unit, indicator, SUM(value) FROM data_values WHERE period = ? "
        f"AND indicator IN ({marks}) GROUP BY unit, indicator",
        [period, *inds],
    ).fetchall()
    out: dict[str, FigureMap] = defaultdict(dict)
    for unit, indicator, total in rows:
        out[unit][indicator] = total
    return dict(out)


def sum_by_field(db: Database, period: str, indicators: Iterable[str]) -> dict[str, FigureMap]:
    """``{field: {indicator: sum over units}}``."""
    marks, inds = _in(indicators)
    rows = db.execute(
        f"SELECT field, indicator, SUM(value) FROM data_values WHERE period = ? "
        f"AND indicator IN ({marks}) GROUP BY field, indicator",
        [period, *inds],
    ).fetchall()
    out: dict[str, FigureMap] = defaultdict(dict)
    for field, indicator, total in rows:
        out[field][indicator] = total
    return dict(out)


def sum_by_level(db: Database, period: str) -> dict[Level, FigureMap]:
    """Every indicator summed per level (e.g. online services of "huyện" vs "xã")."""
    rows = db.execute(
        "SELECT u.level, v.indicator, SUM(v.value) FROM data_values v JOIN units u ON u.code = v.unit "
        "WHERE v.period = ? GROUP BY u.level, v.indicator",
        [period],
    ).fetchall()
    out: dict[Level, FigureMap] = defaultdict(dict)
    for level, indicator, total in rows:
        out[Level(level)][indicator] = total
    return dict(out)


def period_totals(db: Database, period: str) -> FigureMap:
    """Every indicator summed over all units and fields, plus the derived totals of 06 and 05a."""
    rows = db.execute(
        "SELECT indicator, SUM(value) FROM data_values WHERE period = ? GROUP BY indicator",
        [period],
    ).fetchall()
    return with_totals(dict(rows))


def has_data(db: Database, period: str) -> bool:
    return (
        db.execute("SELECT 1 FROM data_values WHERE period = ? LIMIT 1", [period]).fetchone()
        is not None
    )


def previous_pending(db: Database, period: str) -> dict[tuple[str, str], int]:
    """Pending (11) per (unit, field) of the contiguous previous period, where it has form-06 data."""
    prev = previous_code(period)
    rows = db.execute(
        "SELECT unit, field, SUM(CASE WHEN indicator IN ('pending_on_time','pending_overdue') "
        "THEN value ELSE 0 END) FROM data_values WHERE period = ? AND indicator IN "
        "('received_online','received_direct','carried_over','resolved_early','resolved_on_time',"
        "'resolved_late','pending_on_time','pending_overdue') GROUP BY unit, field",
        [prev],
    ).fetchall()
    return {(u, f): int(p) for u, f, p in rows}


def comparison_periods(period: str) -> dict[str, str]:
    """Codes of the periods a report compares with."""
    return {"previous": previous_code(period), "last_year": same_period_last_year(period)}


def key_figures(db: Database, period: str) -> dict[str, object]:
    """Totals and rates of the period as the summary and the report print them."""
    t = period_totals(db, period)
    r = compute_rates(t)
    return {
        **t,
        "received_new": t.get("received_online", 0) + t.get("received_direct", 0),
        "resolved_early_on_time": t.get("resolved_early", 0) + t.get("resolved_on_time", 0),
        "online_rate": r.online,
        "on_time_rate": r.on_time,
        "late_rate": r.late,
        "digitized_rate": r.digitized,
    }
