"""A database as schema 3 (text keys, releases before the compact schema) wrote it.

Frozen copies of that schema's DDL and of its figure writer, so the migration test does
not depend on the code it tests. Never update this file to follow the program.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tracu_desktop.core.demo_data import (
    DEMO_END,
    DEMO_PERIOD,
    DEMO_START,
    HISTORY,
    build_demo_values,
)
from tracu_desktop.core.models import UnitKind
from tracu_desktop.core.periods import default_period
from tracu_desktop.core.preset import load_preset

SCHEMA_V3 = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units (
    code TEXT PRIMARY KEY, name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    kind TEXT NOT NULL, parent TEXT REFERENCES units(code),
    sort INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE fields (
    code TEXT PRIMARY KEY, name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    sort INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (level, name)
);
CREATE TABLE periods (
    code TEXT PRIMARY KEY, kind TEXT NOT NULL, year INTEGER NOT NULL, idx INTEGER NOT NULL,
    start TEXT NOT NULL, "end" TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
    locked INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
);
CREATE TABLE data_values (
    period TEXT NOT NULL REFERENCES periods(code), unit TEXT NOT NULL REFERENCES units(code),
    field TEXT NOT NULL DEFAULT '', indicator TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value >= 0), updated_at TEXT NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (period, unit, field, indicator)
) WITHOUT ROWID;
CREATE INDEX data_values_by_field ON data_values (period, field, indicator, unit, value);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY, period TEXT NOT NULL, unit TEXT NOT NULL, field TEXT NOT NULL,
    indicator TEXT NOT NULL, old_value INTEGER, new_value INTEGER,
    changed_at TEXT NOT NULL, source TEXT NOT NULL
);
CREATE INDEX audit_cell ON audit (period, unit, field, indicator);
CREATE TABLE period_log (
    id INTEGER PRIMARY KEY, period TEXT NOT NULL, action TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '', at TEXT NOT NULL
);
CREATE TABLE report_texts (
    period TEXT NOT NULL REFERENCES periods(code), key TEXT NOT NULL, text TEXT NOT NULL,
    updated_at TEXT NOT NULL, PRIMARY KEY (period, key)
) WITHOUT ROWID;
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY, period TEXT NOT NULL, unit TEXT NOT NULL, received_at TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('typed', 'file', 'package', 'demo')),
    file_name TEXT, checksum TEXT, note TEXT
);
CREATE INDEX submissions_period_unit ON submissions (period, unit, received_at);
PRAGMA user_version = 3;
"""


def write_v3(con: sqlite3.Connection, period: str, values: dict, at: str, source: str) -> None:
    """Schema 3's writer: upsert or delete each changed figure, one audit row per change."""
    for (unit, field, indicator), new in values.items():
        row = con.execute(
            "SELECT value FROM data_values WHERE period=? AND unit=? AND field=? AND indicator=?",
            [period, unit, field, indicator],
        ).fetchone()
        old = row[0] if row else None
        if old == new:
            continue
        if new is None:
            con.execute(
                "DELETE FROM data_values WHERE period=? AND unit=? AND field=? AND indicator=?",
                [period, unit, field, indicator],
            )
        else:
            con.execute(
                "INSERT INTO data_values VALUES (?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET "
                "value=excluded.value, updated_at=excluded.updated_at, source=excluded.source",
                [period, unit, field, indicator, new, at, source],
            )
        con.execute(
            "INSERT INTO audit (period, unit, field, indicator, old_value, new_value, changed_at, "
            "source) VALUES (?,?,?,?,?,?,?,?)",
            [period, unit, field, indicator, old, new, at, source],
        )


def _add_period(con: sqlite3.Connection, code: str, start=None, end=None) -> None:
    p = default_period(code)
    con.execute(
        'INSERT INTO periods (code, kind, year, idx, start, "end", name, created_at) '
        "VALUES (?,?,?,?,?,?,?,?)",
        [
            p.code, str(p.kind), p.year, p.index, (start or p.start).isoformat(),
            (end or p.end).isoformat(), "", "2024-01-02T08:00:00",
        ],
    )  # fmt: skip


