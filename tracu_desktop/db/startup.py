"""What the program does with its database before showing anything: lock, check, back up.

The GUI calls :func:`prepare_database` once at start, without the start backups, which
it makes on a thread (:func:`~tracu_desktop.db.backup.start_backups_in_background`)
while the window opens. It refuses a second instance on the same file, runs the
integrity check and, when the file is damaged, offers the newest backup that passes
the check (:func:`recover`) instead of opening it.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracu_desktop.db.backup import (
    BackupInfo,
    IntegrityResult,
    backup_dir,
    check_integrity,
    file_state,
    make_start_backups,
    newest_good_backup,
    restore_backup,
)
from tracu_desktop.db.connection import default_db_path
from tracu_desktop.db.lock import DatabaseLock


@dataclass
class StartupCheck:
    db_path: Path
    lock: DatabaseLock
    integrity: IntegrityResult | None  # None: the file does not exist yet
    candidate: BackupInfo | None = None  # newest good backup when the file is damaged
    backups_made: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.integrity is None or self.integrity.ok

    def message(self) -> str:
        """Vietnamese guidance for the clerk when the file is damaged ('' when fine)."""
        return recovery_message(self.db_path, self.integrity, self.candidate)


def recovery_message(
    db_path: Path, integrity: IntegrityResult | None, candidate: BackupInfo | None
) -> str:
    if integrity is None or integrity.ok:
        return ""
    text = f"Tệp dữ liệu {db_path} bị hỏng ({'; '.join(integrity.messages[:3])})."
    if candidate is None:
        return text + " Không có bản sao lưu nguyên vẹn nào; hãy liên hệ cán bộ kỹ thuật."
    contents = f"; chứa: {candidate.contents.describe()}" if candidate.contents else ""
    return (
        f"{text} Bản sao lưu nguyên vẹn gần nhất: {candidate.path.name} "
        f"({candidate.label}{contents}). Có thể khôi phục từ bản này; tệp hiện tại sẽ được giữ lại "
        "trong thư mục backups."
    )


def prepare_database(
    db_path: Path | str | None = None, *, lock: bool = True, start_backup: bool = True
) -> StartupCheck:
    """Lock the file (raises ``DatabaseInUseError``), check it and make the start backups.

    Backups are made only when the file is healthy, so a damaged file never pushes a
    good copy out of the rotation. The returned ``lock`` must be kept (and released
    at exit) by the caller.
    """
    path = Path(db_path) if db_path is not None else default_db_path()
    db_lock = DatabaseLock(path)
    if lock:
        db_lock.acquire()
    check = StartupCheck(path, db_lock, None)
    if not path.exists():
        return check
    check.integrity = check_at_start(path)
    if not check.integrity.ok:
        check.candidate = newest_good_backup(path)
        return check
    if start_backup:
        check.backups_made.extend(make_start_backups(path))
    return check


def _verified_record(path: Path) -> Path:
    return backup_dir(path) / f".{path.name}.verified"


def _file_state(path: Path) -> dict[str, int | str] | None:
    state = file_state(path)
    return None if state is None else {**state, "day": date.today().isoformat()}


def check_at_start(path: Path) -> IntegrityResult:
    """The integrity check at start, run once a day and whenever the file changed.

    ``integrity_check`` reads every page, so on a file of several years it costs more
    than building the window. A file whose size and modification time are those it had
    when the check last passed today is not read again.
    """
    record = _verified_record(path)
    state = _file_state(path)
    if state is not None:
        with contextlib.suppress(OSError, ValueError):
            if json.loads(record.read_text("utf-8")) == state:
                return IntegrityResult(True, ("ok",), quick=True)
    result = check_integrity(path)
    if result.ok and state is not None:
        with contextlib.suppress(OSError):
            record.parent.mkdir(parents=True, exist_ok=True)
            tmp = record.with_name(record.name + ".tmp")
            tmp.write_text(json.dumps(state), "utf-8")
            os.replace(tmp, record)
    return result


def recover(check: StartupCheck, backup: Path | None = None) -> Path | None:
    """Restore ``backup`` (default: the candidate) over the damaged file; returns the safety copy."""
    source = backup or (check.candidate.path if check.candidate else None)
    if source is None:
        from tracu_desktop.db.backup import BackupError

        raise BackupError("Không có bản sao lưu nguyên vẹn để khôi phục.")
    safety = restore_backup(check.db_path, source)
    check.integrity = check_integrity(check.db_path)
    check.candidate = None
    return safety
