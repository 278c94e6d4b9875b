"""“Thu gọn dữ liệu”: rebuild the database file without its free pages, after a backup.

Deleting figures, migrations and reopened periods leave free pages that SQLite reuses
but never returns to the disk. ``VACUUM`` rewrites the file compactly; a backup is made
first (skipped when the newest backup already holds the same content) so a failure
on the way loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracu_desktop.db.handle import Database


@dataclass(frozen=True)
class CompactResult:
    size_before: int  # bytes of the database and its WAL file
    size_after: int
    backup: Path | None  # the copy made first (None: an identical copy existed)

    @property
    def freed(self) -> int:
        return max(0, self.size_before - self.size_after)

    def describe(self) -> str:
        """``Đã thu gọn dữ liệu: 12,4 MB → 8,1 MB, giải phóng 4,3 MB.``"""
        return (
            f"Đã thu gọn dữ liệu: {_mb(self.size_before)} → {_mb(self.size_after)}, "
            f"giải phóng {_mb(self.freed)}."
        )


def _mb(n: int) -> str:
    from tracu_desktop.core.vnformat import format_decimal_vi

    return f"{format_decimal_vi(n / 1024 / 1024, 1)} MB"


def _file_size(path: Path) -> int:
    total = 0
    for candidate in (path, path.with_name(path.name + "-wal")):
        if candidate.exists():
            total += candidate.stat().st_size
    return total


def compact_database(db: Database) -> CompactResult:
    """Back up, ``VACUUM`` and checkpoint the open database; returns the space freed."""
    from tracu_desktop.db.backup import (
        KIND_BEFORE_COMPACT,
        create_backup,
        wait_for_background_backups,
    )

    if db.path is None:
        db.conn.execute("VACUUM")
        return CompactResult(0, 0, None)
    wait_for_background_backups()
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _file_size(db.path)
    backup = create_backup(db.path, KIND_BEFORE_COMPACT)
    db.conn.execute("VACUUM")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return CompactResult(before, _file_size(db.path), backup)
