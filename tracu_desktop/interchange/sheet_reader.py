"""Defensive, streaming reading of .xlsx workbooks into plain value grids.

A workbook is a zip of XML parts. Checks size, container, compression methods and
the unpacked sizes from the zip directory before anything is parsed, then reads each
part in one streaming pass (:mod:`tracu_desktop.interchange.xml_stream`), keeping only the cell
values. Budgets on XML elements, stored cells, rows, shared strings,
text and time stop a small file that unpacks big long before it costs memory or
minutes; every refusal is a Vietnamese message naming the file (and sheet, row, cell).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from tracu_desktop.interchange.xml_stream import Budget, Limits, Part, XmlStreamError, stream_member

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 5000  # per sheet; a value in a later row refuses the file
MAX_COLS = 60  # columns after this one are not read
MAX_SHEETS = 50
MAX_CELLS = 200_000  # non-empty cells kept, all sheets together
MAX_SHARED_STRINGS = 200_000
MAX_TEXT_CHARS = 10_000_000  # shared and inline text together
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_XML_ELEMENTS = 3_000_000  # XML elements of all parts together
MAX_TOKEN_BYTES = 1024 * 1024  # longest run of bytes without "<" or ">"
MAX_SECONDS = 60.0

Cell = object  # str | int | float | bool | DateCell | FormulaWithoutValue | None
_EMPTY: tuple[Cell, ...] = ()


class WorkbookError(ValueError):
    """The file cannot be read as a workbook; the message names the file.

    When a cell is at fault, ``sheet``, ``row`` and ``col`` say where and ``detail`` is
    the message without the place, so callers can show the place their own way.
    """

    def __init__(self, message: str, *, sheet: str = "", row: int = 0, col: int = 0,
                 detail: str = "") -> None:  # fmt: skip
        super().__init__(message)
        self.sheet, self.row, self.col = sheet, row, col
        self.detail = detail or message


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without its computed result (the file was never opened in
    Excel or LibreOffice); reading it as 0 would store a wrong figure."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}" if self.formula else "(công thức)"


@dataclass(frozen=True)
class DateCell:
    """A number in a cell formatted as a date: the clerk sees a date, the file holds a
    serial day number."""

    serial: float

    def shown(self) -> str:
        try:
            day = date(1899, 12, 30) + timedelta(days=int(self.serial))
        except (OverflowError, ValueError):
            return str(self.serial)
        return day.strftime("%d/%m/%Y")

    def __str__(self) -> str:
        return self.shown()


@dataclass(frozen=True)
class SheetData:
    name: str
    rows: Sequence[Sequence[Cell]]
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


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def check_container(path: Path) -> None:
    """Raise :class:`WorkbookError` unless ``path`` looks like a sane .xlsx container."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise WorkbookError(f"Không tìm thấy tệp {path}.") from None
    except OSError as exc:
        from tracu_desktop.infra.oserror_text import os_error_reason

        raise WorkbookError(f"Không đọc được tệp {name}: {os_error_reason(exc)}.") from None
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"Tệp {name} quá lớn ({_mb(size)}; tối đa {_mb(MAX_FILE_BYTES)}).")
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
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError(f"Tệp {name} bị hỏng (không giải nén được).") from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"Tệp {name} có nội dung giải nén quá lớn (hơn {_mb(MAX_UNPACKED_BYTES)}), không đọc."
        )
    odd = [i for i in infos if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)]
    if odd:
        raise WorkbookError(
            f"Tệp {name} dùng kiểu nén không được hỗ trợ (mã {odd[0].compress_type}, phần "
            f"“{odd[0].filename}”). Hãy mở tệp bằng Excel và lưu lại dạng .xlsx."
        )
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise WorkbookError(f"Tệp {name} không phải bảng tính Excel (.xlsx).")


class _Budget(Budget):
    """The stream budget plus the count of cells kept over all sheets."""

    def __init__(self, file: str, max_seconds: float):
        super().__init__(
            file,
            Limits(
                elements=MAX_XML_ELEMENTS,
                text_chars=MAX_TEXT_CHARS,
                one_text_chars=MAX_CELL_CHARS,
                token_bytes=MAX_TOKEN_BYTES,
                unpacked_bytes=MAX_UNPACKED_BYTES,
                seconds=max_seconds,
            ),
        )
        self.cells = 0


# --- the parts --------------------------------------------------------------------------


class _Rels(Part):
    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[str, tuple[str, str]] = {}  # id → (type, target)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship":
            kind = attrs.get("Type", "").rpartition("/")[2]
            self.targets[attrs.get("Id", "")] = (kind, attrs.get("Target", ""))


