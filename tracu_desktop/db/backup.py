"""Automatic rotating backups, integrity checks and restore of the database file.

Backups live in ``backups/`` beside the database, named
``<stem>-<kind>-<YYYYmmdd-HHMMSS-ffffff>.sqlite3``. Each kind keeps its own newest N
copies, so a burst of imports never pushes out the daily or pre-migration copies.
Copies are made with SQLite's online backup API (a consistent snapshot even while
the program has the file open in WAL mode), written under a temporary name and
renamed, so a crash never leaves a half-written file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracu_desktop.db.connection import DatabaseError

BACKUP_DIR = "backups"
KIND_START = "start"
KIND_MIGRATION = "before-migration"
KIND_IMPORT = "import"
KIND_DAILY = "daily"
KIND_MANUAL = "manual"
KIND_BEFORE_RESTORE = "before-restore"
KEEP: dict[str, int] = {
    KIND_START: 5,
    KIND_MIGRATION: 5,
    KIND_IMPORT: 10,
    KIND_DAILY: 14,
    KIND_MANUAL: 20,
    KIND_BEFORE_RESTORE: 5,
}
KIND_LABELS = {
    KIND_START: "khi mở chương trình",
    KIND_MIGRATION: "trước khi nâng cấp dữ liệu",
    KIND_IMPORT: "trước khi nhập số liệu",
    KIND_DAILY: "hằng ngày",
    KIND_MANUAL: "do người dùng tạo",
    KIND_BEFORE_RESTORE: "trước khi khôi phục",
}
QUICK_CHECK_ABOVE = 200 * 1024 * 1024  # bytes; integrity_check on big files takes long
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<kind>[a-z][a-z0-9-]*?)-(?P<stamp>\d{8}-\d{6}-\d{6})$")


class BackupError(DatabaseError):
    """A backup cannot be made or restored; the message is Vietnamese."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    created: datetime
    size: int

    @property
    def label(self) -> str:
        """``21/11/2023 08:15 — hằng ngày`` for lists shown to the clerk."""
        return f"{self.created:%d/%m/%Y %H:%M} — {KIND_LABELS.get(self.kind, self.kind)}"


@dataclass(frozen=True)
class IntegrityResult:
    ok: bool
    messages: tuple[str, ...]
    quick: bool = False

    def describe(self) -> str:
        if self.ok:
            return "Tệp dữ liệu nguyên vẹn."
        return "Tệp dữ liệu bị hỏng: " + "; ".join(self.messages[:5])


def backup_dir(db_path: Path | str) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def _parse(db_path: Path, file: Path) -> BackupInfo | None:
    prefix = f"{db_path.stem}-"
    if not file.name.startswith(prefix) or file.suffix != db_path.suffix:
        return None
    m = _NAME.match(file.name[len(prefix) : -len(file.suffix) or None])
    if not m:
        return None
    kind = m["kind"]
    if kind.startswith("before-v"):  # files made by earlier versions before migrations
        kind = KIND_MIGRATION
    try:
        created = datetime.strptime(m["stamp"], _STAMP)
        size = file.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(file, kind, created, size)


def list_backups(db_path: Path | str, kind: str | None = None) -> list[BackupInfo]:
    """Backups of this database, newest first."""
    p = Path(db_path)
    folder = backup_dir(p)
    if not folder.is_dir():
        return []
    found = [b for f in folder.iterdir() if f.is_file() and (b := _parse(p, f)) is not None]
    if kind is not None:
        found = [b for b in found if b.kind == kind]
    return sorted(found, key=lambda b: b.created, reverse=True)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_database(src: Path, target: Path) -> None:
    """Snapshot ``src`` into ``target`` through a temporary file and a rename."""
    tmp = target.with_name(f".{target.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        # Backups stay private (0600 on POSIX) like the database they copy.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        _fsync_file(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(f"Không tạo được bản sao lưu của {src}: {exc}.") from exc


def create_backup(db_path: Path | str, kind: str = KIND_MANUAL) -> Path:
    """Copy the database into ``backups/`` and drop the oldest copies of that kind."""
    p = Path(db_path)
    if not p.exists():
        raise BackupError(f"Không tìm thấy tệp dữ liệu {p}.")
    folder = backup_dir(p)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{p.stem}-{kind}-{datetime.now().strftime(_STAMP)}{p.suffix}"
    _copy_database(p, target)
    rotate(p, kind)
    return target


def rotate(db_path: Path | str, kind: str) -> list[Path]:
    """Delete all but the newest ``KEEP[kind]`` backups of ``kind``; returns the removed."""
    keep = KEEP.get(kind, 10)
    removed: list[Path] = []
    for old in list_backups(db_path, kind)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    # Temporary files of copies interrupted by a crash.
    folder = backup_dir(db_path)
    for tmp in folder.glob(f".{Path(db_path).stem}-*.tmp"):
        with contextlib.suppress(OSError):
            if datetime.now().timestamp() - tmp.stat().st_mtime > 60:
                tmp.unlink()
    return removed


def ensure_daily_backup(db_path: Path | str, today: date | None = None) -> Path | None:
    """Make today's daily backup unless there is one; returns the new file or None."""
    p = Path(db_path)
    if not p.exists():
        return None
    day = today or date.today()
    if any(b.created.date() == day for b in list_backups(p, KIND_DAILY)):
        return None
    return create_backup(p, KIND_DAILY)


def make_start_backups(db_path: Path | str) -> list[Path]:
    """The copies made each time the program opens the file: one per start, one per day."""
    made = [create_backup(db_path, KIND_START)]
    daily = ensure_daily_backup(db_path)
    if daily is not None:
        made.append(daily)
    return made


_background: list[threading.Thread] = []
_background_lock = threading.Lock()


def start_backups_in_background(
    db_path: Path | str, done: Callable[[list[Path], BackupError | None], None]
) -> threading.Thread:
    """Make the start backups on a thread while the window opens; ``done`` gets the result.

    On a file of a few hundred MB the copy takes seconds, which the clerk should not wait
    for. The copy runs on its own read-only connection with SQLite's online backup
    (which releases the GIL), so it is the file as opened even if editing starts.
    Restores wait for it (:func:`wait_for_background_backups`).
    """

    def work() -> None:
        made: list[Path] = []
        error: BackupError | None = None
        try:
            try:
                made = make_start_backups(db_path)
            except BackupError as exc:
                error = exc
            done(made, error)
        finally:
            with _background_lock:
                _background.remove(threading.current_thread())

    thread = threading.Thread(target=work, name="tracu-start-backup")
    with _background_lock:
        _background.append(thread)
    thread.start()
    return thread


def wait_for_background_backups(timeout: float | None = None) -> None:
    with _background_lock:
        running = list(_background)
    for thread in running:
        thread.join(timeout)


def check_integrity(path: Path | str, *, quick: bool | None = None) -> IntegrityResult:
    """Run ``PRAGMA integrity_check`` (``quick_check`` for big files) read-only."""
    p = Path(path)
    if quick is None:
        try:
            quick = p.stat().st_size > QUICK_CHECK_ABOVE
        except OSError:
            quick = False
    if not p.exists():
        return IntegrityResult(False, (f"không tìm thấy tệp {p}",), quick)
    pragma = "quick_check" if quick else "integrity_check"
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}").fetchall()]
            if rows == ["ok"]:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        from tracu_desktop.oserror_text import sqlite_error_reason

        return IntegrityResult(False, (sqlite_error_reason(exc),), quick)
    return IntegrityResult(rows == ["ok"], tuple(rows), quick)


