"""Schema 4: figures and their audit trail keyed by small integers.

Schemas 1–3 stored the period, unit, field and indicator codes as text in every row of
``data_values``, again in a covering index, again in every ``audit`` row and in its
index, with text timestamps and sources (~300 bytes per figure). Schema 4 keeps:

* ``periods``, ``units`` and ``fields`` with an ``id INTEGER PRIMARY KEY`` (they own the
  codes and names); ``indicators`` and ``sources`` as small code tables; field id 0
  stands for the empty field of per-unit indicators;
* ``edits``: one row per written batch (integer timestamp, source), so a figure and an
  audit row carry one small integer instead of a timestamp and a source text;
* ``figures`` (``WITHOUT ROWID``, key period, field, indicator, unit: the order in
  which form 06b sums a period, so it streams without a sort and needs no index) and
  ``figure_history`` (``WITHOUT ROWID``, the same key plus the edit: the cell's history
  is a key range, no separate index).

The views ``data_values`` and ``audit`` show the old text columns for reports, ad-hoc
queries and tools; the program's own reads and writes use the tables
(:mod:`tracu_desktop.db.values`, :mod:`tracu_desktop.db.aggregate`).

Timestamps are whole seconds of the local wall-clock time counted as if it were UTC,
so ``2023-11-21T08:15:00`` converts to an integer and back unchanged.
"""

from __future__ import annotations

import calendar
import sqlite3
from datetime import datetime, timedelta

from tracu_desktop.db.handle import Database

EMPTY_FIELD_ID = 0
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


def stamp_to_int(text: str) -> int:
    """``2023-11-21T08:15:00`` → seconds, the inverse of :func:`int_to_stamp`."""
    return calendar.timegm(datetime.fromisoformat(text).timetuple())


def int_to_stamp(seconds: int) -> str:
    return (datetime(1970, 1, 1) + timedelta(seconds=seconds)).strftime(TIME_FORMAT)


_VIEWS = f"""
CREATE VIEW data_values AS
SELECT p.code AS period, u.code AS unit,
       CASE v.field_id WHEN 0 THEN '' ELSE (SELECT code FROM fields WHERE id = v.field_id) END
           AS field,
       i.code AS indicator, v.value AS value,
       strftime('{TIME_FORMAT}', e.at, 'unixepoch') AS updated_at, s.name AS source
FROM figures v
JOIN periods p ON p.id = v.period_id
JOIN units u ON u.id = v.unit_id
JOIN indicators i ON i.id = v.indicator_id
JOIN edits e ON e.id = v.edit_id
JOIN sources s ON s.id = e.source_id;

CREATE TRIGGER data_values_update INSTEAD OF UPDATE OF value ON data_values
BEGIN
    UPDATE figures SET value = NEW.value
    WHERE period_id = (SELECT id FROM periods WHERE code = OLD.period)
      AND unit_id = (SELECT id FROM units WHERE code = OLD.unit)
      AND field_id = CASE OLD.field WHEN '' THEN 0
                     ELSE (SELECT id FROM fields WHERE code = OLD.field) END
      AND indicator_id = (SELECT id FROM indicators WHERE code = OLD.indicator);
END;

CREATE VIEW audit AS
SELECT h.edit_id AS id, p.code AS period, u.code AS unit,
       CASE h.field_id WHEN 0 THEN '' ELSE (SELECT code FROM fields WHERE id = h.field_id) END
           AS field,
       i.code AS indicator, h.old_value AS old_value, h.new_value AS new_value,
       strftime('{TIME_FORMAT}', e.at, 'unixepoch') AS changed_at, s.name AS source
FROM figure_history h
JOIN periods p ON p.id = h.period_id
JOIN units u ON u.id = h.unit_id
JOIN indicators i ON i.id = h.indicator_id
JOIN edits e ON e.id = h.edit_id
JOIN sources s ON s.id = e.source_id;
"""

