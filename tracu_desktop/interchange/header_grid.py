"""Find a figures table in any sheet and describe its columns by their header captions.

One-stop exports differ in wording and order but share habits: title lines above the
table, a header of one to five merged rows, sometimes a "(1) (2) (3) …" row, sometimes an
empty first column, rows of figures (numbers or text such as "1.234") and signature lines
below. This module does not decide what a column means; it gives every column the path of
captions above it (top group first) and a key of normalised text, so an import profile or
the caption recogniser can map it. Merged cells keep their text in the first cell only:
a horizontal merge is recognised by an empty cell beside a caption under the same parent,
a vertical one by an empty cell under a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracu_desktop.core.textnorm import loose_key, match_key, nfc
from tracu_desktop.interchange.legacy_encoding import to_unicode
from tracu_desktop.interchange.sheet_reader import DateCell, FormulaWithoutValue, SheetData

SCAN_ROWS = 40  # the table must start within these rows
MAX_HEADER_ROWS = 5
PATH_SEPARATOR = " / "

_NUMBER_TEXT = re.compile(r"\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+")
_SECTION_SERIAL = re.compile(r"[IVXLC]+\.?|[A-Da-d][.)]?")
_COLUMN_NUMBER = re.compile(r"\(?(\d{1,2})\)?(?:=[\d+()/*-]+)?")
# Lines that are never part of a table header (loose keys, accents removed).
_TITLE_WORDS = (
    "bieu so",
    "don vi bao cao",
    "don vi nhan bao cao",
    "ky bao cao",
    "tu ngay",
    "don vi tinh",
    "ban hanh kem theo",
    "cong hoa xa hoi chu nghia",
    "doc lap - tu do",
    "doc lap, tu do",
)
_SERIAL_CAPTIONS = ("stt", "tt", "so tt", "so thu tu", "thu tu")
_LABEL_WORDS = ("linh vuc", "don vi", "co quan", "noi dung", "ten ", "xa, phuong", "xa phuong")
_UNIT_WORDS = ("don vi", "co quan", "xa, phuong", "xa phuong", "ten xa", "ten don vi")
_FIELD_WORDS = ("linh vuc",)


def cell_text(value: object) -> str:
    """A header cell as NFC text, legacy-encoded text converted; "" when empty."""
    if value is None or isinstance(value, bool):
        return ""
    return " ".join(to_unicode(nfc(str(value))).text.split())


def is_numeric(value: object) -> bool:
    """A figure: a number, or text such as "1.234" or "22 278"."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | FormulaWithoutValue | DateCell):
        return True
    return isinstance(value, str) and bool(_NUMBER_TEXT.fullmatch(value.strip()))


def is_number_row(row: list[object] | tuple[object, ...]) -> bool:
    """The row of column numbers printed under the header ("(1) (2) (3) …", "1 2 3 …")."""
    numbers: list[int] = []
    for v in row:
        if v is None or v == "":
            continue
        if isinstance(v, bool):
            return False
        s = re.sub(r"\s+", "", str(v))
        if isinstance(v, float) and v.is_integer():
            s = str(int(v))
        if re.fullmatch(r"\(?[A-D]\)?", s):
            continue  # "A B 1 2 3 …": letters over the serial and label columns
        m = _COLUMN_NUMBER.fullmatch(s)
        if not m:
            return False
        numbers.append(int(m.group(1)))
    return len(numbers) >= 4 and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


@dataclass(frozen=True)
class SourceColumn:
    """One column of the source table: its 1-based index and the captions above it."""

    col: int
    path: tuple[str, ...]  # captions, top group first (NFC text as in the file)

    @property
    def caption(self) -> str:
        return PATH_SEPARATOR.join(self.path)

    @property
    def key(self) -> str:
        return caption_key(self.caption)

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


def caption_key(text: str) -> str:
    """Normalised caption path: each part through :func:`match_key`, joined by " / "."""
    parts = [match_key(p) for p in re.split(r"\s*/\s*", text) if p.strip()]
    return PATH_SEPARATOR.join(parts)


@dataclass(frozen=True)
class HeaderGrid:
    """Where the table sits (1-based rows) and what its columns are."""

    sheet: str
    header_first: int
    header_last: int
    data_first: int
    label_col: int  # 0 when no column holds row labels
    label_kind: str  # "field", "unit" or "" (not said by the caption)
    columns: tuple[SourceColumn, ...]  # value columns (not the serial nor the label column)
    header_rows: tuple[tuple[str, ...], ...]  # the header as found, for showing the clerk

    def by_key(self) -> dict[str, SourceColumn]:
        return {c.key: c for c in self.columns}

    def shape(self) -> frozenset[str]:
        """The header's shape: the set of column keys, independent of column positions."""
        return frozenset(c.key for c in self.columns)


def _texts(row: Iterable[object]) -> list[str]:
    return [cell_text(v) for v in row]


def _first_data_row(rows: list, limit: int) -> int | None:
    """0-based index of the first row holding at least two figures (not column numbers)."""
    for r in range(min(limit, len(rows))):
        row = rows[r]
        if sum(1 for v in row if is_numeric(v)) >= 2 and not is_number_row(row):
            # A header above it is needed: some text in a row before.
            if any(isinstance(v, str) and v.strip() for rr in rows[:r] for v in rr):
                return r
    return None


