"""Reporting periods: codes, default cut-off dates, Vietnamese labels, neighbours.

Codes: ``2023`` (năm), ``2024-Q1``…``Q4`` (quý), ``2024-H1`` (6 tháng), ``2024-9M``
(9 tháng), ``2024-M01``…``M12`` (tháng). Default dates follow the cut-off rule of
Nghị định 09/2019/NĐ-CP (15th of the month before to the 14th of the last month);
a stored period may override them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from tracu_desktop.core.vnformat import format_date


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    NINE_MONTHS = "9m"
    QUARTER = "quarter"
    MONTH = "month"


KIND_LABELS = {
    PeriodKind.YEAR: "Năm",
    PeriodKind.HALF: "6 tháng",
    PeriodKind.NINE_MONTHS: "9 tháng",
    PeriodKind.QUARTER: "Quý",
    PeriodKind.MONTH: "Tháng",
}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MIN_YEAR, MAX_YEAR = 1900, 2100  # "0001" or "0999" is a typing error, and no date fits year 0
_CODE_RE = re.compile(r"^(\d{4})(?:-(Q[1-4]|H1|9M|M(0[1-9]|1[0-2])))?$")


class PeriodCodeError(ValueError):
    """Unknown period code; the message is Vietnamese and lists the accepted forms."""


@dataclass(frozen=True)
class Period:
    """A reporting period. ``start``/``end`` are inclusive; ``name`` overrides the label."""

    code: str
    kind: PeriodKind
    year: int
    index: int  # quarter 1-4, month 1-12, 1 for half / nine months / year
    start: date
    end: date
    name: str = ""

    @property
    def is_default_range(self) -> bool:
        d = default_period(self.code)
        return (d.start, d.end) == (self.start, self.end)

    def base_label(self) -> str:
        """ "Quý I năm 2024", "6 tháng đầu năm 2024", "năm 2023"."""
        if self.kind is PeriodKind.YEAR:
            return f"năm {self.year}"
        if self.kind is PeriodKind.HALF:
            return f"6 tháng đầu năm {self.year}"
        if self.kind is PeriodKind.NINE_MONTHS:
            return f"9 tháng đầu năm {self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {_ROMAN[self.index]} năm {self.year}"
        return (
            f"tháng {self.index:02d} năm {self.year}"
            if self.index < 3
            else f"tháng {self.index} năm {self.year}"
        )

    def label(self) -> str:
        """Label used in titles; a custom date range is spelled out as the 2023 Trà Cú report does."""
        if self.name:
            return self.name
        base = self.base_label()
        if self.is_default_range:
            return base
        return f"{base} (từ ngày {format_date(self.start)} đến ngày {format_date(self.end)})"

    def title_label(self) -> str:
        """Label with an upper-case first letter, for form titles ("Năm 2023", "Quý I năm 2024")."""
        text = self.label()
        return text[:1].upper() + text[1:]

    def range_text(self) -> str:
        """ "(Từ ngày 01/01/2023 đến ngày 20/11/2023)", printed under form titles."""
        return f"(Từ ngày {format_date(self.start)} đến ngày {format_date(self.end)})"

    def with_dates(
        self, start: date | None = None, end: date | None = None, name: str | None = None
    ) -> Period:
        new = replace(
            self,
            start=start or self.start,
            end=end or self.end,
            name=self.name if name is None else name,
        )
        if new.end < new.start:
            raise PeriodCodeError(
                f"Ngày kết thúc {format_date(new.end)} trước ngày bắt đầu {format_date(new.start)}."
            )
        return new


def _month_start(year: int, month: int) -> date:
    """The 15th of the month before (year, month): start of a cut-off window."""
    if month == 1:
        return date(year - 1, 12, 15)
    return date(year, month - 1, 15)


def parse_code(code: str) -> tuple[int, PeriodKind, int]:
    """Split a period code into (year, kind, index), or raise :class:`PeriodCodeError`."""
    m = _CODE_RE.match(code.strip().upper())
    if not m:
        raise PeriodCodeError(
            f"Mã kỳ báo cáo “{code}” không hợp lệ. Dùng: 2023 (năm), 2024-Q1…2024-Q4 (quý), "
            "2024-H1 (6 tháng), 2024-9M (9 tháng), 2024-M01…2024-M12 (tháng)."
        )
    year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodCodeError(
            f"Mã kỳ báo cáo “{code}” có năm {m.group(1)} không hợp lệ "
            f"(chỉ nhận năm từ {MIN_YEAR} đến {MAX_YEAR})."
        )
    suffix = m.group(2)
    if suffix is None:
        return year, PeriodKind.YEAR, 1
    if suffix.startswith("Q"):
        return year, PeriodKind.QUARTER, int(suffix[1])
    if suffix == "H1":
        return year, PeriodKind.HALF, 1
    if suffix == "9M":
        return year, PeriodKind.NINE_MONTHS, 1
    return year, PeriodKind.MONTH, int(suffix[1:])


def normalize_code(code: str) -> str:
    year, kind, index = parse_code(code)
    return make_code(year, kind, index)


def make_code(year: int, kind: PeriodKind, index: int = 1) -> str:
    if kind is PeriodKind.YEAR:
        return f"{year}"
    if kind is PeriodKind.HALF:
        return f"{year}-H1"
    if kind is PeriodKind.NINE_MONTHS:
        return f"{year}-9M"
    if kind is PeriodKind.QUARTER:
        return f"{year}-Q{index}"
    return f"{year}-M{index:02d}"


def _end_month(kind: PeriodKind, index: int) -> int:
    """The month a period of this kind ends in (its cut-off is the 14th of that month)."""
    return {
        PeriodKind.YEAR: 12,
        PeriodKind.HALF: 6,
        PeriodKind.NINE_MONTHS: 9,
        PeriodKind.QUARTER: index * 3,
        PeriodKind.MONTH: index,
    }[kind]


def default_period(code: str) -> Period:
    """The period with its default cut-off dates."""
    year, kind, index = parse_code(code)
    last_month = _end_month(kind, index)
    first_month = {
        PeriodKind.QUARTER: index * 3 - 2,
        PeriodKind.MONTH: index,
    }.get(kind, 1)
    start = _month_start(year, first_month)
    end = date(year, last_month, 14)
    return Period(make_code(year, kind, index), kind, year, index, start, end)


def previous_code(code: str) -> str:
    """The contiguous previous period: the one ending the day before this one starts.

    Its pending dossiers are this period's carried-over ones. Half-year, nine-month and
    year periods all start on 15/12 of the year before, so the year before precedes them.
    """
    year, kind, index = parse_code(code)
    if kind is PeriodKind.QUARTER:
        return make_code(year - 1, kind, 4) if index == 1 else make_code(year, kind, index - 1)
    if kind is PeriodKind.MONTH:
        return make_code(year - 1, kind, 12) if index == 1 else make_code(year, kind, index - 1)
    return make_code(year - 1, PeriodKind.YEAR)


def same_period_last_year(code: str) -> str:
    year, kind, index = parse_code(code)
    return make_code(year - 1, kind, index)


def sort_key(code: str) -> tuple[int, int, int]:
    """Chronological order by end month, longer periods after shorter ones ending the same month."""
    year, kind, index = parse_code(code)
    end_month = _end_month(kind, index)
    length = {
        PeriodKind.MONTH: 1,
        PeriodKind.QUARTER: 3,
        PeriodKind.HALF: 6,
        PeriodKind.NINE_MONTHS: 9,
        PeriodKind.YEAR: 12,
    }[kind]
    return (year, end_month, length)