_TABLES = """
CREATE TABLE units_new (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    kind TEXT NOT NULL,
    parent TEXT REFERENCES units(code),
    sort INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE fields_new (
    id INTEGER PRIMARY KEY CHECK (id > 0),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    sort INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (level, name)
);
CREATE TABLE periods_new (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    locked INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE edits (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id)
);
CREATE TABLE figures (
    period_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    field_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    value INTEGER NOT NULL CHECK (value >= 0),
    edit_id INTEGER NOT NULL,
    PRIMARY KEY (period_id, field_id, indicator_id, unit_id)
) WITHOUT ROWID;
CREATE TABLE figure_history (
    period_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    field_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    edit_id INTEGER NOT NULL,
    old_value INTEGER,
    new_value INTEGER,
    PRIMARY KEY (period_id, unit_id, field_id, indicator_id, edit_id)
) WITHOUT ROWID;
"""


def m004_compact(db: Database) -> None:
    """Move schema 3 (text keys) to schema 4 (integer keys) without losing a row.

    Runs inside the migration's transaction with foreign keys off
    (:func:`tracu_desktop.db.migrations.migrate`); a foreign-key check runs at the end.
    """
    conn = db.conn
    for statement in _split(_TABLES):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO units_new (code, name, level, kind, parent, sort, active) "
        "SELECT code, name, level, kind, parent, sort, active FROM units ORDER BY sort, code"
    )
    conn.execute(
        "INSERT INTO fields_new (code, name, level, sort, active) "
        "SELECT code, name, level, sort, active FROM fields ORDER BY level, sort, code"
    )
    conn.execute(
        'INSERT INTO periods_new (code, kind, year, idx, start, "end", name, locked, created_at) '
        'SELECT code, kind, year, idx, start, "end", name, locked, created_at FROM periods '
        "ORDER BY year, kind, idx"
    )
    _copy_figures(db)
    for statement in (
        "DROP TABLE data_values",
        "DROP TABLE audit",
        "DROP TABLE units",
        "DROP TABLE fields",
        "DROP TABLE periods",
        "ALTER TABLE units_new RENAME TO units",
        "ALTER TABLE fields_new RENAME TO fields",
        "ALTER TABLE periods_new RENAME TO periods",
    ):
        conn.execute(statement)
    for statement in _split(_VIEWS, trigger_aware=True):
        conn.execute(statement)
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")


