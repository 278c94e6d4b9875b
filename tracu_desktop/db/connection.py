"""Opening the database file: pragmas, migrations with a backup first, default location."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import platformdirs

from tracu_desktop import APP_NAME
from tracu_desktop.db.backup import KIND_MIGRATION, create_backup
from tracu_desktop.db.errors import DatabaseError
from tracu_desktop.db.handle import Database
from tracu_desktop.db.migrations import migrate

DB_FILENAME = "tracu.sqlite3"
ENV_DB = "TRACU_DB"


def data_dir() -> Path:
    """Per-user data folder (``%LOCALAPPDATA%\\tracu-desktop`` on Windows)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    env = os.environ.get(ENV_DB)
    return Path(env) if env else data_dir() / DB_FILENAME


def _backup_before_migration(db: Database, path: Path) -> None:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    create_backup(path, KIND_MIGRATION)


def _create_private(path: Path) -> None:
    """Create the empty database file readable by its owner only (0600 on POSIX): it
    holds the office's figures; SQLite gives its -wal/-shm files the same mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def open_database(path: Path | str | None = None, *, create: bool = True) -> Database:
    """Open (and if needed create and migrate) the database at ``path``.

    ``path=":memory:"`` gives a throwaway in-memory database for tests.
    """
    if path == ":memory:":
        db = Database(sqlite3.connect(":memory:"))
        file_path = None
    else:
        file_path = Path(path) if path is not None else default_db_path()
        if not file_path.exists():
            if not create:
                raise DatabaseError(f"Không tìm thấy tệp dữ liệu {file_path}.")
            file_path.parent.mkdir(parents=True, exist_ok=True)
            _create_private(file_path)
        try:
            db = Database(sqlite3.connect(str(file_path)), file_path)
            db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            from tracu_desktop.infra.oserror_text import sqlite_error_reason

            raise DatabaseError(
                f"Không mở được tệp dữ liệu {file_path}: tệp bị hỏng hoặc không phải cơ sở dữ liệu "
                f"({sqlite_error_reason(exc)})."
            ) from None
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("PRAGMA cache_size=-32000")  # 32 MB page cache: bulk imports touch several b-trees
    try:
        backup_first = (lambda: _backup_before_migration(db, file_path)) if file_path else None
        migrate(db, file_path, before=backup_first)
    except sqlite3.DatabaseError as exc:
        from tracu_desktop.infra.oserror_text import sqlite_error_reason

        raise DatabaseError(
            f"Không nâng cấp được tệp dữ liệu {file_path}: {sqlite_error_reason(exc)}."
        ) from None
    return db
