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
    makes the daily backup before opening it. ``creates``: the command may make a new
    database (``demo``, ``init``); every other command refuses a missing file instead of
    leaving an empty one behind."""

    db_path: Path | None
    writes: bool = False
    creates: bool = False
    _db: Database | None = field(default=None, repr=False)
    _lock: Any = field(default=None, repr=False)
    _created: list[Path] = field(default_factory=list, repr=False)

    def resolved_path(self) -> Path:
        from tracu_desktop.db.connection import default_db_path

        return Path(self.db_path) if self.db_path is not None else default_db_path()

    def lock(self) -> None:
        """Take the database lock for the rest of the command (``DatabaseInUseError``)."""
        if self._lock is None:
            from tracu_desktop.db.lock import DatabaseLock

            path = self.resolved_path()
            if not path.exists() and not self._created:
                self._remember_new(path)  # e.g. ``backup restore`` into a missing file
            self._lock = DatabaseLock(path).acquire()

    def db(self) -> Database:
        if self._db is None:
            from tracu_desktop.db.connection import open_database

            path = self.resolved_path()
            if path.is_dir():
                raise CliError(f"{path} là một thư mục, không phải tệp dữ liệu (--db TỆP).")
            if not path.exists():
                if not self.creates:
                    raise CliError(no_database_message(path, self.db_path is not None))
                self._remember_new(path)
            if self.writes:
                self.lock()
                _check_before_writing(path)
            self._db = open_database(path, create=self.creates)
        return self._db

    def _remember_new(self, path: Path) -> None:
        """Note the file and the folders this command is about to create, so that a
        failed command can take them away again."""
        from tracu_desktop.db.lock import lock_path

        self._created = [lock_path(path), path]
        self._created += [Path(f"{path}{ext}") for ext in ("-wal", "-shm", "-journal")]
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            self._created.append(folder)
            folder = folder.parent

    def close(self, failed: bool = False) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if failed:
            self._remove_created()

    def _remove_created(self) -> None:
        import contextlib

        for item in self._created:  # files first, then folders from the deepest up
            with contextlib.suppress(OSError):
                if item.is_dir():
                    item.rmdir()
                elif item.exists():
                    item.unlink()
        self._created = []


def no_database_message(path: Path, explicit: bool) -> str:
    """There is no database yet: say so and how to make one."""
    db = f" --db {path}" if explicit else ""
    return (
        f"Chưa có tệp dữ liệu {path}. Hãy tạo dữ liệu mẫu bằng lệnh: tracu-desktop{db} demo, "
        f"hoặc khởi tạo dữ liệu của đơn vị bằng lệnh: tracu-desktop{db} init."
    )


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


def period_errors_block(db: Database, period: str, force: bool, what: str) -> bool:
    """Validate ``period`` before writing ``what`` (e.g. "xuất biểu"): list the issues
    (errors on stderr, warnings on stdout) and return True when errors block the output.

    ``export``, ``report`` and ``package`` all go through here, so they refuse the same
    period in the same words unless ``--force``.
    """
    from tracu_desktop.app.validation import validate_period

    checked = validate_period(db, period)
    errors = checked.errors
    for i in checked.issues:
        (err if i.is_error else out)(f"{i.severity.label}: {i.message}")
    if errors and not force:
        err(
            f"Kỳ {checked.label} còn {len(errors)} lỗi: chưa {what}. Sửa lỗi rồi làm lại, "
            f"hoặc dùng --force để vẫn {what}."
        )
        return True
    if errors:
        out(f"Cảnh báo: vẫn {what} dù kỳ còn {len(errors)} lỗi (--force).")
    return False


def resolve_unit(db: Database, text: str) -> str:
    """A unit's code from its code or its name (as ``import`` and the CSV accept);
    unknown text is returned unchanged for the caller's own message."""
    from tracu_desktop.core.textnorm import match_key
    from tracu_desktop.db.catalog import unit_map

    units = unit_map(db)
    if text in units:
        return text
    key = match_key(text)
    hits = {u.code for u in units.values() if key in (match_key(u.code), match_key(u.name))}
    return hits.pop() if len(hits) == 1 else text
