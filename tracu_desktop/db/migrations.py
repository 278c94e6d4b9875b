"""Versioned schema. Append a function to :data:`MIGRATIONS`; never edit a released one.

The schema version is ``PRAGMA user_version``. Each migration runs in its own
transaction; the file is copied aside before the first pending migration runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracu_desktop.db.compact import m004_compact
from tracu_desktop.db.errors import DatabaseError
from tracu_desktop.db.handle import Database
from tracu_desktop.db.report_texts import m_report_texts
from tracu_desktop.db.submissions import m002_submissions

Migration = Callable[[Database], None]


def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE units (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
            kind TEXT NOT NULL,
            parent TEXT REFERENCES units(code),
            sort INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE fields (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
            sort INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            UNIQUE (level, name)
        );
        CREATE TABLE periods (
            code TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            year INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            start TEXT NOT NULL,
            "end" TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            locked INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE data_values (
            period TEXT NOT NULL REFERENCES periods(code),
            unit TEXT NOT NULL REFERENCES units(code),
            field TEXT NOT NULL DEFAULT '',
            indicator TEXT NOT NULL,
            value INTEGER NOT NULL CHECK (value >= 0),
            updated_at TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (period, unit, field, indicator)
        ) WITHOUT ROWID;
        -- Covering index: per-period sums by field stream in order without a sort.
        CREATE INDEX data_values_by_field ON data_values (period, field, indicator, unit, value);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            period TEXT NOT NULL,
            unit TEXT NOT NULL,
            field TEXT NOT NULL,
            indicator TEXT NOT NULL,
            old_value INTEGER,
            new_value INTEGER,
            changed_at TEXT NOT NULL,
            source TEXT NOT NULL
        );
        CREATE INDEX audit_cell ON audit (period, unit, field, indicator);
        CREATE TABLE period_log (
            id INTEGER PRIMARY KEY,
            period TEXT NOT NULL,
            action TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        );
        """
    )


def m005_unit_lineage(db: Database) -> None:
    """Units start, end and merge on dates (two-tier government from 1/7/2025)."""
    # one statement at a time: executescript would commit the migration's transaction
    db.execute("ALTER TABLE units ADD COLUMN valid_from TEXT")
    db.execute("ALTER TABLE units ADD COLUMN valid_to TEXT")
    db.execute(
        "CREATE TABLE unit_successors ("
        " unit TEXT NOT NULL REFERENCES units(code) ON DELETE CASCADE,"
        " successor TEXT NOT NULL REFERENCES units(code),"
        " PRIMARY KEY (unit, successor)) WITHOUT ROWID"
    )


MIGRATIONS: list[Migration] = [m001_initial]
MIGRATIONS.append(m_report_texts)  # report texts and metadata per period
MIGRATIONS.append(m002_submissions)  # arrivals of unit figures (collecting)
MIGRATIONS.append(m004_compact)  # integer keys, figures/figure_history/edits, views
MIGRATIONS.append(m005_unit_lineage)  # units' validity dates and successors
COMPACT_SCHEMA = 4  # integer keys (db/compact.py); the file is vacuumed after moving to it
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    db: Database, path: Path | None = None, before: Callable[[], None] | None = None
) -> int:
    """Apply pending migrations; returns how many ran.

    ``before`` runs first when an existing file is about to change (the opener passes a
    backup), so a failed migration can be undone from the copy."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise DatabaseError(
            f"Tệp dữ liệu {path or ''} được tạo bởi phiên bản mới hơn của chương trình "
            f"(lược đồ {current} > {SCHEMA_VERSION}). Hãy cập nhật chương trình."
        )
    if current == SCHEMA_VERSION:
        return 0
    if before is not None and current > 0:
        before()
    # Rebuilding a table (schema 4) drops the old one: foreign keys are checked by the
    # migration itself (PRAGMA foreign_key_check) instead of on every statement.
    foreign_keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        for number in range(current, SCHEMA_VERSION):
            with db.atomic():
                MIGRATIONS[number](db)
                db.execute(f"PRAGMA user_version = {number + 1}")
    finally:
        db.execute(f"PRAGMA foreign_keys={int(foreign_keys)}")
    if 0 < current < COMPACT_SCHEMA <= SCHEMA_VERSION:
        # The text-keyed tables just dropped leave their pages free: give them back.
        db.conn.execute("VACUUM")
    return SCHEMA_VERSION - current
