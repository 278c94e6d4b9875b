"""Automatic rotating backups, integrity checks and restore of the database file.

Backups live in ``backups/`` beside the database, named
``<stem>-<kind>-<YYYYmmdd-HHMMSS-ffffff>-<fingerprint>.sqlite3.gz``. A copy is made
with SQLite's online backup API (a consistent snapshot even while the program has the
file open in WAL mode) into a temporary file, fingerprinted (SHA-256 of the pages) and
gzip-compressed under a temporary name that is renamed at the end, so a crash never
leaves a half-written file that looks like a backup.

Automatic copies (start, daily, import) are skipped when the newest backup of any kind
has the same fingerprint: ten starts without edits make no new copy. Each kind keeps
its own newest N copies, and all copies together stay within a size budget (setting
``backup_budget_mb``, by default 10× the newest compressed copy); the newest good copy
of each kind is never deleted. Restore decompresses, checks that the copy is a
database of this program that it can open (organisation, schema version) and says
what it holds before replacing anything. Uncompressed copies of older versions are
read as they are.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracu_desktop.db.errors import DatabaseError

BACKUP_DIR = "backups"
KIND_START = "start"
KIND_MIGRATION = "before-migration"
KIND_IMPORT = "import"
KIND_DAILY = "daily"
KIND_MANUAL = "manual"
KIND_BEFORE_RESTORE = "before-restore"
KIND_BEFORE_COMPACT = "before-compact"
KEEP: dict[str, int] = {
    KIND_BEFORE_COMPACT: 3,
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
    KIND_BEFORE_COMPACT: "trước khi thu gọn dữ liệu",
}
# Automatic copies that are not made when nothing changed since the newest backup.
SKIP_WHEN_UNCHANGED = frozenset({KIND_START, KIND_DAILY, KIND_IMPORT, KIND_BEFORE_COMPACT})
BUDGET_SETTING = "backup_budget_mb"
BUDGET_FACTOR = 10  # default budget: this many times the newest compressed copy
COMPRESSED = ".gz"
COMPRESS_LEVEL = 6
QUICK_CHECK_ABOVE = 200 * 1024 * 1024  # bytes; integrity_check on big files takes long
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(
    r"^(?P<kind>[a-z][a-z0-9-]*?)-(?P<stamp>\d{8}-\d{6}-\d{6})(?:-(?P<fp>[0-9a-f]{16}))?$"
)
_SQLITE_MAGIC = b"SQLite format 3\x00"
_GZIP_MAGIC = b"\x1f\x8b"


class BackupError(DatabaseError):
    """A backup cannot be made or restored; the message is Vietnamese."""


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, shown to the clerk before it replaces the database."""

    schema: int
    organisation: str
    periods: tuple[str, ...]
    figures: int
    last_change: str | None  # ``21/11/2023`` or None when it holds no figure

    def describe(self) -> str:
        from tracu_desktop.core.vnformat import format_int

        shown = ", ".join(self.periods[-6:])
        if len(self.periods) > 6:
            shown = "…, " + shown
        parts = [
            self.organisation,
            f"{len(self.periods)} kỳ báo cáo" + (f" ({shown})" if shown else ""),
            f"{format_int(self.figures)} số liệu",
        ]
        if self.last_change:
            parts.append(f"sửa gần nhất ngày {self.last_change}")
        return "; ".join(parts)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    created: datetime
    size: int
    original_size: int | None = None  # uncompressed size (None: not compressed)
    fingerprint: str | None = None
    contents: BackupContents | None = None  # filled by newest_good_backup

    @property
    def compressed(self) -> bool:
        return self.path.name.endswith(COMPRESSED)

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


def _gzip_size(file: Path) -> int | None:
    """Uncompressed size from the gzip trailer (modulo 4 GiB)."""
    try:
        with open(file, "rb") as fh:
            fh.seek(-4, os.SEEK_END)
            return int.from_bytes(fh.read(4), "little")
    except OSError:
        return None


