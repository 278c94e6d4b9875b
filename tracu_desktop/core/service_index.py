"""Rates of the national service index (Quyết định 766/QĐ-TTg) from a period's figures.

The rates' definitions are data (``resources/catalogs/service_index.toml``): which
indicators make the numerator and the denominator, the formula in words, the legal source,
and how the rate scores, where a source says so. Points are never computed without a
published rule: the program's sources give only each group's maximum, so the page shows
rates and says that.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tracu_desktop.core.indicators import indicator_map, rate
from tracu_desktop.core.resources import resource_path


@dataclass(frozen=True)
class IndexGroup:
    code: str
    label: str
    max_points: int


@dataclass(frozen=True)
class RateDefinition:
    code: str
    label: str
    group: IndexGroup
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    formula: str
    formula_basis: str  # "report": the narrative report's own rate; "program": our reading
    scoring: str  # the published scoring rule, "" where the sources give none
    note: str = ""


@dataclass(frozen=True)
class ServiceIndex:
    source: str
    scoring_note: str
    groups: tuple[IndexGroup, ...]
    rates: tuple[RateDefinition, ...]


@dataclass(frozen=True)
class RateValue:
    """One rate of one period; ``value`` is ``None`` when it cannot be computed."""

    definition: RateDefinition
    numerator: int
    denominator: int
    value: Decimal | None
    missing: tuple[str, ...]  # numerator indicators never entered for the period

    @property
    def reason(self) -> str:
        """Why there is no value (Vietnamese), or ""."""
        if self.missing:
            return "chưa có số liệu"
        if self.value is None:
            return "mẫu số bằng 0"
        return ""


class ServiceIndexError(ValueError):
    """The definitions file is inconsistent; the message names the entry."""


@lru_cache(maxsize=1)
def load_service_index() -> ServiceIndex:
    """The definitions, checked against the indicator catalog."""
    with open(resource_path("catalogs", "service_index.toml"), "rb") as fh:
        raw = tomllib.load(fh)
    groups = {
        g["code"]: IndexGroup(g["code"], g["label"], int(g["max_points"])) for g in raw["group"]
    }
    known = indicator_map()
    rates = []
    for item in raw["rate"]:
        if item["group"] not in groups:
            raise ServiceIndexError(f"Tỷ lệ {item['code']}: không có nhóm “{item['group']}”.")
        for code in (*item["numerator"], *item["denominator"]):
            if code not in known:
                raise ServiceIndexError(f"Tỷ lệ {item['code']}: không có chỉ tiêu “{code}”.")
        rates.append(
            RateDefinition(
                code=item["code"],
                label=item["label"],
                group=groups[item["group"]],
                numerator=tuple(item["numerator"]),
                denominator=tuple(item["denominator"]),
                formula=item["formula"],
                formula_basis=item["formula_basis"],
                scoring=item.get("scoring", ""),
                note=item.get("note", ""),
            )
        )
    return ServiceIndex(raw["source"], raw["scoring_note"], tuple(groups.values()), tuple(rates))


def compute_service_rates(values: Mapping[str, int | None]) -> list[RateValue]:
    """Every rate from indicator values summed over the period (absent = never entered)."""
    out = []
    for d in load_service_index().rates:
        missing = tuple(c for c in d.numerator if values.get(c) is None)
        num = sum(int(values.get(c) or 0) for c in d.numerator)
        den = sum(int(values.get(c) or 0) for c in d.denominator)
        value = None if len(missing) == len(d.numerator) else rate(num, den)
        out.append(RateValue(d, num, den, value, missing if value is None else ()))
    return out


def rate_tooltip(d: RateDefinition, source: str, scoring_note: str) -> str:
    """What the clerk reads on hover: formula, legal source, how (or whether) it scores."""
    basis = (
        "cách tính như trong báo cáo của chương trình"
        if d.formula_basis == "report"
        else "cách tính của chương trình từ các số liệu đang lưu"
    )
    lines = [
        d.label,
        f"Công thức: {d.formula} ({basis}).",
        f"Căn cứ: {source}, nhóm “{d.group.label}” (tối đa {d.group.max_points} điểm).",
        f"Cách chấm điểm: {d.scoring}" if d.scoring else scoring_note,
    ]
    if d.note:
        lines.append(d.note)
    return "\n".join(lines)
