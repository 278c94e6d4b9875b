"""Several monthly or weekly sheets (or files) imported into one longer period.

One-stop systems export one sheet per month (“Tháng 1”, “T2”, “03/2026”) or per week
(“Tuần 3”). Imported into a quarter, such sheets are combined exactly as the period
roll-up combines stored months (:func:`tracu_desktop.core.rollup.roll_up`): flows summed,
the carry-over taken from the first sheet, the pending dossiers from the last, and a
warning naming both sheets wherever a sheet's carry-over does not continue the previous
sheet's pending. The per-sheet figures are kept so the preview can show them beside the
summed result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.periods import PeriodKind, parse_code
from tracu_desktop.core.rollup import Cell, roll_up
from tracu_desktop.core.textnorm import nfc, strip_accents
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.interchange.datavalues import Catalog
from tracu_desktop.interchange.sheet_reader import SheetData
from tracu_desktop.interchange.workbook_parse import (
    KIND_TABLE,
    Figure,
    Message,
    ParsedWorkbook,
    Where,
)

MONTH, WEEK = "month", "week"
_KIND_WORDS = {MONTH: "Tháng", WEEK: "Tuần"}

# Matched on the name without accents, lower case: "thang 1", "t1", "t.01", "tuan 3",
# "w3", "01/2026", "1-2026", "thang 01 nam 2026", "t1-2026", "tuan 3/2026".
_NAMED = re.compile(
    r"^(?:bieu\s*|so lieu\s*|bao cao\s*)?"
    r"(?P<word>thang|tuan|t|w)\.?\s*(?P<index>\d{1,2})"
    r"(?:\s*(?:[/\-._ ]|\s+nam\s+)\s*(?P<year>\d{4}))?$"
)
_NUMERIC = re.compile(r"^(?P<index>\d{1,2})\s*[/\-.]\s*(?P<year>\d{4})$")


@dataclass(frozen=True, order=True)
class SubPeriodName:
    """A month or week named by a sheet or a file; ordered by year, then number."""

    kind: str  # MONTH or WEEK
    year: int  # 0 when the name gives no year
    index: int

    def label(self) -> str:
        word = _KIND_WORDS[self.kind]
        return f"{word} {self.index}/{self.year}" if self.year else f"{word} {self.index}"


def sub_period_of(name: str) -> SubPeriodName | None:
    """The month or week a sheet (or file stem) is named for, or ``None``."""
    text = strip_accents(nfc(name)).lower().replace("đ", "d").strip()
    text = re.sub(r"\s+", " ", text)
    m = _NAMED.match(text)
    if m:
        kind = WEEK if m.group("word") in ("tuan", "w") else MONTH
    else:
        m = _NUMERIC.match(text)
        if not m:
            return None
        kind = MONTH
    index = int(m.group("index"))
    year = int(m.group("year")) if m.group("year") else 0
    limit = 12 if kind == MONTH else 53
    if not 1 <= index <= limit:
        return None
    return SubPeriodName(kind, year, index)


@dataclass
class SubSource:
    """One month's or week's figures: a sheet of a workbook, or a whole file."""

    name: SubPeriodName
    source: str  # the sheet name or file name, as the clerk sees it
    parsed: ParsedWorkbook


@dataclass
class SubPeriodRollup:
    """What the preview shows: each sheet's figures and the summed result."""

    file: str
    sources: list[str]  # sheet or file names, in order
    per_source: dict[Cell, list[int | None]] = field(default_factory=dict)
    totals: dict[Cell, int] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)


@dataclass
class RolledUpWorkbook(ParsedWorkbook):
    """A parsed table whose figures were summed from monthly or weekly sources."""

    rollup: SubPeriodRollup | None = None


def _order_problems(subs: Sequence[SubSource], file: str, files: bool) -> list[Message]:
    problems: list[Message] = []
    kinds = {s.name.kind for s in subs}
    if len(kinds) > 1:
        problems.append(
            Message(
                Where(file),
                "Không cộng được trang theo tháng với trang theo tuần trong cùng một lần nhập: "
                + ", ".join(f"“{s.source}”" for s in subs)
                + ".",
            )
        )
    seen: dict[SubPeriodName, str] = {}
    for s in subs:
        if s.name in seen:
            problems.append(
                Message(
                    _where(file, s.source, files),
                    f"Trùng kỳ với “{seen[s.name]}” (cùng là {s.name.label().lower()}).",
                )
            )
        seen.setdefault(s.name, s.source)
    return problems


