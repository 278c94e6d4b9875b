"""Stored figures and their audit trail.

:func:`apply_changes` is the one write path for figures (typed, pasted, imported,
demo): it runs in one transaction, skips unchanged values, refuses locked periods,
and writes an audit row for every real change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.compact import KeyMaps, UnknownKeyError, int_to_stamp, stamp_to_int
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import ensure_unlocked

SOURCE_TYPED = "typed"


class Change(NamedTuple):
    key: ValueKey
    new: int | None  # None deletes the value (an empty cell)


class ChangeResult(NamedTuple):
    old: int | None
    new: int | None
    key: ValueKey


@dataclass(frozen=True)
class AuditEntry:
    old_value: int | None
    new_value: int | None
    changed_at: str
    source: str


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _cell_ids(keys: KeyMaps, db: Database, key: ValueKey) -> tuple[int, int, int, int] | None:
    """Integer key of a cell, or None when a code is not in the catalogs (no such figure)."""
    try:
        ind = keys.indicators[key.indicator]
        return keys.period(key.period), keys.unit(key.unit), keys.field(key.field), ind
    except (KeyError, UnknownKeyError):
        return None


def get_value(db: Database, key: ValueKey) -> int | None:
    cell = _cell_ids(KeyMaps.load(db), db, key)
    if cell is None:
        return None
    row = db.execute(
        "SELECT value FROM figures WHERE period_id=? AND unit_id=? AND field_id=? "
        "AND indicator_id=?",
        cell,
    ).fetchone()
    return row[0] if row else None


def get_values(
    db: Database,
    period: str,
    unit: str | None = None,
    indicators: Iterable[str] | None = None,
) -> dict[tuple[str, str, str], int]:
    """Figures of a period as ``{(unit, field, indicator): value}``."""
    keys = KeyMaps.load(db)
    period_id = keys.periods.get(period)
    if period_id is None:
        return {}
    sql = "SELECT unit_id, field_id, indicator_id, value FROM figures WHERE period_id = ?"
    args: list[object] = [period_id]
    if unit is not None:
        unit_id = keys.units.get(unit)
        if unit_id is None:
            return {}
        sql += " AND unit_id = ?"
        args.append(unit_id)
    wanted: set[int] | None = None
    if indicators is not None:
        wanted = {keys.indicators[i] for i in indicators if i in keys.indicators}
    _p, units, fields, inds = keys.reverse()
    return {
        (units[u], fields[f], inds[i]): v
        for u, f, i, v in db.execute(sql, args).fetchall()
        if wanted is None or i in wanted
    }


# A batch of at most this many units reads only their stored figures: a province
# importing 124 commune packages would otherwise re-read the growing period per package.
FEW_UNITS = 64


def _existing(
    db: Database, keys: KeyMaps, periods: set[str], only_units: set[str] | None = None
) -> dict[tuple[str, str, str, str], int]:
    """Stored values of the given periods (of ``only_units`` when given) keyed like
    :class:`ValueKey` (a tuple)."""
    out: dict[tuple[str, str, str, str], int] = {}
    _p, units, fields, inds = keys.reverse()
    unit_ids = None
    if only_units is not None:
        unit_ids = [keys.units[u] for u in sorted(only_units) if u in keys.units]
        if not unit_ids:
            return out
    for period in periods:
        period_id = keys.periods.get(period)
        if period_id is None:
            continue
        sql = "SELECT unit_id, field_id, indicator_id, value FROM figures WHERE period_id = ?"
        args: list[object] = [period_id]
        if unit_ids is not None:
            sql += f" AND unit_id IN ({','.join('?' * len(unit_ids))})"
            args += unit_ids
        rows = db.execute(sql, args).fetchall()
        out.update({(period, units[u], fields[f], inds[i]): v for u, f, i, v in rows})
    return out


def plan_changes(db: Database, changes: Iterable[Change]) -> list[ChangeResult]:
    """The real changes (old ≠ new) a batch would make, without writing anything.

    A later change of the same cell in the batch wins.
    """
    wanted: dict[ValueKey, int | None] = {key: new for key, new in changes}
    units = {key[1] for key in wanted}
    only = units if len(units) <= FEW_UNITS else None
    existing = _existing(db, KeyMaps.load(db), {key[0] for key in wanted}, only)
    get = existing.get
    return [ChangeResult(old, new, key) for key, new in wanted.items() if (old := get(key)) != new]


def apply_changes(
    db: Database, changes: Iterable[Change], source: str = SOURCE_TYPED
) -> list[ChangeResult]:
    """Write a batch of figures atomically with its audit rows; returns the real changes.

    The batch is one row of ``edits`` (time and source); each figure and each audit row
    points at it.
    """
    with db.atomic():
        planned = plan_changes(db, changes)
        if not planned:
            return []
        ensure_unlocked(db, {r.key[0] for r in planned})
        conn = db.conn
        keys = KeyMaps.load(db)
        edit = conn.execute(
            "INSERT INTO edits (at, source_id) VALUES (?, ?)",
            [stamp_to_int(now_text()), keys.source(conn, source)],
        ).lastrowid
        period, unit, field = keys.period, keys.unit, keys.field
        indicator = keys.indicators.get
        history: list[tuple] = []
        upserts: list[tuple] = []
        deletes: list[tuple] = []
        for old, new, key in planned:
            p, u, f, i = key
            cell = (period(p), unit(u), field(f), indicator(i) or keys.indicator(conn, i))
            history.append((*cell, edit, old, new))
            if new is None:
                deletes.append(cell)
            else:
                upserts.append((*cell, new, edit))
        # In key order, so a big import fills b-tree pages instead of splitting them.
        upserts.sort(key=lambda r: (r[0], r[2], r[3], r[1]))
        history.sort(key=lambda r: r[:4])
        if upserts:
            conn.executemany(
                "INSERT INTO figures (period_id, unit_id, field_id, indicator_id, value, edit_id) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(period_id, field_id, indicator_id, unit_id) "
                "DO UPDATE SET value=excluded.value, edit_id=excluded.edit_id",
                upserts,
            )
        if deletes:
            conn.executemany(
                "DELETE FROM figures WHERE period_id=? AND unit_id=? AND field_id=? "
                "AND indicator_id=?",
                deletes,
            )
        conn.executemany(
            "INSERT INTO figure_history (period_id, unit_id, field_id, indicator_id, edit_id, "
            "old_value, new_value) VALUES (?,?,?,?,?,?,?)",
            history,
        )
    return planned


def set_value(db: Database, key: ValueKey, value: int | None, source: str = SOURCE_TYPED) -> bool:
    """Write one figure; returns whether it changed."""
    return bool(apply_changes(db, [Change(key, value)], source))


def history(db: Database, key: ValueKey) -> list[AuditEntry]:
    """Every recorded change of one cell, newest first."""
    cell = _cell_ids(KeyMaps.load(db), db, key)
    if cell is None:
        return []
    rows = db.execute(
        "SELECT h.old_value, h.new_value, e.at, s.name FROM figure_history h "
        "JOIN edits e ON e.id = h.edit_id JOIN sources s ON s.id = e.source_id "
        "WHERE h.period_id=? AND h.unit_id=? AND h.field_id=? AND h.indicator_id=? "
        "ORDER BY h.edit_id DESC",
        cell,
    ).fetchall()
    return [AuditEntry(old, new, int_to_stamp(at), src) for old, new, at, src in rows]


def changes_from_mapping(
    period: str, values: Mapping[tuple[str, str, str], int | None]
) -> list[Change]:
    return [Change(ValueKey(period, u, f, i), v) for (u, f, i), v in values.items()]
