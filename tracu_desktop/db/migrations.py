"""Versioned schema. Append a function to :data:`MIGRATIONS`; never edit a released one.

The schema version is ``PRAGMA user_version``. Each migration runs in its own
transaction; the file is copied aside before the first pending migration runs.
"""

from __future__ import annotations

from collections.abc import Callable

from tracu_desktop.db.compact import m004_compact
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


MIGRATIONS: list[Migration] = [m001_initial]
MIGRATIONS.append(m_report_texts)  # report texts and metadata per period
MIGRATIONS.append(m002_submissions)  # arrivals of unit figures (collecting)
MIGRATIONS.append(m004_compact)  # integer keys, figures/figure_history/edits, views
COMPACT_SCHEMA = 4  # integer keys (db/compact.py); the file is vacuumed after moving to it
SCHEMA_VERSION = len(MIGRATIONS)