def _period_problems(
    subs: Sequence[SubSource], target: str, file: str, files: bool
) -> list[Message]:
    """Months must lie in the target period (and its year); weeks are not checked."""
    try:
        year, kind, index = parse_code(target)
    except ValueError:
        return []
    months = {
        PeriodKind.YEAR: range(1, 13),
        PeriodKind.NINE_MONTHS: range(1, 10),
        PeriodKind.HALF: range(1, 7),
        PeriodKind.QUARTER: range(index * 3 - 2, index * 3 + 1),
        PeriodKind.MONTH: range(index, index + 1),
    }[kind]
    problems: list[Message] = []
    for s in subs:
        if s.name.kind != MONTH:
            continue
        if s.name.year and s.name.year != year:
            problems.append(
                Message(
                    _where(file, s.source, files),
                    f"Trang là số liệu năm {s.name.year}, không thuộc kỳ {target}.",
                )
            )
        elif s.name.index not in months:
            problems.append(
                Message(
                    _where(file, s.source, files),
                    f"Tháng {s.name.index} không thuộc kỳ {target} "
                    f"(tháng {months.start} đến tháng {months.stop - 1}).",
                )
            )
    return problems


def _missing_months(subs: Sequence[SubSource], target: str, file: str) -> list[Message]:
    try:
        _year, kind, index = parse_code(target)
    except ValueError:
        return []
    if kind is PeriodKind.MONTH or any(s.name.kind != MONTH for s in subs):
        return []
    first = index * 3 - 2 if kind is PeriodKind.QUARTER else 1
    last = {PeriodKind.QUARTER: index * 3, PeriodKind.HALF: 6, PeriodKind.NINE_MONTHS: 9}.get(
        kind, 12
    )
    have = {s.name.index for s in subs}
    missing = [m for m in range(first, last + 1) if m not in have]
    if not missing:
        return []
    return [
        Message(
            Where(file),
            "Thiếu trang của " + ", ".join(f"tháng {m}" for m in missing) + f" trong kỳ {target}: "
            "số cộng dồn chỉ gồm các tháng có trong tệp.",
        )
    ]


def _place(catalog: Catalog, unit: str, fld: str) -> str:
    u = catalog.units.get(unit)
    f = catalog.fields.get(fld)
    name = u.name if u else unit
    return f"{name} — lĩnh vực {f.name}" if f else name


def _where(file: str, source: str, files: bool) -> Where:
    """A sheet of ``file``, or (when the sources are whole files) the file itself."""
    return Where(source) if files else Where(file, source)


