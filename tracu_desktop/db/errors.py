"""SQLite's own errors in the clerk's words: what happened, and that nothing changed.

A failed statement inside a write transaction rolls the whole transaction back, so every
message can say that the stored figures are unchanged.
"""

from __future__ import annotations

import errno
import re
import sqlite3


class DatabaseError(RuntimeError):
    """The database file cannot be used; the message is Vietnamese and names the file."""


UNCHANGED = "Thao tác bị hủy, số liệu đã lưu không thay đổi."

_CHECK_WORDS = {
    "value >= 0": "số liệu phải là số nguyên ≥ 0",
    "level IN": "cấp hành chính phải là tỉnh, huyện hoặc xã",
}


def explain_database_error(exc: BaseException) -> str | None:
    """A Vietnamese message for an error whose cause is known, else ``None``."""
    text = str(exc)
    low = text.lower()
    if isinstance(exc, sqlite3.OperationalError) and (
        "database is locked" in low or "database is busy" in low
    ):
        return (
            "Tệp dữ liệu đang bị một chương trình khác ghi (đã chờ 5 giây mà chưa xong). "
            f"Hãy chờ chương trình đó ghi xong hoặc đóng nó rồi thử lại. {UNCHANGED}"
        )
    if isinstance(exc, sqlite3.IntegrityError) and "check constraint failed" in low:
        rule = text.split(":", 1)[1].strip() if ":" in text else ""
        words = next((w for k, w in _CHECK_WORDS.items() if k in rule), "")
        detail = f"{words} ({rule})" if words else f"ràng buộc “{rule}”"
        return f"Dữ liệu không hợp lệ, cơ sở dữ liệu từ chối ghi: {detail}. {UNCHANGED}"
    if isinstance(exc, sqlite3.IntegrityError) and "foreign key" in low:
        return (
            "Dữ liệu tham chiếu đến đơn vị, lĩnh vực hoặc kỳ báo cáo không có trong danh mục. "
            f"{UNCHANGED}"
        )
    if "database or disk is full" in low or (
        isinstance(exc, OSError) and exc.errno == errno.ENOSPC
    ):
        return (
            "Ổ đĩa đã đầy, không ghi được. Hãy giải phóng chỗ trống (xóa tệp không cần, dọn "
            f"thùng rác) rồi thử lại. {UNCHANGED}"
        )
    if "attempt to write a readonly database" in low:
        return (
            "Tệp dữ liệu chỉ cho đọc (thuộc tính chỉ đọc, hoặc thư mục không cho phép ghi). "
            f"{UNCHANGED}"
        )
    if isinstance(exc, OverflowError) and re.search(r"too large|int too big", low):
        return f"Có số quá lớn để lưu (tối đa 1.000.000.000.000). {UNCHANGED}"
    return None
