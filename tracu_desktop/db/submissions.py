"""When and how each unit's figures for a period arrived (typed, file, package, demo).

The completeness view reads the latest row per period and unit; every import records a
row with the file name and its SHA-256, typed entry records method ``typed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracu_desktop.db.handle import Database

METHODS = ("typed", "file", "package", "demo")


def m002_submissions(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            period TEXT NOT NULL,
            unit TEXT NOT NULL,
            received_at TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('typed', 'file', 'package', 'demo')),
            file_name TEXT,
            checksum TEXT,
            note TEXT
        );
        CREATE INDEX submissions_period_unit ON submissions (period, unit, received_at);
        """
    )


@dataclass(frozen=True)
class Submission:
    period: str
    unit: str
    received_at: datetime
    method: str
    file_name: str | None = None
    checksum: str | None = None
    note: str | None = None


def record_submission(
    db: Database,
    period: str,
    unit: str,
    method: str,
    *,
    file_name: str | None = None,
    checksum: str | None = None,
    note: str | None = None,
    received_at: datetime | None = None,
) -> Submission:
    """Append one arrival; call inside the transaction that stored the figures."""
    if method not in METHODS:
        raise ValueError(f"unknown submission method {method!r}")
    at = (received_at or datetime.now()).replace(microsecond=0)
    with db.atomic():
        db.execute(
            "INSERT INTO submissions (period, unit, received_at, method, file_name, checksum, note) "
            "VALUES (?,?,?,?,?,?,?)",
            [period, unit, at.isoformat(), method, file_name, checksum, note],
        )
    return Submission(period, unit, at, method, file_name, checksum, note)


def record_typed(db: Database, period: str, unit: str, note: str | None = None) -> Submission:
    """For the entry grid: the clerk typed (or corrected) this unit's figures."""
    return record_submission(db, period, unit, "typed", note=note)


def note_typed_arrival(db: Database, period: str, units: set[str]) -> list[str]:
    """Record a typed arrival for the units that have none yet in the period.

    The first time a clerk types a unit's figures is when they arrived (on paper or by
    phone); later corrections do not move the arrival date. Returns the units recorded.
    """
    if not units:
        return []
    marks = ",".join("?" * len(units))
    known = {
        r[0]
        for r in db.execute(
            f"SELECT DISTINCT unit FROM submissions WHERE period = ? AND unit IN ({marks})",
            [period, *sorted(units)],
        ).fetchall()
    }
    recorded = sorted(units - known)
    with db.atomic():
        for unit in recorded:
            record_typed(db, period, unit)
    return recorded


def submissions_of(db: Database, period: str, unit: str | None = None) -> list[Submission]:
    """Every recorded arrival of a period (optionally one unit), oldest first."""
    sql = (
        "SELECT period, unit, received_at, method, file_name, checksum, note FROM submissions "
        "WHERE period = ?"
    )
    args: list[object] = [period]
    if unit is not None:
        sql += " AND unit = ?"
        args.append(unit)
    rows = db.execute(sql + " ORDER BY received_at, id", args).fetchall()
    return [
        Submission(p, u, datetime.fromisoformat(at), m, f, c, n) for p, u, at, m, f, c, n in rows
    ]


def latest_submissions(db: Database, period: str) -> dict[str, Submission]:
    """The latest arrival per unit, as the completeness view counts it."""
    out: dict[str, Submission] = {}
    for s in submissions_of(db, period):
        out[s.unit] = s
    return out