def roll_up_sources(
    subs: Sequence[SubSource],
    file: str,
    catalog: Catalog,
    target: str | None,
    *,
    files: bool = False,
) -> RolledUpWorkbook:
    """Combine the sub-period sources into one parsed table for ``target``.

    Problems of any source are the result's problems (nothing is imported then); chain
    breaks and missing months are notes, shown before anything is written.
    """
    ordered = sorted(subs, key=lambda s: s.name)
    summary = SubPeriodRollup(file, [s.source for s in ordered])
    result = RolledUpWorkbook(file, KIND_TABLE, period=target, rollup=summary)
    result.shape = ordered[0].parsed.shape if ordered else ""
    for s in ordered:
        result.problems.extend(s.parsed.problems)
        result.notes.extend(s.parsed.notes)
        result.unmatched.extend(s.parsed.unmatched)
    result.problems.extend(_order_problems(ordered, file, files))
    if target:
        result.problems.extend(_period_problems(ordered, target, file, files))
    if result.problems:
        return result
    inds = indicator_map()
    keyed: list[tuple[str, dict[Cell, int]]] = []
    for s in ordered:
        keyed.append(
            (s.source, {(f.unit, f.field, f.indicator): f.value for f in s.parsed.figures})
        )
    rolled = roll_up(keyed, inds)
    for i, (_src, values) in enumerate(keyed):
        for cell, value in values.items():
            summary.per_source.setdefault(cell, [None] * len(keyed))[i] = value
    summary.totals = dict(rolled.values)
    span = f"{ordered[0].source} … {ordered[-1].source}"
    where = Where(file) if files else Where(file, span)
    for (unit, fld, ind), value in sorted(rolled.values.items()):
        result.figures.append(Figure(where, unit, fld, ind, value))
    for brk in rolled.chain_breaks:
        label = inds[brk.indicator].label if brk.indicator in inds else brk.indicator
        summary.warnings.append(
            Message(
                _where(file, brk.later, files),
                f"{_place(catalog, brk.unit, brk.field)}: {label.lower()} của “{brk.later}” = "
                f"{format_int(brk.carried)} khác số đang giải quyết của “{brk.earlier}” = "
                f"{format_int(brk.pending)}.",
            )
        )
    for code in sorted(rolled.not_derived):
        label = inds[code].label if code in inds else code
        summary.warnings.append(
            Message(
                where,
                f"“{label}” không cộng dồn được từ các kỳ nhỏ; chưa nhập, hãy nhập cho cả kỳ.",
            )
        )
    if target:
        summary.warnings.extend(_missing_months(ordered, target, file))
    result.notes.append(
        Message(
            where,
            f"Cộng dồn {len(ordered)} {'tệp' if files else 'trang'} ({', '.join(summary.sources)}): số tiếp nhận, "
            f"đã giải quyết được cộng; số từ kỳ trước lấy của “{ordered[0].source}”, số đang "
            f"giải quyết lấy của “{ordered[-1].source}”.",
        )
    )
    result.notes.extend(summary.warnings)
    return result


def sub_period_sheets(sheets: Sequence[SheetData]) -> list[tuple[SubPeriodName, SheetData]]:
    """The visible sheets named for a month or week, when there are at least two."""
    hits = []
    for sheet in sheets:
        name = None if sheet.hidden else sub_period_of(sheet.name)
        if name is not None:
            hits.append((name, sheet))
    return hits if len(hits) >= 2 else []


def sub_period_files(names: Sequence[str]) -> list[SubPeriodName] | None:
    """Each file's month or week from its name (without suffix), or ``None`` unless all
    of at least two files name one."""
    if len(names) < 2:
        return None
    found = []
    for name in names:
        stem = re.sub(r"\.(xlsx|xlsm|xls)$", "", name.strip(), flags=re.IGNORECASE)
        sub = sub_period_of(stem)
        if sub is None:
            return None
        found.append(sub)
    return found


_SPANS = {
    (1, 3): "Q1",
    (4, 6): "Q2",
    (7, 9): "Q3",
    (10, 12): "Q4",
    (1, 6): "H1",
    (1, 9): "9M",
}


def inferred_period(subs: Sequence[SubSource]) -> str | None:
    """The quarter, half-year, nine months or year that dated months make up exactly."""
    names = sorted({s.name for s in subs})
    if not names or any(n.kind != MONTH or not n.year for n in names):
        return None
    years = {n.year for n in names}
    months = [n.index for n in names]
    if len(years) != 1 or months != list(range(months[0], months[-1] + 1)):
        return None
    year = years.pop()
    if (months[0], months[-1]) == (1, 12):
        return str(year)
    suffix = _SPANS.get((months[0], months[-1]))
    return f"{year}-{suffix}" if suffix else None


def skipped_sheet_notes(
    sheets: Sequence[SheetData], used: Sequence[SheetData], file: str
) -> list[Message]:
    """Say which visible sheets were left out because they name no month or week."""
    used_names = {s.name for s in used}
    return [
        Message(
            Where(file, s.name),
            "Trang không mang tên tháng hay tuần (ví dụ “Tháng 1”, “T2”, “Tuần 3”, "
            "“01/2026”) nên không được cộng dồn.",
        )
        for s in sheets
        if not s.hidden and s.name not in used_names
    ]