def build_v3_database(path: Path) -> None:
    """The demo, plus a quarter with typed edits, two imports, a lock and report texts."""
    preset = load_preset("tra-cu")
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V3)
    with con:
        settings = {
            "organisation": preset.organisation.to_dict(),
            "deadlines": preset.deadlines,
            "preset": preset.name,
            "deadline.2023": "2023-11-16",
        }
        for key, value in settings.items():
            con.execute(
                "INSERT INTO settings VALUES (?, ?)", [key, json.dumps(value, ensure_ascii=False)]
            )
        pending = list(preset.units)
        done: set[str] = set()
        while pending:
            for u in list(pending):
                if u.parent is None or u.parent in done:
                    con.execute(
                        "INSERT INTO units VALUES (?,?,?,?,?,?,?)",
                        [
                            u.code,
                            u.name,
                            str(u.level),
                            str(u.kind),
                            u.parent,
                            u.sort,
                            int(u.active),
                        ],
                    )
                    done.add(u.code)
                    pending.remove(u)
        for f in preset.fields:
            con.execute(
                "INSERT INTO fields VALUES (?,?,?,?,?)",
                [f.code, f.name, str(f.level), f.sort, int(f.active)],
            )
        communes = [u.code for u in preset.units if u.kind is UnitKind.COMMUNE]
        for year in [*sorted(HISTORY), int(DEMO_PERIOD)]:
            code = str(year)
            if code == DEMO_PERIOD:
                _add_period(con, code, DEMO_START, DEMO_END)
            else:
                _add_period(con, code)
            write_v3(
                con, code, build_demo_values(communes, year), f"{year + 1}-01-05T09:00:00", "demo"
            )
        con.execute(
            "INSERT INTO submissions (period, unit, received_at, method, file_name, checksum, note) "
            "VALUES ('2023', ?, '2023-11-12T08:30:00', 'demo', 'x.xlsx', NULL, 'Dữ liệu mẫu')",
            [communes[0]],
        )
        # A quarter: an import, typed corrections (one cell twice in the same second),
        # a deletion, a second import, then locked with a log entry and report texts.
        _add_period(con, "2024-Q1")
        base = {(c, "X_HO_TICH", "received_online"): 10 + i for i, c in enumerate(communes)}
        base[(communes[0], "", "digitized_records")] = 7
        write_v3(con, "2024-Q1", base, "2024-04-02T10:00:00", "import:q1.csv")
        cell = (communes[0], "X_HO_TICH", "received_online")
        write_v3(con, "2024-Q1", {cell: 11}, "2024-04-02T10:05:00", "typed")
        write_v3(con, "2024-Q1", {cell: 12}, "2024-04-02T10:05:00", "typed")
        write_v3(
            con,
            "2024-Q1",
            {(communes[1], "X_HO_TICH", "received_online"): None},
            "2024-04-02T10:06:00",
            "typed",
        )
        write_v3(
            con,
            "2024-Q1",
            {cell: 13, (communes[2], "X_HO_TICH", "received_online"): 99},
            "2024-04-03T11:00:00",
            "import:q1-sửa.xlsx",
        )
        con.execute("UPDATE periods SET locked = 1 WHERE code = '2024-Q1'")
        con.execute(
            "INSERT INTO period_log (period, action, reason, at) VALUES "
            "('2024-Q1', 'lock', '', '2024-04-04T08:00:00')"
        )
        for key, text in {
            "intro": "Quý I năm 2024, công tác kiểm soát TTHC…",
            "meta.so": "12/BC-UBND",
        }.items():
            con.execute(
                "INSERT INTO report_texts VALUES ('2024-Q1', ?, ?, '2024-04-05T15:00:00')",
                [key, text],
            )
    con.close()
