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

from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import ensure_unlocked
from tracu_desktop.models import ValueKey

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


def get_value(db: Database, key: ValueKey) -> int | None:
    row = db.execute(
        "SELECT value FROM data_values WHERE period=? AND unit=? AND field=? AND indicator=?",
        [key.period, key.unit, key.field, key.indicator],
    ).fetchone()
    return row[0] if row else None


def get_values(
    db: Database,
    period: str,
    unit: str | None = None,
    indicators: Iterable[str] | None = None,
) -> dict[tuple[str, str, str], int]:
    """Figures of a period as ``{(unit, field, indicator): value}``."""
    sql = "SELECT unit, field, indicator, value FROM data_values WHERE period = ?"
    args: list[object] = [period]
    if unit is not None:
        sql += " AND unit = ?"
        args.append(unit)
    if indicators is not None:
        inds = list(indicators)
        sql += f" AND indicator IN ({','.join('?' * len(inds))})"
        args.extend(inds)
    return {(u, f, i): v for u, f, i, v in db.execute(sql, args).fetchall()}


def _existing(db: Database, periods: set[str]) -> dict[tuple[str, str, str, str], int]:
    """Stored values of the given periods keyed like :class:`ValueKey` (a tuple)."""
    out: dict[tuple[str, str, str, str], int] = {}
    for period in periods:
        rows = db.execute(
            "SELECT period, unit, field, indicator, value FROM data_values WHERE period = ?",
            [period],
        ).fetchall()
        out.update({(p, u, f, i): v for p, u, f, i, v in rows})
    return out


def plan_changes(db: Database, changes: Iterable[Change]) -> list[ChangeResult]:
    """The real changes (old ≠ new) a batch would make, without writing anything.

    A later change of the same cell in the batch wins.
    """
    wanted: dict[ValueKey, int | None] = {key: new for key, new in changes}
    existing = _existing(db, {key[0] for key in wanted})
    get = existing.get
    return [ChangeResult(old, new, key) for key, new in wanted.items() if (old := get(key)) != new]


def apply_changes(
    db: Database, changes: Iterable[Change], source: str = SOURCE_TYPED
) -> list[ChangeResult]:
    """Write a batch of figures atomically with its audit rows; returns the real changes."""
    with db.atomic():
        planned = plan_changes(db, changes)
        if not planned:
            return []
        ensure_unlocked(db, {r.key[0] for r in planned})
        stamp = now_text()
        upserts = [(*key, new, stamp, source) for _old, new, key in planned if new is not None]
        deletes = [key for _old, new, key in planned if new is None]
        conn = db.conn
        if upserts:
            conn.executemany(
                "INSERT INTO data_values (period, unit, field, indicator, value, updated_at, source) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT(period, unit, field, indicator) DO UPDATE SET "
                "value=excluded.value, updated_at=excluded.updated_at, source=excluded.source",
                upserts,
            )
        if deletes:
            conn.executemany(
                "DELETE FROM data_values WHERE period=? AND unit=? AND field=? AND indicator=?",
                deletes,
            )
        conn.executemany(
            "INSERT INTO audit (period, unit, field, indicator, old_value, new_value, changed_at, source) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [(*key, old, new, stamp, source) for old, new, key in planned],
        )
    return planned


def set_value(db: Database, key: ValueKey, value: int | None, source: str = SOURCE_TYPED) -> bool:
    """Write one figure; returns whether it changed."""
    return bool(apply_changes(db, [Change(key, value)], source))


def history(db: Database, key: ValueKey) -> list[AuditEntry]:
    """Every recorded change of one cell, newest first."""
    rows = db.execute(
        "SELECT old_value, new_value, changed_at, source FROM audit "
        "WHERE period=? AND unit=? AND field=? AND indicator=? ORDER BY id DESC",
        [key.period, key.unit, key.field, key.indicator],
    ).fetchall()
    return [AuditEntry(*r) for r in rows]


def changes_from_mapping(
    period: str, values: Mapping[tuple[str, str, str], int | None]
) -> list[Change]:
    return [Change(ValueKey(period, u, f, i), v) for (u, f, i), v in values.items()]
