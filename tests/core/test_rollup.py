"""A quarter from its months: flows summed, carry-over first, pending last, chain checked."""

from __future__ import annotations

import pytest

from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.models import Aggregation
from tracu_desktop.core.rollup import Grain, RollupError, grains_for, roll_up, sub_period_codes

U, F = "XA_KIM_SON", "X_HO_TICH"
# Form-06 inputs in the order the month tuples of these tests list them.
NAMES = (
    "carried_over",
    "received_online",
    "received_direct",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_on_time",
    "pending_overdue",
)


def _month(
    carried: int,
    online: int,
    direct: int,
    early: int,
    on_time: int,
    late: int,
    pend_ok: int,
    pend_late: int,
) -> dict[tuple[str, str, str], int]:
    values = (carried, online, direct, early, on_time, late, pend_ok, pend_late)
    return {(U, F, n): v for n, v in zip(NAMES, values, strict=True)}


def test_sub_periods_of_each_kind() -> None:
    assert sub_period_codes("2024-Q1", Grain.MONTH) == ["2024-M01", "2024-M02", "2024-M03"]
    assert sub_period_codes("2024-Q4", Grain.MONTH)[-1] == "2024-M12"
    assert sub_period_codes("2024-H1", Grain.QUARTER) == ["2024-Q1", "2024-Q2"]
    assert sub_period_codes("2024-9M", Grain.MONTH)[-1] == "2024-M09"
    assert sub_period_codes("2024", Grain.QUARTER) == [f"2024-Q{q}" for q in range(1, 5)]
    assert grains_for("2024-Q2") == [Grain.MONTH] and grains_for("2024-M05") == []
    with pytest.raises(RollupError, match="là một tháng"):
        sub_period_codes("2024-M01", Grain.MONTH)
    with pytest.raises(RollupError, match="chỉ tổng hợp được từ các tháng"):
        sub_period_codes("2024-Q1", Grain.QUARTER)


def test_catalog_says_flows_and_stocks_of_form_06() -> None:
    cat = indicator_map()
    assert cat["received_online"].aggregation is Aggregation.SUM
    assert cat["carried_over"].aggregation is Aggregation.FIRST
    assert cat["carried_over"].carried_from == ("pending_on_time", "pending_overdue")
    assert cat["pending_overdue"].aggregation is Aggregation.LAST
    assert cat["tthc_internal_procedures"].aggregation is Aggregation.NONE


def test_quarter_from_three_chained_months() -> None:
    m1 = _month(10, 20, 5, 8, 12, 1, 12, 2)  # 10+25 = 21 + 14
    m2 = _month(14, 30, 6, 10, 20, 0, 18, 2)  # 14+36 = 30 + 20
    m3 = _month(20, 25, 4, 9, 15, 2, 20, 3)  # 20+29 = 26 + 23
    result = roll_up([("2024-M01", m1), ("2024-M02", m2), ("2024-M03", m3)], indicator_map())
    got = {cell[2]: v for cell, v in result.values.items()}
    assert got["received_online"] == 75 and got["received_direct"] == 15
    assert got["resolved_early"] == 27 and got["resolved_on_time"] == 47
    assert got["resolved_late"] == 3
    assert got["carried_over"] == 10  # the first month's
    assert (got["pending_on_time"], got["pending_overdue"]) == (20, 3)  # the last month's
    received = got["carried_over"] + got["received_online"] + got["received_direct"]
    resolved = got["resolved_early"] + got["resolved_on_time"] + got["resolved_late"]
    assert received == resolved + got["pending_on_time"] + got["pending_overdue"]
    assert result.chain_breaks == []


def test_a_broken_chain_is_named_with_both_months() -> None:
    m1 = _month(10, 20, 5, 8, 12, 1, 12, 2)  # pending 14
    m2 = _month(11, 30, 6, 10, 20, 0, 15, 2)  # carried 11, not 14
    result = roll_up([("2024-M01", m1), ("2024-M02", m2)], indicator_map())
    (brk,) = result.chain_breaks
    assert (brk.earlier, brk.later, brk.pending, brk.carried) == ("2024-M01", "2024-M02", 14, 11)
    assert (brk.unit, brk.field, brk.indicator) == (U, F, "carried_over")


def test_indicators_without_a_rule_are_not_derived() -> None:
    subs = [("2024-M01", {("HUYEN", "", "tthc_internal_procedures"): 4})]
    result = roll_up(subs, indicator_map())
    assert result.values == {} and result.not_derived == {"tthc_internal_procedures"}