def _column_kinds(rows: list, first: int, count: int = 60) -> tuple[set[int], set[int]]:
    """0-based columns holding figures, and columns holding other text, in the first data
    rows. A column with both (the serial numbers "1", "I", "II" beside section rows) is
    not a figures column; signature lines below the table do not count as text."""
    cols: set[int] = set()
    texts: set[int] = set()
    for row in rows[first : first + count]:
        if is_number_row(row):
            continue
        figures = sum(1 for v in row if is_numeric(v)) >= 2
        for c, v in enumerate(row):
            if is_numeric(v):
                cols.add(c)
            elif isinstance(v, str) and v.strip() not in ("", "-", "–"):
                if figures or _SECTION_SERIAL.fullmatch(v.strip()):
                    texts.add(c)
    return cols - texts, texts


def _is_title(texts: list[str]) -> bool:
    return any(any(w in loose_key(t) for w in _TITLE_WORDS) for t in texts if t)


def _header_rows(rows: list, data: int, value_cols: set[int]) -> tuple[int, int, bool] | None:
    """0-based (first, last) header rows above the data row, and whether a number row
    sits between them and the data."""
    r = data - 1
    numbered = False
    for above in range(data - 1, max(-1, data - 6), -1):
        if is_number_row(rows[above]):
            r = above  # the header ends right above the row of column numbers
            break
    # Rows between the header and the data: the number row, section headings.
    while r >= 0:
        texts = _texts(rows[r])
        if is_number_row(rows[r]):
            numbered = True
            r -= 1
            break
        if any(
            t and not _SECTION_SERIAL.fullmatch(t) for c, t in enumerate(texts) if c in value_cols
        ):
            break  # a section heading ("I", "Cấp xã") is not part of the header
        r -= 1
    last = r
    first = None
    while r >= 0 and last - r < MAX_HEADER_ROWS:
        texts = _texts(rows[r])
        if not any(texts) or _is_title(texts):
            break
        if not any(t for c, t in enumerate(texts) if c in value_cols) and first is not None:
            # Only label-column text (a title line left of the table) ends the header.
            if sum(1 for t in texts if t) < 2:
                break
        first = r
        r -= 1
    if first is None:
        return None
    # A top line with a single caption over a wider header is a title, not the header.
    while first < last and sum(1 for t in _texts(rows[first]) if t) < 2:
        first += 1
    return first, last, numbered


def _filled_paths(grid: list[list[str]], width: int) -> list[tuple[str, ...]]:
    """Caption path of every column, merged cells filled the way Excel shows them."""
    filled: list[list[str]] = []
    for r, row in enumerate(grid):
        out: list[str] = []
        for c in range(width):
            text = row[c] if c < len(row) else ""
            same_parent = c > 0 and all(filled[i][c] == filled[i][c - 1] for i in range(r))
            if not text and c > 0 and out[c - 1] and same_parent:
                text = out[c - 1]  # inside a horizontal merge
            out.append(text)  # "" under a vertical merge, or an unused cell
        filled.append(out)
    paths = []
    for c in range(width):
        path: list[str] = []
        for r in range(len(filled)):
            t = filled[r][c]
            if t and (not path or path[-1] != t):
                path.append(t)
        paths.append(tuple(path))
    return paths


def scan_sheet(sheet: SheetData, scan_rows: int = SCAN_ROWS) -> HeaderGrid | None:
    """The table of a sheet, or ``None`` when it has no header above rows of figures."""
    rows = [list(r) for r in sheet.rows]
    data = _first_data_row(rows, scan_rows)
    if data is None:
        return None
    value_cols, text_cols = _column_kinds(rows, data)
    found = _header_rows(rows, data, value_cols)
    if found is None:
        return None
    first, last, _numbered = found
    grid = [_texts(rows[r]) for r in range(first, last + 1)]
    width = max(len(g) for g in grid)
    paths = _filled_paths(grid, width)
    label_col, label_kind = 0, ""
    columns: list[SourceColumn] = []
    for c, path in enumerate(paths):
        if not path:
            continue
        top = loose_key(path[0])
        if top in _SERIAL_CAPTIONS or (len(path) == 1 and loose_key(path[-1]) in _SERIAL_CAPTIONS):
            continue
        if c not in value_cols and label_col == 0 and any(w in top for w in _LABEL_WORDS):
            label_col = c + 1
            if any(w in top for w in _FIELD_WORDS):
                label_kind = "field"
            elif any(w in top for w in _UNIT_WORDS):
                label_kind = "unit"
            continue
        # A captioned column inside the table that is empty in this file (a mode no
        # dossier used) is still a column of the layout, so the header keeps its shape.
        inside = bool(value_cols) and min(value_cols) < c < max(value_cols)
        if c in value_cols or (inside and c not in text_cols):
            columns.append(SourceColumn(c + 1, path))
    if label_col == 0:
        label_col = _guess_label_col(rows, data, value_cols, width)
    if not columns:
        return None
    data_first = last + 1
    while data_first < data and is_number_row(rows[data_first]):
        data_first += 1
    return HeaderGrid(
        sheet.name,
        first + 1,
        last + 1,
        data_first + 1,
        label_col,
        label_kind,
        tuple(columns),
        tuple(tuple(g) + ("",) * (width - len(g)) for g in grid),
    )


def _guess_label_col(rows: list, data: int, value_cols: set[int], width: int) -> int:
    """The column left of the figures holding the most text in the data rows."""
    counts: dict[int, int] = {}
    for row in rows[data : data + 30]:
        for c in range(min(width, len(row))):
            v = row[c]
            if c not in value_cols and isinstance(v, str) and v.strip() and not is_numeric(v):
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return 0
    return max(counts, key=lambda c: (counts[c], -c)) + 1


def scan_workbook(sheets: list[SheetData]) -> HeaderGrid | None:
    """The first visible sheet's table."""
    for sheet in sheets:
        if sheet.hidden:
            continue
        grid = scan_sheet(sheet)
        if grid is not None:
            return grid
    return None
