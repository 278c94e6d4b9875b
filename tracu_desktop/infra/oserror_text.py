"""Vietnamese wording of operating-system errors, naming the file or folder.

``str(OSError)`` is English ("[Errno 2] No such file or directory: 'x'"); a clerk sees
this text instead.
"""

from __future__ import annotations

import errno
from pathlib import Path

_REASONS = {
    errno.ENOENT: "không tồn tại",
    errno.EEXIST: "đã tồn tại",
    errno.EACCES: "không có quyền truy cập (tệp đang mở trong chương trình khác hoặc "
    "thư mục không cho phép ghi)",
    errno.EPERM: "không được phép thao tác",
    errno.EISDIR: "là một thư mục, không phải tệp",
    errno.ENOTDIR: "có một phần đường dẫn không phải thư mục",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "nằm trên ổ đĩa chỉ đọc",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.EBUSY: "đang được sử dụng",
    errno.EINVAL: "tên hoặc đường dẫn không hợp lệ",
    errno.EIO: "lỗi đọc/ghi ổ đĩa",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EXDEV: "không chuyển được sang ổ đĩa khác",
}
_EDQUOT = getattr(errno, "EDQUOT", None)
if _EDQUOT is not None:
    _REASONS[_EDQUOT] = "đã hết dung lượng được cấp"


def os_error_reason(exc: OSError) -> str:
    """Vietnamese reason for ``exc`` without the path, e.g. ``"không tồn tại"``."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if isinstance(exc, PermissionError):
        return _REASONS[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _REASONS[errno.ENOENT]
    code = exc.errno if exc.errno is not None else "?"
    return f"lỗi hệ điều hành (mã {code})"


def describe_os_error(exc: OSError, path: Path | str | None = None) -> str:
    """A full Vietnamese sentence: ``"Tệp hoặc thư mục /a/b.xlsx: không tồn tại."``."""
    where = path if path is not None else exc.filename
    reason = os_error_reason(exc)
    if where is None or where == "":
        return f"Lỗi của hệ điều hành: {reason}."
    text = f"Tệp hoặc thư mục {where}: {reason}"
    if exc.filename2:
        text += f" (đích: {exc.filename2})"
    return text + "."


# SQLite's own (English) error texts, as ``str(sqlite3.Error)`` gives them.
_SQLITE = {
    "file is not a database": "không phải tệp cơ sở dữ liệu",
    "unable to open database file": "không mở được tệp",
    "disk I/O error": "lỗi đọc/ghi ổ đĩa",
    "database is locked": "đang bị chương trình khác khóa",
    "database disk image is malformed": "cấu trúc tệp bị hỏng",
    "attempt to write a readonly database": "tệp chỉ cho phép đọc",
    "database or disk is full": "ổ đĩa đã đầy",
    "database table is locked": "bảng dữ liệu đang bị khóa",
}


def sqlite_error_reason(exc: BaseException | str) -> str:
    """Vietnamese wording of a SQLite error; unknown texts keep a short tag."""
    text = str(exc).strip()
    for english, vietnamese in _SQLITE.items():
        if text.lower().startswith(english.lower()):
            return vietnamese
    return f"lỗi SQLite: {text}"
