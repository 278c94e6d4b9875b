"""Recognise form-06 tables of any shape by their header captions.

One-stop systems export 06a/06b with multi-row merged headers, a row of column numbers,
title lines above and section and total rows inside. Captions are matched by meaning
(accent-insensitive keywords), so column order and wording variants do not matter.
The keywords come from the form specs (``accept`` on header nodes), every version of
them, so a table in a new form's wording is recognised as soon as its spec is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracu_desktop.core.formspec import FormSpec, HeaderNode, load_specs, specs_dir
from tracu_desktop.core.textnorm import loose_key, match_key
from tracu_desktop.interchange.legacy_encoding import to_unicode
from tracu_desktop.interchange.sheet_reader import SheetData

# Label captions any table may use; the form specs add their own (``accept`` on the
# label leaf: a field table's, a unit table's).
GENERIC_LABEL_WORDS = ("noi dung", "ten ")
SECTION_LEVELS = (
    ("cap huyen", "district"),
    ("cap xa", "commune"),
    ("xa, phuong, thi tran", "commune"),
    ("xa phuong thi tran", "commune"),
    ("cap tinh", "province"),
)
# With accents: "Công thương", "Công chứng" are fields, not "Cộng" rows; text without
# any accent ("TONG CONG") is compared without them.
TOTAL_WORDS = ("tổng cộng", "tổng số", "cộng", "tổng")
_TOTAL_WORDS_PLAIN = tuple(loose_key(w) for w in TOTAL_WORDS)


def caption_key(value: object) -> str:
    """Accent-insensitive caption, legacy-encoded text converted first."""
    return loose_key(to_unicode(str(value)).text) if value is not None else ""


_Leaves = tuple[tuple[str, tuple[str, ...]], ...]  # (indicator, words) in match order


@dataclass(frozen=True)
class CaptionGroup:
    """A header group of a form (e.g. "Số hồ sơ đã giải quyết") and its input columns.

    ``name`` is the group's first column key without ``_total`` ("resolved");
    ``leaves`` lists ``(indicator, words)`` in the spec's order: the first match wins.
    """

    name: str
    caption: str
    words: tuple[str, ...]
    leaves: _Leaves
    top_leaves: _Leaves = ()


@dataclass(frozen=True)
class Vocabulary:
    """What the importer recognises, gathered from every version of every form spec."""

    groups: tuple[CaptionGroup, ...]
    field_label_words: tuple[str, ...]
    unit_label_words: tuple[str, ...]
    field_forms: tuple[str, ...] = ()  # codes of the forms with a row per field ("06b")
    unit_forms: tuple[str, ...] = ()  # … with a row per unit ("06a")

    @property
    def label_words(self) -> tuple[str, ...]:
        return (*self.field_label_words, *self.unit_label_words, *GENERIC_LABEL_WORDS)


def _words(node: HeaderNode) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k in map(loose_key, (*node.accept, node.text)) if k))


def _group_of_spec(spec: FormSpec, node: HeaderNode) -> CaptionGroup:
    leaves, top = [], []
    for leaf in node.leaves():
        col = spec.column(leaf.column)
        if col.kind != "indicator":
            continue
        leaves.append((col.indicator, _words(leaf)))
        if leaf.top_accept:
            top.append((col.indicator, tuple(loose_key(w) for w in leaf.top_accept)))
    first = node.leaves()[0].column
    name = first[: -len("_total")] if first.endswith("_total") else first
    return CaptionGroup(name, node.text, _words(node), tuple(leaves), tuple(top))


def _merge(a: CaptionGroup, b: CaptionGroup) -> CaptionGroup:
    def union(x: _Leaves, y: _Leaves) -> _Leaves:
        out = dict(x)
        for ind, words in y:
            out[ind] = tuple(dict.fromkeys((*out.get(ind, ()), *words)))
        return tuple(out.items())

    return CaptionGroup(
        a.name,
        a.caption,
        tuple(dict.fromkeys((*a.words, *b.words))),
        union(a.leaves, b.leaves),
        union(a.top_leaves, b.top_leaves),
    )


@lru_cache(maxsize=4)
def _vocabulary(folder: str) -> Vocabulary:
    groups: dict[str, CaptionGroup] = {}
    field_words: list[str] = []
    unit_words: list[str] = []
    forms: dict[str, list[str]] = {"field": [], "unit": []}
    # newest versions first: their captions name the groups in messages
    for spec in sorted(load_specs(Path(folder)), key=lambda s: s.valid_from, reverse=True):
        for node in spec.header:
            if node.children and node.accept:
                group = _group_of_spec(spec, node)
                groups[group.name] = (
                    _merge(groups[group.name], group) if group.name in groups else group
                )
            elif node.column and node.accept and spec.column(node.column).kind == "label":
                words = field_words if spec.rows.source == "field" else unit_words
                words.extend(loose_key(w) for w in node.accept)
                forms["field" if spec.rows.source == "field" else "unit"].append(spec.code)
    return Vocabulary(
        tuple(groups.values()),
        tuple(dict.fromkeys(field_words)),
        tuple(dict.fromkeys(unit_words)),
        tuple(dict.fromkeys(forms["field"])),
        tuple(dict.fromkeys(forms["unit"])),
    )


def vocabulary() -> Vocabulary:
    """The importer's captions, from the form specs of the resources folder in use."""
    return _vocabulary(str(specs_dir()))


def group_captions() -> list[str]:
    """The captions of the groups a form-06 table is recognised by, for messages."""
    return [g.caption for g in vocabulary().groups]


def _match(leaves: _Leaves, caption: str) -> str | None:
    for indicator, words in leaves:
        if any(w in caption for w in words):
            return indicator
    return None


def indicator_for(group: str, caption: str) -> str | None:
    """Indicator of a leaf caption inside a header group; ``None`` for totals and others."""
    for g in vocabulary().groups:
        if g.name == group:
            return _match(g.leaves, caption)
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


def _group_of(text: str, vocab: Vocabulary) -> str | None:
    for group in vocab.groups:
        if any(w in text for w in group.words):
            return group.name
    return None


def _is_number_row(row: Sequence[object]) -> bool:
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
    vocab = vocabulary()
    header_first = None
    for r in range(min(scan_rows, len(rows))):
        keys = [caption_key(v) for v in rows[r]]
        groups = {_group_of(k, vocab) for k in keys if k} - {None}
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
    tops = {g.name: g.top_leaves for g in vocab.groups}
    for c in range(width):
        path = [filled[i][c] for i in range(len(filled))]
        raw_top = caption_key(rows[header_first][c] if c < len(rows[header_first]) else None)
        if (
            raw_top
            and any(w in raw_top for w in vocab.label_words)
            and not _group_of(raw_top, vocab)
        ):
            label_col = c + 1
            label_kind = (
                "unit"
                if any(w in raw_top for w in vocab.unit_label_words)
                and not any(w in raw_top for w in vocab.field_label_words)
                else "field"
            )
            continue
        group = _group_of(path[0], vocab) if path else None
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
        if ind is None and leaf == "":
            ind = _match(tops[group], path[0])
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
    k = match_key(label)
    words: tuple[str, ...] = TOTAL_WORDS
    if k.isascii():
        k, words = loose_key(label), _TOTAL_WORDS_PLAIN
    return any(k == w or k.startswith(w + " ") or k.startswith(w + ":") for w in words)
