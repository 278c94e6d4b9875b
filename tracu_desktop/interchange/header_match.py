"""Recognise form-06 tables of any shape by their header captions.

One-stop systems export 06a/06b with multi-row merged headers, a row of column numbers,
title lines above and section and total rows inside. Captions are matched by meaning
(accent-insensitive keywords), so column order and wording variants do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracu_desktop.core.textnorm import loose_key
from tracu_desktop.interchange.legacy_encoding import to_unicode
from tracu_desktop.interchange.sheet_reader import SheetData

GROUP_RECEIVED = "received"
GROUP_RESOLVED = "resolved"
GROUP_PENDING = "pending"

_GROUPS = (
    (GROUP_RECEIVED, ("nhan giai quyet", "tiep nhan", "so ho so nhan")),
    (GROUP_RESOLVED, ("da giai quyet",)),
    (GROUP_PENDING, ("dang giai quyet",)),
)
LABEL_WORDS = ("linh vuc", "don vi", "noi dung", "ten ")
FIELD_LABEL_WORDS = ("linh vuc",)
UNIT_LABEL_WORDS = ("don vi", "co quan")
SECTION_LEVELS = (
    ("cap huyen", "district"),
    ("cap xa", "commune"),
    ("xa, phuong, thi tran", "commune"),
    ("xa phuong thi tran", "commune"),
    ("cap tinh", "province"),
)
TOTAL_WORDS = ("tong cong", "tong so", "cong", "tong")


def caption_key(value: object) -> str:
    """Accent-insensitive caption, legacy-encoded text converted first."""
    return loose_key(to_unicode(str(value)).text) if value is not None else ""


def indicator_for(group: str, caption: str) -> str | None:
    """Indicator of a leaf caption inside a header group; ``None`` for totals and others."""
    c = caption
    if group == GROUP_RECEIVED:
        if "truc tuyen" in c:
            return "received_online"
        if "truc tiep" in c or "buu chinh" in c:
            return "received_direct"
        if "ky truoc" in c:
            return "carried_over"
    elif group == GROUP_RESOLVED:
        if "truoc han" in c:
            return "resolved_early"
        if "dung han" in c:
            return "resolved_on_time"
        if "qua han" in c or "tre han" in c:
            return "resolved_late"
    elif group == GROUP_PENDING:
        if "trong han" in c or "chua den han" in c:
            return "pending_on_time"
        if "qua han" in c:
            return "pending_overdue"
    return None


@dataclass(frozen=True)
class TableShape:
    """Where a form-06 table sits in a sheet (1-based rows and columns)."""

    header_first: int
    header_last: int
    data_first: int
    label_col: int
    label_kind: str  # "field" or "unit"
    columns: dict[int, str]  # column -> indicator
    captions: tuple[str, ...]

    def signature(self) -> str:
        """Stable description of the shape, used to remember confirmed mappings."""
        cols = ",".join(f"{c}:{i}" for c, i in sorted(self.columns.items()))
        return f"{self.label_kind}|{self.label_col}|{cols}"


def _group_of(text: str) -> str | None:
    for group, words in _GROUPS:
        if any(w in text for w in words):
            return group
    return None


def _is_number_row(row: list[object]) -> bool:
    nums = 0
    for v in row:
        if v is None or v == "":
            continue
        s = re.sub(r"\s+", "", str(v))  # "(3)=\n(4)+(5)+(6)" as printed in two lines
        if re.fullmatch(r"\(?\d{1,2}\)?(=[\d+()/]+)?", s) or isinstance(v, int):
            nums += 1
        else:
            return False
    return nums >= 5


def find_table(sheet: SheetData, scan_rows: int = 25) -> TableShape | None:
    """Locate a form-06 table in a sheet, or ``None`` when the sheet has none."""
    rows = sheet.rows
    header_first = None
    for r in range(min(scan_rows, len(rows))):
        keys = [caption_key(v) for v in rows[r]]
        groups = {_group_of(k) for k in keys if k} - {None}
        if len(groups) >= 2:
            header_first = r
            break
    if header_first is None:
        return None
    # Header rows continue until the column-number row or the first row with numbers.
    header_last = header_first
    data_first = None
    for r in range(header_first + 1, min(header_first + 6, len(rows))):
        row = rows[r]
        if _is_number_row(row):
            header_last, data_first = r - 1, r + 1
            break
        if any(isinstance(v, int | float) for v in row[2:]):
            header_last, data_first = r - 1, r
            break
        header_last = r
    if data_first is None:
        data_first = header_last + 1
    width = max(len(rows[r]) for r in range(header_first, header_last + 1))
    # Forward-fill each header row to the right (merged captions sit in the first cell).
    filled: list[list[str]] = []
    for r in range(header_first, header_last + 1):
        current, out = "", []
        for c in range(width):
            v = rows[r][c] if c < len(rows[r]) else None
            k = caption_key(v)
            if k:
                current = k
            elif r > header_first and filled and (not filled[-1][c] or c == 0):
                current = ""
            out.append(k or current)
        filled.append(out)
    columns: dict[int, str] = {}
    label_col, label_kind = 0, "field"
    for c in range(width):
        path = [filled[i][c] for i in range(len(filled))]
        raw_top = caption_key(rows[header_first][c] if c < len(rows[header_first]) else None)
        if raw_top and any(w in raw_top for w in LABEL_WORDS) and not _group_of(raw_top):
            label_col = c + 1
            label_kind = (
                "unit"
                if any(w in raw_top for w in UNIT_LABEL_WORDS)
                and not any(w in raw_top for w in FIELD_LABEL_WORDS)
                else "field"
            )
            continue
        group = _group_of(path[0]) if path else None
        if group is None:
            continue
        leaf = next(
            (
                caption_key(rows[header_first + i][c])
                for i in range(len(path) - 1, 0, -1)
                if c < len(rows[header_first + i]) and caption_key(rows[header_first + i][c])
            ),
            "",
        )
        ind = indicator_for(group, leaf) if leaf else None
        if ind is None and leaf == "" and group == GROUP_RECEIVED and "ky truoc" in path[0]:
            ind = "carried_over"
        if ind is not None and ind not in columns.values():
            columns[c + 1] = ind
    if label_col == 0:
        label_col = 2
    if len(columns) < 3:
        return None
    captions = tuple(
        caption_key(rows[r][c])
        for r in range(header_first, header_last + 1)
        for c in range(width)
        if c < len(rows[r]) and rows[r][c] is not None
    )
    return TableShape(
        header_first + 1, header_last + 1, data_first + 1, label_col, label_kind, columns, captions
    )


def section_level(label: str) -> str | None:
    k = loose_key(label)
    k = re.sub(r"^[ivx]+[.)]?\s+|^[a-d][.)]\s+", "", k)
    for words, level in SECTION_LEVELS:
        if k == words or k.startswith(words):
            return level
    return None


def is_total_label(label: str) -> bool:
    k = loose_key(label)
    return any(k == w or k.startswith(w + " ") or k.startswith(w + ":") for w in TOTAL_WORDS)