def newest_good_backup(db_path: Path | str) -> BackupInfo | None:
    """The newest backup (of any kind) that passes the integrity check: the recovery candidate."""
    for b in list_backups(db_path):
        if check_integrity(b.path).ok:
            return b
    return None


def _checkpoint(path: Path) -> None:
    with contextlib.suppress(sqlite3.Error):
        con = sqlite3.connect(str(path))
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()


def _raw_copy(src: Path, target: Path) -> None:
    """Byte copy of a (possibly damaged) file and its WAL, kept for later rescue."""
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)
    wal = src.with_name(src.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))


def restore_backup(db_path: Path | str, backup: Path | str) -> Path | None:
    """Replace the database with ``backup`` after checking it; returns the safety copy.

    The current file is copied first (kind ``before-restore``; a byte copy when it is
    too damaged for SQLite to read), then the checked backup is copied beside the
    database and renamed over it, and the stale WAL/SHM files are removed. The caller
    must hold the database lock and have no connection open.
    """
    wait_for_background_backups()
    p = Path(db_path)
    src = Path(backup)
    if not src.is_file():
        raise BackupError(f"Không tìm thấy bản sao lưu {src}.")
    result = check_integrity(src)
    if not result.ok:
        raise BackupError(
            f"Bản sao lưu {src.name} bị hỏng, không thể khôi phục từ đó. {result.describe()}"
        )
    safety: Path | None = None
    if p.exists():
        if check_integrity(p).ok:
            _checkpoint(p)
            safety = create_backup(p, KIND_BEFORE_RESTORE)
        else:
            stamp = datetime.now().strftime(_STAMP)
            safety = backup_dir(p) / f"{p.stem}-{KIND_BEFORE_RESTORE}-{stamp}{p.suffix}"
            _raw_copy(p, safety)
            rotate(p, KIND_BEFORE_RESTORE)
    tmp = p.with_name(f".{p.name}.restore.tmp")
    _copy_database(src, tmp)
    try:
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                p.with_name(p.name + suffix).unlink()
        os.replace(tmp, p)
    except OSError as exc:  # Windows: another program still has the file open
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(
            f"Không thay được tệp dữ liệu {p}: tệp đang được chương trình khác mở ({exc.strerror or exc}). "
            "Hãy đóng mọi cửa sổ TraCu rồi thử lại; tệp hiện tại chưa bị thay đổi."
        ) from exc
    _fsync_dir(p.parent)
    return safety


def restore_in_place(db: Any, backup: Path | str) -> Path | None:
    """Restore ``backup`` into an open sqlite-utils database; returns the safety copy.

    For the GUI, whose pages keep the ``Database`` object: SQLite's backup API copies
    the checked backup into the live connection in one write transaction, so every
    holder of the connection sees the restored figures and a crash leaves the old
    or the new content, never a mix. Older backups are migrated afterwards.
    """
    from tracu_desktop.db.connection import migrate

    wait_for_background_backups()
    src = Path(backup)
    result = check_integrity(src)
    if not result.ok:
        raise BackupError(
            f"Bản sao lưu {src.name} bị hỏng, không thể khôi phục từ đó. {result.describe()}"
        )
    path = getattr(db, "path", None)
    safety = create_backup(path, KIND_BEFORE_RESTORE) if path is not None else None
    try:
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        try:
            source.backup(db.conn)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Không khôi phục được từ {src.name}: {exc}.") from exc
    migrate(db, path)
    return safety
