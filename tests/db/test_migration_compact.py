"""Schema 3 → 4: every figure, audit row, setting and text survives the move."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from tests.db.legacy_schema_v3 import build_v3_database
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.aggregate import period_totals
from tracu_desktop.db.backup import KIND_MIGRATION, list_backups, open_backup_copy
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.migrations import SCHEMA_VERSION, schema_version
from tracu_desktop.db.periods import is_locked
from tracu_desktop.db.values import history

TEXT_TABLES = {
    "settings": "SELECT * FROM settings ORDER BY key",
    "units": "SELECT code, name, level, kind, parent, sort, active FROM units ORDER BY code",
    "fields": "SELECT code, name, level, sort, active FROM fields ORDER BY code",
    "periods": 'SELECT code, kind, year, idx, start, "end", name, locked, created_at FROM periods '
    "ORDER BY code",
    "period_log": "SELECT * FROM period_log ORDER BY id",
    "report_texts": "SELECT * FROM report_texts ORDER BY period, key",
    "submissions": "SELECT * FROM submissions ORDER BY id",
    "data_values": "SELECT * FROM data_values ORDER BY period, unit, field, indicator",
}


def _snapshot(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    snap = {name: con.execute(sql).fetchall() for name, sql in TEXT_TABLES.items()}
    rows = con.execute(
        "SELECT period, unit, field, indicator, old_value, new_value, changed_at, source "
        "FROM audit ORDER BY id"
    ).fetchall()
    snap["audit"] = sorted(rows, key=repr)
    per_cell: dict[tuple, list[tuple]] = defaultdict(list)
    for row in rows:
        per_cell[row[:4]].append(row[4:])
    snap["audit_order"] = sorted(per_cell.items())
    return snap


def test_v3_database_migrates_without_losing_anything(tmp_path):
    path = tmp_path / "tracu.sqlite3"
    build_v3_database(path)
    con = sqlite3.connect(path)
    before = _snapshot(con)
    old_2023 = dict(
        con.execute(
            "SELECT indicator, SUM(value) FROM data_values WHERE period='2023' GROUP BY indicator"
        ).fetchall()
    )
    con.close()
    assert len(before["data_values"]) > 3000 and len(before["audit"]) > 3000
    old_size = path.stat().st_size

    db = open_database(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert path.stat().st_size < old_size / 2, "the file shrinks (vacuumed after the move)"
    assert schema_version(db) == SCHEMA_VERSION
    after = _snapshot(db.conn)
    for name in before:
        assert after[name] == before[name], name
    # The program's own reads see the same figures and history.
    totals = period_totals(db, "2023")
    assert {k: totals[k] for k in old_2023} == old_2023
    assert is_locked(db, "2024-Q1")
    [unit] = [r[1] for r in after["data_values"] if r[0] == "2024-Q1" and r[2] == ""]
    cell = ValueKey("2024-Q1", unit, "X_HO_TICH", "received_online")
    assert [(h.old_value, h.new_value, h.changed_at, h.source) for h in history(db, cell)] == [
        (12, 13, "2024-04-03T11:00:00", "import:q1-sửa.xlsx"),
        (11, 12, "2024-04-02T10:05:00", "typed"),
        (10, 11, "2024-04-02T10:05:00", "typed"),
        (None, 10, "2024-04-02T10:00:00", "import:q1.csv"),
    ]
    # The old tables and their covering index are gone.
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert "data_values_by_field" not in names and "audit_cell" not in names
    db.close()

    # The file as it was is kept in a before-migration backup.
    [backup] = list_backups(path, KIND_MIGRATION)
    with open_backup_copy(backup.path) as copy:
        old = sqlite3.connect(copy)
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3
        assert _snapshot(old) == before
        old.close()


def test_typed_edits_after_migration_extend_the_migrated_history(tmp_path):
    path = tmp_path / "tracu.sqlite3"
    build_v3_database(path)
    db = open_database(path)
    unit = db.execute("SELECT unit FROM data_values WHERE period='2023' LIMIT 1").fetchone()[0]
    from tracu_desktop.db.values import set_value

    key_row = db.execute(
        "SELECT field, indicator, value FROM data_values WHERE period='2023' AND unit=? LIMIT 1",
        [unit],
    ).fetchone()
    key = ValueKey("2023", unit, key_row[0], key_row[1])
    assert set_value(db, key, key_row[2] + 5)
    entries = history(db, key)
    assert (entries[0].old_value, entries[0].new_value, entries[0].source) == (
        key_row[2],
        key_row[2] + 5,
        "typed",
    )
    assert entries[-1].source == "demo" and entries[-1].changed_at == "2024-01-05T09:00:00"
    db.close()
