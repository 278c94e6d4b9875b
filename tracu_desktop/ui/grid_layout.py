"""Column layouts of the entry grids, built from the indicator catalog.

A layout is plain data: the ordered columns of a grid (inputs, derived totals, rates)
with their printed column numbers and short captions, so the grid reads like the paper
form. No Qt here beyond the package boundary; the model in :mod:`grid_model` renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tracu_desktop.core.indicators import (
    FORM05A_INPUTS,
    FORM05A_TOTALS,
    FORM06_INPUTS,
    FORM06_TOTALS,
    indicator_map,
    rate,
    total,
)

INPUT, TOTAL, RATE = "input", "total", "rate"


@dataclass(frozen=True)
class Column:
    kind: str  # INPUT | TOTAL | RATE
    code: str  # indicator code, derived-total name or rate name
    number: int | None  # column number printed on the form
    caption: str  # short header text
    tooltip: str

    @property
    def editable(self) -> bool:
        return self.kind == INPUT

    @property
    def header(self) -> str:
        return f"({self.number})\n{self.caption}" if self.number else self.caption


@dataclass(frozen=True)
class RateSpec:
    code: str
    caption: str
    tooltip: str
    compute: Callable[[Mapping[str, int]], Decimal | None]


def _online(v: Mapping[str, int]) -> Decimal | None:
    return rate(
        v.get("received_online", 0), v.get("received_online", 0) + v.get("received_direct", 0)
    )


def _on_time(v: Mapping[str, int]) -> Decimal | None:
    return rate(
        v.get("resolved_early", 0) + v.get("resolved_on_time", 0), total(v, "resolved_total")
    )


RATES: dict[str, RateSpec] = {
    "online_rate": RateSpec(
        "online_rate",
        "Tỷ lệ\ntrực\ntuyến",
        "Tỷ lệ tiếp nhận trực tuyến = (4) / ((4) + (5))",
        _online,
    ),
    "on_time_rate": RateSpec(
        "on_time_rate",
        "Tỷ lệ\ntrước,\nđúng hạn",
        "Tỷ lệ giải quyết trước hạn và đúng hạn = ((8) + (9)) / (7)",
        _on_time,
    ),
}

_TOTAL_CAPTIONS = {
    "received_total": ("Tổng\nnhận", "Tổng số hồ sơ nhận giải quyết (3) = (4) + (5) + (6)"),
    "resolved_total": ("Tổng\nđã GQ", "Tổng số hồ sơ đã giải quyết (7) = (8) + (9) + (10)"),
    "pending_total": ("Tổng\nđang GQ", "Tổng số hồ sơ đang giải quyết (11) = (12) + (13)"),
    "pakn_received_total": ("Tổng\ntiếp nhận", "Tổng số PAKN tiếp nhận (3) = (4) + (5)"),
    "pakn_done_total": ("Tổng\nđã xử lý", "Tổng số PAKN đã xử lý (6) = (7) + (8)"),
    "pakn_pending_total": ("Tổng\nđang xử lý", "Tổng số PAKN đang xử lý (9) = (10) + (11)"),
}


# Header captions broken into short lines so 13 columns fit a 1366-pixel screen.
GRID_CAPTIONS = {
    "received_online": "Trực\ntuyến",
    "received_direct": "Trực tiếp,\nbưu chính",
    "carried_over": "Kỳ trước\nchuyển qua",
    "resolved_early": "Trước\nhạn",
    "resolved_on_time": "Đúng\nhạn",
    "resolved_late": "Quá\nhạn",
    "pending_on_time": "Trong\nhạn",
    "pending_overdue": "Quá\nhạn",
    "pakn_received_conduct": "Về\nHVHC",
    "pakn_received_regulation": "Về\nQĐHC",
    "pakn_done_conduct": "Về\nHVHC",
    "pakn_done_regulation": "Về\nQĐHC",
    "pakn_pending_conduct": "Về\nHVHC",
    "pakn_pending_regulation": "Về\nQĐHC",
    "pakn_published": "Đã đăng\ncông khai",
    "tthc_authority": "TTHC thuộc\nthẩm quyền",
    "tthc_onestop": "Một cửa,\nliên thông",
    "tthc_internal_procedures": "Quy trình\nnội bộ",
}


def _input(code: str) -> Column:
    ind = indicator_map()[code]
    caption = GRID_CAPTIONS.get(code, ind.short)
    return Column(
        INPUT, code, ind.column, caption, f"({ind.column}) {ind.label}" if ind.column else ind.label
    )


def _total(name: str, totals: Mapping[str, tuple[int, tuple[str, ...]]]) -> Column:
    caption, tip = _TOTAL_CAPTIONS[name]
    return Column(TOTAL, name, totals[name][0], caption, tip + " — tự tính, không nhập.")


def _columns(
    inputs: tuple[str, ...],
    totals: Mapping[str, tuple[int, tuple[str, ...]]],
    rates: tuple[str, ...],
) -> tuple[Column, ...]:
    """Inputs and totals in the order of the printed column numbers, then the rates."""
    cols = [_input(c) for c in inputs] + [_total(t, totals) for t in totals]
    cols.sort(key=lambda c: c.number or 99)
    for code in rates:
        spec = RATES[code]
        cols.append(Column(RATE, code, None, spec.caption, spec.tooltip))
    return tuple(cols)


@lru_cache(maxsize=1)
def form06_columns() -> tuple[Column, ...]:
    return _columns(FORM06_INPUTS, FORM06_TOTALS, ("online_rate", "on_time_rate"))


@lru_cache(maxsize=1)
def form05a_columns() -> tuple[Column, ...]:
    return _columns(FORM05A_INPUTS, FORM05A_TOTALS, ())


def single_columns(codes: tuple[str, ...]) -> tuple[Column, ...]:
    """Input columns for indicators kept per unit × field outside forms 06/05a (e.g. 07b, s4)."""
    return tuple(_input(c) for c in codes)


def cell_value(column: Column, values: Mapping[str, int]) -> int | Decimal | None:
    """What a column shows for one row's stored inputs (``None`` = blank)."""
    if column.kind == INPUT:
        return values.get(column.code)
    if column.kind == TOTAL:
        from tracu_desktop.core.indicators import DERIVED_TOTALS

        parts = DERIVED_TOTALS[column.code][1]
        if not any(p in values for p in parts):
            return None
        return total(values, column.code)
    return RATES[column.code].compute(values)