def _parse(db_path: Path, file: Path) -> BackupInfo | None:
    prefix = f"{db_path.stem}-"
    name = file.name
    compressed = name.endswith(COMPRESSED)
    if compressed:
        name = name[: -len(COMPRESSED)]
    if not name.startswith(prefix) or not name.endswith(db_path.suffix):
        return None
    m = _NAME.match(name[len(prefix) : len(name) - len(db_path.suffix)])
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
    original = _gzip_size(file) if compressed and size else None
    return BackupInfo(file, kind, created, size, original, m["fp"])


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


def _snapshot(src: Path, target: Path) -> None:
    """SQLite online backup of ``src`` into a new plain file ``target`` (rollback journal)."""
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        # Backups stay private (0600 on POSIX) like the database they copy.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        source.close()


def _fingerprint(path: Path) -> str:
    """SHA-256 of a snapshot's pages, without the header's change counters."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        header = bytearray(fh.read(100))
        header[24:28] = bytes(4)  # file change counter
        header[92:100] = bytes(8)  # version-valid-for, SQLite version
        digest.update(header)
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def _compress(plain: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # private, as the db
    with open(plain, "rb") as src, open(fd, "wb") as raw:
        with gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, compresslevel=COMPRESS_LEVEL, mtime=0
        ) as gz:
            shutil.copyfileobj(src, gz, 1 << 20)
        raw.flush()
        os.fsync(raw.fileno())


def _decompress(src: Path, target: Path) -> None:
    with gzip.open(src, "rb") as gz, open(target, "wb") as out:
        shutil.copyfileobj(gz, out, 1 << 20)


def _copy_database(src: Path, target: Path) -> None:
    """Plain snapshot of ``src`` into ``target`` through a temporary file and a rename."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        _snapshot(src, tmp)
        _fsync_file(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(f"Không tạo được bản sao lưu của {src}: {exc}.") from exc


def file_state(path: Path) -> dict[str, int | str] | None:
    """Size, modification time and header change counter of a database file at rest.

    None while its WAL file holds changes not yet written back: the file alone does
    not tell its content then.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return None
        st = path.stat()
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "counter": header[24:28].hex()}


def _state_record(path: Path) -> Path:
    return backup_dir(path) / f".{path.name}.backup-state"


def _unchanged_since_newest(p: Path, state: dict | None) -> bool:
    """The file is at rest exactly as when the newest backup's content was fingerprinted."""
    if state is None:
        return False
    try:
        recorded = json.loads(_state_record(p).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    newest = list_backups(p)
    return (
        bool(newest)
        and recorded.get("state") == state
        and recorded.get("fingerprint") == newest[0].fingerprint
        and _looks_good(newest[0])
    )


def _remember_state(p: Path, state: dict | None, fingerprint: str) -> None:
    if state is None or file_state(p) != state:  # changed while it was copied
        return
    with contextlib.suppress(OSError):
        record = _state_record(p)
        tmp = record.with_name(record.name + ".tmp")
        tmp.write_text(json.dumps({"state": state, "fingerprint": fingerprint}), "utf-8")
        os.replace(tmp, record)


def create_backup(db_path: Path | str, kind: str = KIND_MANUAL) -> Path | None:
    """Copy the database, compressed, into ``backups/`` and apply the retention rules.

    Returns the new file, or None when ``kind`` is automatic (start, daily, import,
    before-compact) and the newest backup already holds exactly this content: known
    without reading the file when it is at rest as when that copy was fingerprinted,
    otherwise by fingerprinting a fresh snapshot.
    """
    p = Path(db_path)
    if not p.exists():
        raise BackupError(f"Không tìm thấy tệp dữ liệu {p}.")
    folder = backup_dir(p)
    folder.mkdir(parents=True, exist_ok=True)
    state = file_state(p)
    if kind in SKIP_WHEN_UNCHANGED and _unchanged_since_newest(p, state):
        return None
    stamp = datetime.now().strftime(_STAMP)
    plain = folder / f".{p.stem}-{kind}-{stamp}.snapshot.tmp"
    packed = folder / f".{p.stem}-{kind}-{stamp}.gz.tmp"
    try:
        _snapshot(p, plain)
        fingerprint = _fingerprint(plain)
        if kind in SKIP_WHEN_UNCHANGED:
            newest = list_backups(p)
            if newest and newest[0].fingerprint == fingerprint and _looks_good(newest[0]):
                _remember_state(p, state, fingerprint)
                return None
        target = folder / f"{p.stem}-{kind}-{stamp}-{fingerprint}{p.suffix}{COMPRESSED}"
        _compress(plain, packed)
        os.replace(packed, target)
        _fsync_dir(folder)
        _remember_state(p, state, fingerprint)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            packed.unlink()
        raise BackupError(f"Không tạo được bản sao lưu của {p}: {exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            plain.unlink()
    rotate(p, kind)
    return target


def _looks_good(b: BackupInfo) -> bool:
    """Cheap test for the retention rules: not empty, starts like a gzip or SQLite file."""
    if b.size <= 0:
        return False
    try:
        with open(b.path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head.startswith(_GZIP_MAGIC) if b.compressed else head == _SQLITE_MAGIC


def _budget_setting(db_path: Path) -> float | None:
    with contextlib.suppress(sqlite3.Error, ValueError, TypeError):
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT value FROM settings WHERE key = ?", [BUDGET_SETTING]
            ).fetchone()
        finally:
            con.close()
        if row is not None and float(json.loads(row[0])) > 0:
            return float(json.loads(row[0]))
    return None


def backup_budget(db_path: Path | str, backups: list[BackupInfo] | None = None) -> int:
    """Bytes all backups may take together (setting ``backup_budget_mb`` or 10× newest copy)."""
    p = Path(db_path)
    setting = _budget_setting(p) if p.exists() else None
    if setting is not None:
        return int(setting * 1024 * 1024)
    found = list_backups(p) if backups is None else backups
    newest = next((b.size for b in found if b.compressed and b.size > 0), None)
    if newest is None:
        newest = p.stat().st_size if p.exists() else 0
    return BUDGET_FACTOR * newest


def rotate(db_path: Path | str, kind: str) -> list[Path]:
    """Apply the retention rules; returns the removed files.

    Keeps the newest ``KEEP[kind]`` copies of ``kind``, then deletes the oldest copies of
    any kind while all together exceed :func:`backup_budget`, never the newest good
    copy of a kind.
    """
    keep = KEEP.get(kind, 10)
    removed: list[Path] = []
    for old in list_backups(db_path, kind)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    backups = list_backups(db_path)
    protected: set[Path] = set()
    for k in {b.kind for b in backups}:
        newest = next((b for b in backups if b.kind == k and _looks_good(b)), None)
        if newest is not None:
            protected.add(newest.path)
    total = sum(b.size for b in backups)
    budget = backup_budget(db_path, backups)
    for old in reversed(backups):  # oldest first
        if total <= budget:
            break
        if old.path in protected:
            continue
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
            total -= old.size
    # Temporary files of copies interrupted by a crash.
    folder = backup_dir(db_path)
    for tmp in folder.glob(f".{Path(db_path).stem}-*.tmp"):
        with contextlib.suppress(OSError):
            if datetime.now().timestamp() - tmp.stat().st_mtime > 60:
                tmp.unlink()
    return removed


def ensure_daily_backup(db_path: Path | str, today: date | None = None) -> Path | None:
    """Make today's daily backup unless there is one or nothing changed; returns the new file."""
    p = Path(db_path)
    if not p.exists():
        return None
    day = today or date.today()
    if any(b.created.date() == day for b in list_backups(p, KIND_DAILY)):
        return None
    return create_backup(p, KIND_DAILY)


def make_start_backups(db_path: Path | str) -> list[Path]:
    """The copy made when the program opens the file: the day's first is the daily copy.

    None is made when the newest backup already holds the same content.
    """
    daily = ensure_daily_backup(db_path)
    if daily is not None:
        return [daily]
    if any(b.created.date() == date.today() for b in list_backups(db_path, KIND_DAILY)):
        made = create_backup(db_path, KIND_START)
        return [made] if made is not None else []
    return []


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


def _temp_beside(folder: Path, label: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{label}-", suffix=".tmp", dir=folder)
    os.close(fd)
    return Path(name)


def _is_compressed(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == _GZIP_MAGIC
    except OSError:
        return False


@contextlib.contextmanager
def open_backup_copy(path: Path | str) -> Iterator[Path]:
    """A plain SQLite file with the content of ``path`` (decompressed to a temporary file)."""
    p = Path(path)
    if not _is_compressed(p):
        yield p
        return
    tmp = _temp_beside(
        p.parent if os.access(p.parent, os.W_OK) else Path(tempfile.gettempdir()), "check"
    )
    try:
        try:
            _decompress(p, tmp)
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise BackupError(
                f"Không giải nén được bản sao lưu {p.name}: tệp bị hỏng ({exc})."
            ) from exc
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _integrity_of_plain(p: Path, quick: bool | None) -> IntegrityResult:
    if quick is None:
        try:
            quick = p.stat().st_size > QUICK_CHECK_ABOVE
        except OSError:
            quick = False
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
        from tracu_desktop.infra.oserror_text import sqlite_error_reason

        return IntegrityResult(False, (sqlite_error_reason(exc),), quick)
    return IntegrityResult(rows == ["ok"], tuple(rows), quick)


def check_integrity(path: Path | str, *, quick: bool | None = None) -> IntegrityResult:
    """Run ``PRAGMA integrity_check`` (``quick_check`` for big files) read-only.

    A compressed backup is checked after decompressing it to a temporary file.
    """
    p = Path(path)
    if not p.exists():
        return IntegrityResult(False, (f"không tìm thấy tệp {p}",), bool(quick))
    try:
        with open_backup_copy(p) as plain:
            return _integrity_of_plain(plain, quick)
    except BackupError as exc:
        return IntegrityResult(False, (str(exc),), bool(quick))


def _contents_of_plain(con: sqlite3.Connection) -> BackupContents:
    from tracu_desktop.db.compact import int_to_stamp
    from tracu_desktop.db.migrations import SCHEMA_VERSION

    schema = int(con.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")
    }
    if schema == 0 or not {"settings", "periods", "units", "data_values"} <= tables:
        raise BackupError("không phải tệp dữ liệu của chương trình TraCu")
    if schema > SCHEMA_VERSION:
        raise BackupError(
            f"được tạo bởi phiên bản mới hơn của chương trình (lược đồ {schema} > {SCHEMA_VERSION}); "
            "hãy cập nhật chương trình trước"
        )
    row = con.execute("SELECT value FROM settings WHERE key = 'organisation'").fetchone()
    organisation = json.loads(row[0]) if row else None
    if not isinstance(organisation, dict) or not organisation.get("name"):
        raise BackupError("không có thông tin cơ quan (tệp dữ liệu trống hoặc chưa khởi tạo)")
    periods = tuple(r[0] for r in con.execute("SELECT code FROM periods ORDER BY year, kind, idx"))
    if schema >= 4:
        figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
        newest = con.execute("SELECT max(at) FROM edits").fetchone()[0]
        last = int_to_stamp(newest) if newest is not None else None
    else:
        figures = con.execute("SELECT count(*) FROM data_values").fetchone()[0]
        last = con.execute("SELECT max(updated_at) FROM data_values").fetchone()[0]
    last_change = f"{datetime.fromisoformat(last):%d/%m/%Y}" if last else None
    return BackupContents(schema, str(organisation["name"]), periods, int(figures), last_change)


def _inspect_plain(plain: Path, name: str) -> BackupContents:
    result = _integrity_of_plain(plain, None)
    if not result.ok:
        raise BackupError(
            f"Bản sao lưu {name} bị hỏng, không thể khôi phục từ đó. {result.describe()}"
        )
    try:
        con = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
        try:
            return _contents_of_plain(con)
        finally:
            con.close()
    except BackupError as exc:
        raise BackupError(f"Không thể khôi phục từ {name}: tệp {exc}.") from None
    except (sqlite3.Error, ValueError, TypeError) as exc:
        raise BackupError(
            f"Không thể khôi phục từ {name}: tệp không phải tệp dữ liệu của chương trình TraCu ({exc})."
        ) from None


def inspect_backup(path: Path | str) -> BackupContents:
    """What a backup holds, after checking it can replace the database (raises BackupError).

    Good means: not empty, decompresses, passes the integrity check, is a database of
    this program (its tables, its organisation) of a schema version it can open.
    """
    p = Path(path)
    if not p.is_file():
        raise BackupError(f"Không tìm thấy bản sao lưu {p}.")
    if p.stat().st_size == 0:
        raise BackupError(
            f"Bản sao lưu {p.name} là tệp rỗng (0 byte), không có số liệu để khôi phục."
        )
    with open_backup_copy(p) as plain:
        return _inspect_plain(plain, p.name)


def newest_good_backup(db_path: Path | str) -> BackupInfo | None:
    """The newest backup that can replace the database: the recovery candidate.

    ``before-restore`` copies are never offered: after a restore the newest backup is
    the file just replaced, and offering it would undo the restore.
    """
    for b in list_backups(db_path):
        if b.kind == KIND_BEFORE_RESTORE:
            continue
        with contextlib.suppress(BackupError):
            return replace(b, contents=inspect_backup(b.path))
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
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)
    wal = src.with_name(src.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))


def _prepare_restore(src: Path, tmp: Path) -> BackupContents:
    """Plain, checked copy of the backup ``src`` at ``tmp``; raises BackupError if unusable."""
    if not src.is_file():
        raise BackupError(f"Không tìm thấy bản sao lưu {src}.")
    if src.stat().st_size == 0:
        raise BackupError(
            f"Bản sao lưu {src.name} là tệp rỗng (0 byte), không có số liệu để khôi phục."
        )
    try:
        if _is_compressed(src):
            _decompress(src, tmp)
        else:
            _snapshot(src, tmp)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise BackupError(
            f"Không giải nén được bản sao lưu {src.name}: tệp bị hỏng ({exc})."
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"Bản sao lưu {src.name} bị hỏng, không thể khôi phục từ đó. Tệp dữ liệu bị hỏng: {exc}"
        ) from exc
    return _inspect_plain(tmp, src.name)


def restore_backup(db_path: Path | str, backup: Path | str) -> Path | None:
    """Replace the database with ``backup`` after checking it; returns the safety copy.

    The backup is decompressed (or copied) beside the database and checked
    (:func:`inspect_backup`); only then is the current file copied (kind
    ``before-restore``; a byte copy when it is too damaged for SQLite to read) and the
    checked copy renamed over it, and the stale WAL/SHM files removed. The caller
    must hold the database lock and have no connection open.
    """
    wait_for_background_backups()
    p = Path(db_path)
    src = Path(backup)
    tmp = p.with_name(f".{p.name}.restore.tmp")
    try:
        _prepare_restore(src, tmp)
        _fsync_file(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
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
    from tracu_desktop.db.migrations import migrate

    wait_for_background_backups()
    src = Path(backup)
    path = getattr(db, "path", None)
    folder = Path(path).parent if path is not None else Path(tempfile.gettempdir())
    tmp = _temp_beside(folder, "restore")
    try:
        _prepare_restore(src, tmp)
        safety = create_backup(path, KIND_BEFORE_RESTORE) if path is not None else None
        try:
            source = sqlite3.connect(f"file:{tmp}?mode=ro", uri=True)
            try:
                source.backup(db.conn)
            finally:
                source.close()
        except sqlite3.Error as exc:
            raise BackupError(f"Không khôi phục được từ {src.name}: {exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    migrate(db, path)
    return safety
