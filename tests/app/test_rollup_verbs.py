"""Roll-up verbs on a database path (as the background helper calls them): the plan
writes nothing, the commit creates the period and writes, entered figures need ``replace``."""

from __future__ import annotations

import pytest

from tests.core.test_rollup import NAMES
from tracu_desktop.app.rollup import RollupConflict, RollupError, commit_rollup, plan_rollup
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.periods import add_period, get_period
from tracu_desktop.db.values import Change, apply_changes, get_value
from tracu_desktop.infra.progress import Cancelled

U, F = "XA_KIM_SON", "X_HO_TICH"
KEY = ValueKey("2024-Q1", U, F, "received_online")
MONTHS = {
    "2024-M01": (10, 20, 5, 8, 12, 1, 12, 2),
    "2024-M02": (13, 30, 6, 10, 20, 0, 17, 2),
    "2024-M03": (19, 25, 4, 9, 15, 2, 19, 3),
}


def _months(db) -> None:
    for code, values in MONTHS.items():
        add_period(db, code)
        apply_changes(
            db, [Change(ValueKey(code, U, F, n), v) for n, v in zip(NAMES, values, strict=True)]
        )


def test_plan_then_commit_a_new_quarter(demo_db, demo_db_path):
    _months(demo_db)
    seen: list[tuple[int, int]] = []
    plan = plan_rollup(demo_db_path, "2024-Q1", progress=lambda d, t: seen.append((d, t)))
    assert [p.code for p in plan.sources] == list(MONTHS)
    assert seen[-1] == (1, 1)
    assert get_period(demo_db, "2024-Q1") is None  # the plan writes nothing
    result = commit_rollup(demo_db_path, plan)
    assert result.created and result.period == "2024-Q1" and result.changes
    assert get_value(demo_db, KEY) == 75  # 20 + 30 + 25 received online


def test_entered_figures_are_replaced_only_when_asked(demo_db, demo_db_path):
    _months(demo_db)
    add_period(demo_db, "2024-Q1")
    apply_changes(demo_db, [Change(KEY, 70)])
    plan = plan_rollup(demo_db_path, "2024-Q1")
    with pytest.raises(RollupConflict, match="đã có 1 số liệu khác với số tổng hợp"):
        commit_rollup(demo_db_path, plan)
    assert get_value(demo_db, KEY) == 70
    commit_rollup(demo_db_path, plan, replace=True)
    assert get_value(demo_db, KEY) == 75


def test_missing_months_and_cancel(demo_db, demo_db_path):
    add_period(demo_db, "2024-M01")
    with pytest.raises(RollupError, match="chưa có kỳ tháng 02 năm 2024"):
        plan_rollup(demo_db_path, "2024-Q1")
    with pytest.raises(Cancelled):
        plan_rollup(demo_db_path, "2024-Q1", is_cancelled=lambda: True)
