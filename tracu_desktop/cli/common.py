"""Shared plumbing of the command modules: context, errors, output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracu_desktop.db.handle import Database

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure: message printed in Vietnamese, exit code 2 by default."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


@dataclass
class Context:
    """Per-command state. ``writes``: the command changes the database, so it takes the
    database lock (refused while a TraCu window has the file open), checks the file and
    makes the daily backup before opening it."""

    db_path: Path | None
    writes: bool = False
    _db: Database | None = field(default=None, repr=False)
    _lock: Any = field(default=None, repr=False)

    def resolved_path(self) -> Path:
        from tracu_desktop.db.connection import default_db_path

        return Path(self.db_path) if self.db_path is not None else default_db_path()

    def lock(self) -> None:
        """Take the database lock for the rest of the command (``DatabaseInUseError``)."""
        if self._lock is None:
            from tracu_desktop.db.lock import DatabaseLock

            self._lock = DatabaseLock(self.resolved_path()).acquire()

    def db(self) -> Database:
        if self._db is None:
            from tracu_desktop.db.connection import open_database

            path = self.resolved_path()
            if self.writes:
                self.lock()
                _check_before_writing(path)
            self._db = open_database(path)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _check_before_writing(path: Path) -> None:
    """Refuse to write into a damaged file; keep a daily copy of a healthy one."""
    if not path.exists():
        return
    from tracu_desktop.db.backup import check_integrity, ensure_daily_backup, newest_good_backup
    from tracu_desktop.db.startup import recovery_message

    result = check_integrity(path, quick=True)
    if not result.ok:
        raise CliError(
            recovery_message(path, result, newest_good_backup(path))
            + " Khôi phục bằng lệnh: tracu-desktop backup restore"
        )
    ensure_daily_backup(path)


Handler = Callable[[argparse.Namespace, Context], int]


def add_command(
    sub: argparse._SubParsersAction, name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


def out(text: str = "") -> None:
    print(text)


def err(text: str) -> None:
    print(text, file=sys.stderr)