class _WorkbookPart(Part):
    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str, bool]] = []  # name, relationship id, hidden

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            hidden = attrs.get("state", "visible") != "visible"
            self.sheets.append((attrs.get("name", ""), rid, hidden))


class _SharedStrings(Part):
    def __init__(self, budget: _Budget) -> None:
        super().__init__()
        self.budget = budget
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "si":
            self.parts = []
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and not self.phonetic:
            self.begin_text()

    def end(self, name: str) -> None:
        if name == "t" and self.capture is not None:
            self.parts.append(self.take_text())
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si":
            text = "".join(self.parts)
            self.budget.add_text(len(text))
            self.strings.append(text)
            if len(self.strings) > MAX_SHARED_STRINGS:
                raise WorkbookError(
                    f"Tệp {self.budget.file} có quá nhiều chuỗi chữ (hơn "
                    f"{_n(MAX_SHARED_STRINGS)}), không phải bảng biểu bình thường, không đọc."
                )


_BUILTIN_DATES = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_NOT_DATE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def is_date_format(code: str) -> bool:
    """Whether an Excel number format shows dates or times (quoted text ignored)."""
    return bool(re.search(r"[dmyhs]", _NOT_DATE.sub("", code), re.IGNORECASE))


class _Styles(Part):
    def __init__(self) -> None:
        super().__init__()
        self.formats: dict[int, str] = {}
        self.xf_formats: list[int] = []
        self.in_cell_xfs = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            try:
                self.formats[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            try:
                self.xf_formats.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                self.xf_formats.append(0)

    def end(self, name: str) -> None:
        if name == "cellXfs":
            self.in_cell_xfs = False

    def date_styles(self) -> set[int]:
        out = set()
        for i, fmt in enumerate(self.xf_formats):
            if fmt in _BUILTIN_DATES or (fmt in self.formats and is_date_format(self.formats[fmt])):
                out.add(i)
        return out


_REF = re.compile(r"([A-Za-z]{1,3})(\d+)$")
_INT = re.compile(r"-?\d{1,300}$")


class _Sheet(Part):
    def __init__(
        self, name: str, budget: _Budget, strings: list[str], date_styles: set[int]
    ) -> None:
        super().__init__()
        self.name = name
        self.budget = budget
        self.strings = strings
        self.date_styles = date_styles
        self.rows: dict[int, list[Cell]] = {}
        self.row = 0
        self.col = 0
        self.cells: dict[int, Cell] = {}
        self.kind = ""
        self.style = 0
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] = []
        self.in_inline = False
        self.phonetic = 0

    def _where(self) -> str:
        return f"Tệp {self.budget.file}, trang “{self.name}”, ô {column_letter(self.col)}{self.row}"

    def _error(self, detail: str) -> WorkbookError:
        """An error at the current cell."""
        return WorkbookError(
            f"{self._where()}: {detail}", sheet=self.name, row=self.row, col=self.col,
            detail=detail,
        )  # fmt: skip

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            ref = _REF.match(attrs.get("r", ""))
            if ref:
                self.col = column_index(ref.group(1))
            else:
                self.col += 1
            self.kind = attrs.get("t", "n")
            try:
                self.style = int(attrs.get("s", "0"))
            except ValueError:
                self.style = 0
            self.value = self.formula = None
            self.inline = []
        elif name == "v" or name == "f":
            self.begin_text()
        elif name == "is":
            self.in_inline = True
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.in_inline and not self.phonetic:
            self.begin_text()
        elif name == "row":
            try:
                self.row = int(attrs.get("r", ""))
            except ValueError:
                self.row += 1
            self.col = 0
            self.cells = {}

    def end(self, name: str) -> None:
        if name == "v":
            self.value = self.take_text()
        elif name == "f":
            self.formula = self.take_text()
        elif name == "t" and self.capture is not None:
            self.inline.append(self.take_text())
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "is":
            self.in_inline = False
        elif name == "c":
            self._cell_done()
        elif name == "row":
            if self.cells:
                width = max(self.cells)
                self.rows[self.row] = [self.cells.get(c) for c in range(1, width + 1)]

    def _cell_done(self) -> None:
        value = self._value()
        if value is None or value == "":
            return
        if self.row > MAX_ROWS:
            raise self._error(
                f"ô {column_letter(self.col)}{self.row} có số liệu ở dòng {_n(self.row)}, quá "
                f"giới hạn {_n(MAX_ROWS)} dòng mỗi trang. Chương trình không bỏ qua dòng nào nên "
                "không nhập tệp này; hãy xóa các dòng thừa hoặc tách bảng sang tệp khác."
            )
        if not 1 <= self.col <= MAX_COLS:
            return
        self.budget.cells += 1
        if self.budget.cells > MAX_CELLS:
            raise WorkbookError(
                f"Tệp {self.budget.file} có quá nhiều ô có dữ liệu (hơn {_n(MAX_CELLS)}), "
                f"đến {self._where().split(', ', 1)[1]}; không phải bảng biểu bình thường, không đọc."
            )
        self.cells[self.col] = value

    def _value(self) -> Cell:
        kind, raw = self.kind, self.value
        if kind == "inlineStr":
            text = "".join(self.inline)
            self.budget.add_text(len(text))
            return text
        if raw is None or raw == "":
            if self.formula is not None:
                return FormulaWithoutValue(self.formula)
            return None
        if kind == "s":
            try:
                index = int(raw)
                if index < 0:
                    raise IndexError(index)
                return self.strings[index]
            except (ValueError, IndexError):
                raise self._error("tham chiếu chuỗi chữ không hợp lệ (tệp bị hỏng).") from None
        if kind in ("str", "e", "d"):
            self.budget.add_text(len(raw))
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        raw = raw.strip()
        try:
            number: int | float = int(raw) if _INT.match(raw) else float(raw)
        except ValueError:
            raise self._error(f"giá trị số “{raw[:40]}” không đọc được.") from None
        if self.style in self.date_styles:
            return DateCell(float(number))
        return number

    def grid(self) -> list[Sequence[Cell]]:
        if not self.rows:
            return []
        last = max(self.rows)
        return [self.rows.get(r, _EMPTY) for r in range(1, last + 1)]


