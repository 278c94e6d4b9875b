"""Outlier warnings of a stored period against the same kind of periods before it."""

from __future__ import annotations

from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.lineage import comparison_groups
from tracu_desktop.core.outliers import (
    DEFAULT_FACTOR,
    DEFAULT_MIN_SIZE,
    HISTORY_LENGTH,
    find_outliers,
)
from tracu_desktop.core.periods import sort_key
from tracu_desktop.core.validation import Issue
from tracu_desktop.db.catalog import load_units
from tracu_desktop.db.checks import names
from tracu_desktop.db.compact import KeyMaps
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import list_periods, require_period


def history_periods(db: Database, period: str, length: int = HISTORY_LENGTH) -> list[str]:
    """Codes of the last ``length`` stored periods of the same kind that end before ``period``."""
    p = require_period(db, period)
    earlier = [
        q.code for q in list_periods(db) if q.kind == p.kind and sort_key(q.code) < sort_key(p.code)
    ]
    earlier.sort(key=sort_key)
    return earlier[-length:]


def _lineage_sql(db: Database, keys: KeyMaps, period: str) -> tuple[str, dict[str, list[int]]]:
    """SQL mapping a stored unit id to the unit in force in ``period`` it counts for
    (``unit_id`` itself without lineage), and each such unit's ids with its predecessors.

    A commune formed after the history periods gets its predecessors' summed figures as
    its history."""
    from tracu_desktop.db.lineage import catalog_has_lineage

    if not catalog_has_lineage(db):
        return "unit_id", {}
    p = require_period(db, period)
    groups = comparison_groups(load_units(db), p.start, p.end)
    cases = [
        f"WHEN {int(keys.units[member])} THEN {int(keys.units[rep])}"
        for rep, members in groups.items()
        for member in members[1:]
        if member in keys.units and rep in keys.units
    ]
    ids = {
        rep: [keys.units[m] for m in members if m in keys.units] for rep, members in groups.items()
    }
    return (f"CASE unit_id {' '.join(cases)} ELSE unit_id END" if cases else "unit_id"), ids


def _candidates(
    db: Database, period: str, codes: list[str], unit: str | None
) -> tuple[dict, list[dict]]:
    """The cells that may be outliers, with their history, chosen in SQL.

    A superset of what :func:`find_outliers` flags (same integer arithmetic, before its
    exact check), so only a handful of cells of a province-sized period reach Python.
    """
    keys = KeyMaps.load(db)
    period_id = keys.periods.get(period)
    history_ids = [keys.periods[c] for c in codes if c in keys.periods]
    if period_id is None or not history_ids:
        return {}, []
    rep, group_ids = _lineage_sql(db, keys, period)
    marks = ",".join("?" * len(history_ids))
    # A unit with predecessors has several rows per period: count periods, not rows.
    count = "COUNT(*)" if rep == "unit_id" else "COUNT(DISTINCT period_id)"
    unit_filter, unit_args, history_filter = "", [], ""
    if unit is not None:
        if unit not in keys.units:
            return {}, []
        unit_filter, unit_args = " AND unit_id = ?", [keys.units[unit]]
        members = group_ids.get(unit) or [keys.units[unit]]
        history_filter = f" AND unit_id IN ({','.join(str(int(i)) for i in members)})"
    # A read, run on the connection itself: the handle sends statements that do not
    # start with SELECT to sqlite-utils, which the first screen must not import.
    rows = db.conn.execute(
        f"WITH h AS (SELECT field_id, indicator_id, {rep} AS unit_id, SUM(value) AS s, "
        f"{count} AS n "
        f"FROM figures WHERE period_id IN ({marks}){history_filter} "
        f"GROUP BY field_id, indicator_id, {rep}) "
        f"SELECT c.unit_id, c.field_id, c.indicator_id, c.value FROM figures c "
        f"JOIN h ON h.field_id = c.field_id AND h.indicator_id = c.indicator_id "
        f"AND h.unit_id = c.unit_id WHERE c.period_id = ?{unit_filter.replace('unit_id', 'c.unit_id')} "
        f"AND h.s > 0 AND (c.value >= ? OR h.s >= ? * h.n) "
        f"AND (c.value * h.n > ? * h.s OR ? * c.value * h.n < h.s)",
        [*history_ids, period_id, *unit_args, DEFAULT_MIN_SIZE, DEFAULT_MIN_SIZE,
         DEFAULT_FACTOR, DEFAULT_FACTOR],
    ).fetchall()  # fmt: skip
    if not rows:
        return {}, []
    _p, units, fields, inds = keys.reverse()
    current = {(units[u], fields[f], inds[i]): v for u, f, i, v in rows}
    cells = {(u, f, i) for u, f, i, _v in rows}
    history = []
    for pid in history_ids:
        sql = (
            f"SELECT unit_id, field_id, indicator_id, value FROM figures WHERE period_id = ?"
            f"{history_filter}"
            if rep == "unit_id"
            else f"SELECT {rep} AS u, field_id, indicator_id, SUM(value) FROM figures "
            f"WHERE period_id = ?{history_filter} GROUP BY u, field_id, indicator_id"
        )
        found = db.execute(sql, [pid]).fetchall()
        history.append(
            {(units[u], fields[f], inds[i]): v for u, f, i, v in found if (u, f, i) in cells}
        )
    return current, history


def outlier_issues(db: Database, period: str, unit: str | None = None) -> list[Issue]:
    """Outlier warnings of a period (optionally one unit); none without earlier periods."""
    codes = history_periods(db, period)
    if not codes:
        return []
    current, history = _candidates(db, period, codes, unit)
    if not current:
        return []
    labels = {code: ind.label for code, ind in indicator_map().items()}
    return find_outliers(current, history, names(db), labels)
