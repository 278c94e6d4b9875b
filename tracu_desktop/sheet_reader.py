"""Defensive reading of .xlsx workbooks into plain value grids.

Checks size, container and decompressed size before openpyxl parses anything (openpyxl
uses defusedxml when it is installed), reads in read-only mode, and caps rows and
columns, so a corrupted or hostile file yields a Vietnamese message, never a crash.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLS = 60

Cell = object  # str | int | float | datetime | None


class WorkbookError(ValueError):
    """The file cannot be read as a workbook; the message names the file."""


@dataclass(frozen=True)
class SheetData:
    name: str
    rows: list[list[Cell]]
    hidden: bool = False

    def cell(self, row: int, col: int) -> Cell:
        """1-based access like Excel; ``None`` outside the grid."""
        if 1 <= row <= len(self.rows):
            r = self.rows[row - 1]
            if 1 <= col <= len(r):
                return r[col - 1]
        return None


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letter: str) -> int:
    n = 0
    for ch in letter.upper():
        n = n * 26 + ord(ch) - 64
    return n


def check_container(path: Path) -> None:
    """Raise :class:`WorkbookError` unless ``path`` looks like a sane .xlsx container."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise WorkbookError(f"Không tìm thấy tệp {path}.") from None
    except OSError as exc:
        from tracu_desktop.oserror_text import os_error_reason

        raise WorkbookError(f"Không đọc được tệp {name}: {os_error_reason(exc)}.") from None
    if size > MAX_FILE_BYTES:
        raise WorkbookError(
            f"Tệp {name} quá lớn ({size // (1024 * 1024)} MB; tối đa "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookError(
            f"Tệp {name} là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dạng "
            "“Excel Workbook (.xlsx)”."
        )
    if not head.startswith(b"PK"):
        raise WorkbookError(f"Tệp {name} không phải tệp Excel (.xlsx) hoặc đã bị hỏng.")
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        raise WorkbookError(f"Tệp {name} bị hỏng (không giải nén được).") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(f"Tệp {name} có nội dung giải nén quá lớn, không đọc.")
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"Tệp {name} không phải bảng tính Excel (.xlsx).")


def read_workbook(path: Path | str) -> list[SheetData]:
    """Every sheet's values (formulas as their cached results, ``None`` if never computed)."""
    p = Path(path)
    check_container(p)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on broken XML
        raise WorkbookError(
            f"Tệp {p.name} bị hỏng hoặc không đúng định dạng .xlsx ({type(exc).__name__})."
        ) from None
    sheets: list[SheetData] = []
    try:
        for ws in wb.worksheets:
            rows: list[list[Cell]] = []
            for i, row in enumerate(ws.iter_rows(values_only=True, max_col=MAX_COLS)):
                if i >= MAX_ROWS:
                    break
                rows.append(list(row))
            while rows and all(v is None or v == "" for v in rows[-1]):
                rows.pop()
            hidden = getattr(ws, "sheet_state", "visible") != "visible"
            sheets.append(SheetData(ws.title, rows, hidden))
    except Exception as exc:
        raise WorkbookError(
            f"Tệp {p.name} bị hỏng khi đọc nội dung ({type(exc).__name__})."
        ) from None
    finally:
        wb.close()
    return sheets