def _split(script: str, trigger_aware: bool = False) -> list[str]:
    """Statements of a script (``executescript`` would commit the migration's transaction)."""
    if not trigger_aware:
        return [s.strip() for s in script.split(";") if s.strip()]
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite_complete(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    return out


def sqlite_complete(text: str) -> bool:
    return sqlite3.complete_statement(text)


_CHUNK = 50_000  # rows written at a time: memory stays flat whatever the file's size


def _copy_figures(db: Database) -> None:
    """Old ``data_values`` and ``audit`` rows into ``figures``, ``figure_history`` and ``edits``.

    Audit rows are read in id order; consecutive rows with the same time and source
    form one edit (one written batch), and a cell seen twice starts a new edit, so each
    cell's history keeps its order. Rows are written in chunks; the ``VACUUM`` after
    the migration lays the tables out in key order.
    """
    conn = db.conn
    ids = KeyMaps.load_from(conn, units="units_new", fields="fields_new", periods="periods_new")
    edit_of: dict[tuple[str, str], int] = {}  # (time, source) -> newest edit with them
    edit_id = 0
    current: tuple[str, str] | None = None
    cells: set[tuple[int, int, int, int]] = set()
    edit_rows: list[tuple[int, int, int]] = []
    history_rows: list[tuple] = []
    figure_rows: list[tuple] = []

    def flush() -> None:
        conn.executemany("INSERT INTO edits (id, at, source_id) VALUES (?,?,?)", edit_rows)
        conn.executemany(
            "INSERT INTO figure_history (period_id, unit_id, field_id, indicator_id, edit_id, "
            "old_value, new_value) VALUES (?,?,?,?,?,?,?)",
            history_rows,
        )
        conn.executemany(
            "INSERT INTO figures (period_id, unit_id, field_id, indicator_id, value, edit_id) "
            "VALUES (?,?,?,?,?,?)",
            figure_rows,
        )
        edit_rows.clear()
        history_rows.clear()
        figure_rows.clear()

    audit = conn.cursor()  # its own cursor: the inserts run on the connection meanwhile
    audit.execute(
        "SELECT period, unit, field, indicator, old_value, new_value, changed_at, source "
        "FROM audit ORDER BY id"
    )
    for period, unit, field, indicator, old, new, at, source in audit:
        key = (ids.period(period), ids.unit(unit), ids.field(field), ids.indicator(conn, indicator))
        if (at, source) != current or key in cells:
            edit_id += 1
            current = (at, source)
            cells = set()
            edit_rows.append((edit_id, stamp_to_int(at), ids.source(conn, source)))
            edit_of[current] = edit_id
        cells.add(key)
        history_rows.append((*key, edit_id, old, new))
        if len(history_rows) >= _CHUNK:
            flush()
    cells = set()
    values = conn.cursor()
    values.execute(
        "SELECT period, unit, field, indicator, value, updated_at, source FROM data_values"
    )
    for period, unit, field, indicator, value, at, source in values:
        edit = edit_of.get((at, source))
        if edit is None:  # a figure written without an audit row (never by this program)
            edit_id += 1
            edit = edit_of[(at, source)] = edit_id
            edit_rows.append((edit_id, stamp_to_int(at), ids.source(conn, source)))
        key = (ids.period(period), ids.unit(unit), ids.field(field), ids.indicator(conn, indicator))
        figure_rows.append((*key, value, edit))
        if len(figure_rows) >= _CHUNK:
            flush()
    flush()


class KeyMaps:
    """Code → id maps of the catalogs, with code tables grown on demand."""

    def __init__(
        self,
        periods: dict[str, int],
        units: dict[str, int],
        fields: dict[str, int],
        indicators: dict[str, int],
        sources: dict[str, int],
    ) -> None:
        self.periods = periods
        self.units = units
        self.fields = fields
        self.indicators = indicators
        self.sources = sources

    @classmethod
    def load_from(
        cls, conn, *, units: str = "units", fields: str = "fields", periods: str = "periods"
    ) -> KeyMaps:
        def codes(table: str, column: str = "code") -> dict[str, int]:
            return {c: i for i, c in conn.execute(f"SELECT id, {column} FROM {table}")}

        field_ids = codes(fields)
        field_ids[""] = EMPTY_FIELD_ID
        return cls(
            codes(periods), codes(units), field_ids, codes("indicators"), codes("sources", "name")
        )

    @classmethod
    def load(cls, db: Database) -> KeyMaps:
        return cls.load_from(db.conn)

    def period(self, code: str) -> int:
        try:
            return self.periods[code]
        except KeyError:
            raise UnknownKeyError("kỳ báo cáo", code) from None

    def unit(self, code: str) -> int:
        try:
            return self.units[code]
        except KeyError:
            raise UnknownKeyError("đơn vị", code) from None

    def field(self, code: str) -> int:
        try:
            return self.fields[code]
        except KeyError:
            raise UnknownKeyError("lĩnh vực", code) from None

    def indicator(self, conn, code: str) -> int:
        found = self.indicators.get(code)
        if found is None:
            found = conn.execute("INSERT INTO indicators (code) VALUES (?)", [code]).lastrowid
            self.indicators[code] = found
        return found

    def source(self, conn, name: str) -> int:
        found = self.sources.get(name)
        if found is None:
            found = conn.execute("INSERT INTO sources (name) VALUES (?)", [name]).lastrowid
            self.sources[name] = found
        return found

    def reverse(self) -> tuple[dict[int, str], dict[int, str], dict[int, str], dict[int, str]]:
        """id → code maps of periods, units, fields and indicators."""
        return (
            {v: k for k, v in self.periods.items()},
            {v: k for k, v in self.units.items()},
            {v: k for k, v in self.fields.items()},
            {v: k for k, v in self.indicators.items()},
        )


class UnknownKeyError(sqlite3.IntegrityError):
    """A figure names a period, unit or field the catalog does not have.

    An integrity error, as the foreign keys of schemas 1–3 raised.
    """

    def __init__(self, what: str, code: str) -> None:
        super().__init__(f"Không có {what} mã “{code}” trong danh mục.")
        self.what = what
        self.code = code