# --- the workbook -----------------------------------------------------------------------


def _target(base: str, target: str) -> str:
    """A relationship target as a zip member name."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in f"{base}/{target}".split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


@dataclass
class _Reader:
    path: Path
    max_seconds: float
    names: set[str] = field(default_factory=set)

    def read(self) -> list[SheetData]:
        file = self.path.name
        budget = _Budget(file, self.max_seconds)
        try:
            zf = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise WorkbookError(f"Tệp {file} bị hỏng (không giải nén được).") from None
        with zf:
            self.names = set(zf.namelist())

            def run(member: str, part: Part, what: str) -> None:
                try:
                    stream_member(zf, member, part, budget, what)
                except XmlStreamError as exc:
                    raise WorkbookError(str(exc)) from None

            book = _WorkbookPart()
            run("xl/workbook.xml", book, "phần mục lục (workbook.xml)")
            rels = _Rels()
            if "xl/_rels/workbook.xml.rels" in self.names:
                run("xl/_rels/workbook.xml.rels", rels, "phần liên kết")
            by_kind = {kind: _target("xl", t) for kind, t in rels.targets.values()}
            strings = _SharedStrings(budget)
            shared = by_kind.get("sharedStrings", "xl/sharedStrings.xml")
            if shared in self.names:
                run(shared, strings, "bảng chuỗi chữ (sharedStrings.xml)")
            styles = _Styles()
            style_part = by_kind.get("styles", "xl/styles.xml")
            if style_part in self.names:
                run(style_part, styles, "phần định dạng (styles.xml)")
            dates = styles.date_styles()
            worksheets = [
                (name, _target("xl", rels.targets[rid][1]), hidden)
                for name, rid, hidden in book.sheets
                if rid in rels.targets and rels.targets[rid][0] == "worksheet"
            ]
            if len(worksheets) > MAX_SHEETS:
                raise WorkbookError(
                    f"Tệp {file} có {_n(len(worksheets))} trang tính (tối đa {MAX_SHEETS}), không đọc."
                )
            sheets: list[SheetData] = []
            for name, member, hidden in worksheets:
                if member not in self.names:
                    raise WorkbookError(f"Tệp {file} bị hỏng: thiếu nội dung trang “{name}”.")
                sheet = _Sheet(name, budget, strings.strings, dates)
                run(member, sheet, f"trang “{name}”")
                sheets.append(SheetData(name, sheet.grid(), hidden))
        return sheets


def read_workbook(path: Path | str, *, max_seconds: float | None = None) -> list[SheetData]:
    """Every worksheet's values, read in one streaming pass per part.

    Formulas give their cached results, or :class:`FormulaWithoutValue` when the file
    holds none; numbers in date-formatted cells give :class:`DateCell`.
    """
    p = Path(path)
    check_container(p)
    return _Reader(p, MAX_SECONDS if max_seconds is None else max_seconds).read()
