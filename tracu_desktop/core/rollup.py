"""Periods made of smaller periods: a quarter from its months, a year from its quarters.

Each indicator says in the catalog how it follows from its sub-periods
(:class:`~tracu_desktop.core.models.Aggregation`): flows (received, resolved) are summed; the
carry-over is the first sub-period's and the pending dossiers are the last one's. Each
sub-period's carry-over should equal the pending of the one before (``carried_from``);
where it does not, the roll-up says so instead of hiding it. Indicators without a rule
are not derived at all: the clerk enters them for the longer period.

Pure: figures in, figures out; reading and writing are in :mod:`tracu_desktop.db.rollup`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tracu_desktop.core.models import Aggregation, Indicator
from tracu_desktop.core.periods import PeriodKind, make_code, parse_code

Cell = tuple[str, str, str]  # (unit, field, indicator)


class Grain(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


GRAIN_LABELS = {Grain.MONTH: "các tháng", Grain.QUARTER: "các quý"}


class RollupError(ValueError):
    """The period cannot be made of the requested sub-periods; Vietnamese message."""


def _last_month(kind: PeriodKind, index: int) -> int:
    return {
        PeriodKind.YEAR: 12,
        PeriodKind.NINE_MONTHS: 9,
        PeriodKind.HALF: 6,
        PeriodKind.QUARTER: index * 3,
    }[kind]


def sub_period_codes(code: str, grain: Grain) -> list[str]:
    """Codes of the sub-periods that make up ``code``, in order (``2024-Q1`` → three months)."""
    year, kind, index = parse_code(code)
    if kind is PeriodKind.MONTH:
        raise RollupError(f"Kỳ {code} là một tháng, không có kỳ nhỏ hơn để tổng hợp.")
    last = _last_month(kind, index)
    if grain is Grain.MONTH:
        first = index * 3 - 2 if kind is PeriodKind.QUARTER else 1
        return [make_code(year, PeriodKind.MONTH, m) for m in range(first, last + 1)]
    if kind is PeriodKind.QUARTER:
        raise RollupError(f"Kỳ {code} là một quý: chỉ tổng hợp được từ các tháng.")
    return [make_code(year, PeriodKind.QUARTER, q) for q in range(1, last // 3 + 1)]


def grains_for(code: str) -> list[Grain]:
    """The sub-period sizes a period can be made of, finest first."""
    _year, kind, _index = parse_code(code)
    if kind is PeriodKind.MONTH:
        return []
    if kind is PeriodKind.QUARTER:
        return [Grain.MONTH]
    return [Grain.MONTH, Grain.QUARTER]


@dataclass(frozen=True)
class ChainBreak:
    """A sub-period's carry-over differs from the previous sub-period's pending."""

    unit: str
    field: str
    earlier: str  # sub-period code
    later: str
    pending: int  # sum of the carried_from indicators in ``earlier``
    carried: int  # the carry-over indicator in ``later``
    indicator: str  # the carry-over indicator


@dataclass
class RollupResult:
    values: dict[Cell, int] = field(default_factory=dict)
    chain_breaks: list[ChainBreak] = field(default_factory=list)
    not_derived: set[str] = field(default_factory=set)  # indicators present, no rule


def roll_up(
    subs: Sequence[tuple[str, Mapping[Cell, int]]], catalog: Mapping[str, Indicator]
) -> RollupResult:
    """Combine the sub-periods' figures ``[(code, {cell: value})]`` (in order) by the rules."""
    result = RollupResult()
    if not subs:
        return result
    first_code, first_values = subs[0]
    last_code, last_values = subs[-1]
    for _code, values in subs:
        for cell, value in values.items():
            ind = catalog.get(cell[2])
            rule = ind.aggregation if ind else Aggregation.NONE
            if rule is Aggregation.SUM:
                result.values[cell] = result.values.get(cell, 0) + value
            elif rule is Aggregation.NONE:
                result.not_derived.add(cell[2])
    for cell, value in first_values.items():
        ind = catalog.get(cell[2])
        if ind and ind.aggregation is Aggregation.FIRST:
            result.values[cell] = value
    for cell, value in last_values.items():
        ind = catalog.get(cell[2])
        if ind and ind.aggregation is Aggregation.LAST:
            result.values[cell] = value
    result.chain_breaks = chain_breaks(subs, catalog)
    return result


def chain_breaks(
    subs: Sequence[tuple[str, Mapping[Cell, int]]], catalog: Mapping[str, Indicator]
) -> list[ChainBreak]:
    """Every (unit, field) whose carry-over does not continue the previous pending."""
    carries = [i for i in catalog.values() if i.carried_from]
    breaks: list[ChainBreak] = []
    for (earlier, before), (later, after) in zip(subs, subs[1:], strict=False):
        before_places = {(u, f) for u, f, _i in before}
        after_places = {(u, f) for u, f, _i in after}
        for ind in carries:
            for unit, fld in sorted(before_places & after_places):
                pending = sum(before.get((unit, fld, src), 0) for src in ind.carried_from)
                carried = after.get((unit, fld, ind.code), 0)
                if pending != carried:
                    breaks.append(ChainBreak(unit, fld, earlier, later, pending, carried, ind.code))
    return breaks
