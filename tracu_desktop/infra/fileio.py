"""Safe file writing: write to a temporary name in the same folder, then rename.

A failed or interrupted write never leaves a half-written file under the final name,
and a target held open by another program (Excel, Word on Windows) gives a clear
Vietnamese message instead of a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path


class FileWriteError(OSError):
    """Writing a file failed; ``str()`` is a Vietnamese message naming the file."""


MAX_IMPORT_BYTES = 50 * 1024 * 1024  # no real data-value file comes near this


class FileTooLargeError(ValueError):
    """An input file is over the import size limit; refused before it is parsed."""


def check_import_size(path: Path | str, limit: int | None = None) -> int:
    """Return the size of ``path``; raise :class:`FileTooLargeError` above the limit.

    Called before parsing, so a huge or hostile file never reaches the parser.
    """
    p = Path(path)
    size = p.stat().st_size
    cap = MAX_IMPORT_BYTES if limit is None else limit
    if size > cap:
        raise FileTooLargeError(
            f"Tệp {p.name} quá lớn ({size / 1024 / 1024:.1f} MB, giới hạn "
            f"{cap / 1024 / 1024:.0f} MB): đây không phải tệp số liệu bình thường."
        )
    return size


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def _explain(path: Path, exc: OSError) -> FileWriteError:
    if exc.errno in _DISK_FULL:
        return FileWriteError(
            f"Không ghi được tệp {path}: ổ đĩa đã đầy. Hãy giải phóng chỗ trống (xóa tệp "
            "không cần, dọn thùng rác) hoặc chọn ổ đĩa khác rồi thử lại; tệp cũ cùng tên "
            "(nếu có) không bị thay đổi."
        )
    from tracu_desktop.infra.oserror_text import os_error_reason

    if isinstance(exc, PermissionError):
        return FileWriteError(
            f"Không ghi được tệp {path}: tệp đang được mở trong chương trình khác (Excel, Word…) "
            "hoặc thư mục không cho phép ghi. Hãy đóng tệp rồi thử lại."
        )
    if isinstance(exc, FileNotFoundError):
        return FileWriteError(f"Không ghi được tệp {path}: thư mục {path.parent} không tồn tại.")
    return FileWriteError(f"Không ghi được tệp {path}: {os_error_reason(exc)}.")


def _ensure_folder(folder: Path, target: Path) -> None:
    """Create ``folder`` if only its last level is missing; a deeper missing chain is
    refused (a mistyped path must not silently grow a tree of folders)."""
    if folder.is_dir():
        return
    if folder.exists():
        raise FileWriteError(
            f"Không ghi được tệp {target}: {folder} là một tệp, không phải thư mục."
        )
    if not folder.parent.is_dir():
        raise FileWriteError(
            f"Không ghi được tệp {target}: thư mục {folder.parent} không tồn tại "
            f"(chương trình chỉ tạo thêm một cấp thư mục, {folder.name}). "
            "Hãy kiểm tra lại đường dẫn hoặc tạo thư mục trước."
        )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise _explain(target, exc) from exc


def _new_temp(target: Path) -> Path:
    """Create an empty temporary file beside ``target``, mode 0666 less the umask.

    ``tempfile.mkstemp`` would make it 0600, and the rename keeps that mode: exported
    forms and reports must get the user's normal file mode like any other document.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = target.parent / f".{target.stem}.{secrets.token_hex(4)}.tmp{target.suffix}"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "temporary name", str(target))


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    A missing last folder level is created; a longer missing chain is refused.
    """
    target = Path(path)
    if target.is_dir():
        raise FileWriteError(f"Không ghi được tệp {target}: đó là một thư mục.")
    _ensure_folder(target.parent, target)
    try:
        tmp = _new_temp(target)
    except OSError as exc:
        raise _explain(target, exc) from exc
    try:
        try:
            yield tmp
        except OSError as exc:
            if isinstance(exc, FileWriteError) or exc.errno not in _DISK_FULL:
                raise
            raise _explain(target, exc) from exc
        try:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            raise _explain(target, exc) from exc
    finally:
        if tmp.exists():
            with contextlib.suppress(OSError):
                tmp.unlink()


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return atomic_write_bytes(path, text.encode(encoding))


def atomic_write_with(path: Path | str, writer: Callable[[Path], None]) -> Path:
    """Let ``writer`` produce the file at a temporary path (e.g. ``workbook.save``), then rename."""
    with atomic_path(path) as tmp:
        writer(tmp)
    return Path(path)


_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
MAX_NAME = 120


def safe_filename(name: str, default: str = "tep", max_len: int = MAX_NAME) -> str:
    """A file name (no folders) that Windows and Linux both accept.

    Names may come from users (organisation names, titles) or from imported files:
    path separators, characters Windows forbids, control characters, trailing dots and
    spaces, reserved device names (``CON``, ``LPT1``…) and over-long names are made
    harmless. Vietnamese letters are kept (NFC). The extension survives truncation.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = re.sub(r"\.{2,}", ".", text)
    if not text:
        text = default
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 10 or " " in ext:
        stem, ext = text, ""
    if stem.split(".")[0].upper().rstrip() in _RESERVED:
        stem = "_" + stem
    suffix = f".{ext}" if ext else ""
    room = max(1, max_len - len(suffix))
    return stem[:room].rstrip(" .") + suffix
