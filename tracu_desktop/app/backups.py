"""Backups of the database file: make one now, list them, choose one and restore it.

Restoring replaces the file, so it runs only while no window or command has it open
(the caller holds the database lock); the window restores into its open connection
with :func:`tracu_desktop.db.backup.restore_in_place` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.db.backup import BackupContents, BackupError, BackupInfo
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report


class BackupNotFound(BackupError):
    """No backup of that name, neither as a path nor in the backup folder."""

    def __init__(self, name: Path):
        super().__init__(f"Không tìm thấy bản sao lưu {name}.")
        self.name = name


@dataclass
class BackupResult:
    path: Path | None  # None: nothing changed since the newest backup


@dataclass
class BackupList:
    folder: Path
    backups: list[BackupInfo] = field(default_factory=list)
    budget: int = 0  # bytes the folder may hold

    @property
    def total(self) -> int:
        return sum(b.size for b in self.backups)


@dataclass
class BackupChoice:
    source: Path
    contents: BackupContents


@dataclass
class RestoreResult:
    source: Path
    safety: Path | None  # the replaced file, kept as a "before restore" backup


def make_backup(
    db_path: Path,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> BackupResult:
    """A manual backup now (compressed, checked, rotated within the folder's budget)."""
    from tracu_desktop.db.backup import KIND_MANUAL, create_backup

    check(is_cancelled)
    report(progress, 0, 1)
    made = create_backup(Path(db_path), KIND_MANUAL)
    report(progress, 1, 1)
    return BackupResult(made)


def list_backups(db_path: Path) -> BackupList:
    from tracu_desktop.db.backup import backup_budget, backup_dir
    from tracu_desktop.db.backup import list_backups as found

    backups = found(Path(db_path))
    return BackupList(backup_dir(Path(db_path)), backups, backup_budget(db_path, backups))


def choose_backup(db_path: Path, name: Path | None = None) -> BackupChoice:
    """The backup ``name`` (a path, or a name in the backup folder), else the newest
    intact one; ``BackupError`` (Vietnamese) when there is none or it is damaged."""
    from tracu_desktop.db.backup import backup_dir, inspect_backup, newest_good_backup

    if name is not None:
        for candidate in (Path(name), backup_dir(Path(db_path)) / Path(name).name):
            if candidate.is_file():
                return BackupChoice(candidate, inspect_backup(candidate))
        raise BackupNotFound(Path(name))
    best = newest_good_backup(Path(db_path))
    if best is None or best.contents is None:
        raise BackupError(
            "Không có bản sao lưu nguyên vẹn nào để khôi phục "
            "(bản “trước khi khôi phục” chỉ được dùng khi chỉ rõ tên tệp)."
        )
    return BackupChoice(best.path, best.contents)


def restore(
    db_path: Path,
    source: Path,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> RestoreResult:
    """Replace the file with ``source`` (checked first); the replaced file is kept."""
    from tracu_desktop.db.backup import check_integrity, restore_backup

    check(is_cancelled)
    report(progress, 0, 1)
    safety = restore_backup(Path(db_path), source)
    result = check_integrity(Path(db_path))
    if not result.ok:  # pragma: no cover - restore_backup checked the source already
        raise BackupError(result.describe())
    report(progress, 1, 1)
    return RestoreResult(source, safety)
