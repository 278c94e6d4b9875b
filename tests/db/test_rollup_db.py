"""Rolling a stored quarter up from its stored months, through the store and the CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.core.test_rollup import NAMES
from tracu_desktop.core.models import ValueKey
from tracu_desktop.core.rollup import RollupError
from tracu_desktop.db import open_database
from tracu_desktop.db.checks import validate_period
from tracu_desktop.db.demo import create_demo
from tracu_desktop.db.periods import add_period, get_period
from tracu_desktop.db.rollup import RollupConflict, commit_rollup, plan_rollup
from tracu_desktop.db.values import Change, apply_changes, get_values, history

ROOT = Path(__file__).resolve().parents[2]
U, F = "XA_KIM_SON", "X_HO_TICH"
MONTHS = {
    "2024-M01": (10, 20, 5, 8, 12, 1, 12, 2),
    "2024-M02": (14, 30, 6, 10, 20, 0, 18, 2),
    "2024-M03": (20, 25, 4, 9, 15, 2, 20, 3),
}


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "r.sqlite3")
    create_demo(database)
    for code, values in MONTHS.items():
        add_period(database, code)
        apply_changes(
            database,
            [Change(ValueKey(code, U, F, n), v) for n, v in zip(NAMES, values, strict=True)],
        )
    yield database
    database.close()


def test_quarter_is_written_balanced_with_its_source(db) -> None:
    plan = plan_rollup(db, "2024-Q1")
    assert [p.code for p in plan.sources] == list(MONTHS) and not plan.target_exists
    assert plan.warnings == [] and plan.replaced == []
    commit_rollup(db, plan)
    q1 = get_values(db, "2024-Q1")
    assert q1[(U, F, "received_online")] == 75 and q1[(U, F, "carried_over")] == 10
    assert q1[(U, F, "pending_overdue")] == 3
    assert get_period(db, "2024-Q1").start == date(2023, 12, 15)
    assert not [i for i in validate_period(db, "2024-Q1") if i.rule == "f06_balance"]
    (entry,) = history(db, ValueKey("2024-Q1", U, F, "received_online"))
    assert entry.source == "rollup:2024-M01..2024-M03"


def test_entered_figures_are_shown_and_kept_unless_replacing(db) -> None:
    add_period(db, "2024-Q1")
    apply_changes(db, [Change(ValueKey("2024-Q1", U, F, "received_online"), 70)])
    plan = plan_rollup(db, "2024-Q1")
    (diff,) = plan.replaced
    assert (diff.old, diff.new) == (70, 75)
    with pytest.raises(RollupConflict, match="đã có 1 số liệu khác với số tổng hợp"):
        commit_rollup(db, plan)
    assert get_values(db, "2024-Q1") == {(U, F, "received_online"): 70}  # nothing written
    commit_rollup(db, plan, replace=True)
    assert get_values(db, "2024-Q1")[(U, F, "received_online")] == 75


def test_broken_chain_warns_with_names_and_both_months(db) -> None:
    apply_changes(db, [Change(ValueKey("2024-M02", U, F, "carried_over"), 11)])
    (warning,) = plan_rollup(db, "2024-Q1").warnings
    assert warning == (
        "Xã Kim Sơn — lĩnh vực Hộ tịch: số từ kỳ trước chuyển qua của tháng 02 năm 2024 = 11 "
        "khác số đang giải quyết của tháng 01 năm 2024 = 14."
    )


def test_missing_month_and_gaps_are_refused(db) -> None:
    with pytest.raises(RollupError, match="chưa có kỳ tháng 4 năm 2024"):
        plan_rollup(db, "2024-Q2")
    add_period(db, "2024-Q1", start=date(2024, 1, 1))
    with pytest.raises(RollupError, match="không trùng thời gian"):
        plan_rollup(db, "2024-Q1")


def test_cli_rollup_dry_run_then_write(db, tmp_path) -> None:
    path = tmp_path / "r.sqlite3"
    db.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tracu_desktop", "--db", str(path), "period", "rollup", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            timeout=120,
        )

    dry = run("2024-Q1", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Tổng hợp Quý I năm 2024 từ tháng 01 năm 2024" in dry.stdout
    assert "chạy thử, chưa ghi gì" in dry.stdout
    done = run("2024-Q1", "--from", "thang")
    assert done.returncode == 0, done.stderr
    assert "Đã ghi 8 số liệu cho Quý I năm 2024." in done.stdout
    bad = run("2024-M01")
    assert bad.returncode == 2 and "là một tháng" in bad.stderr


def test_sum_of_units_equals_the_sum_of_their_figures(db) -> None:
    from tracu_desktop.db.aggregate import sum_of_units

    units = ["XA_KIM_SON", "TT_TRA_CU", "XA_DAI_AN"]
    indicators = ["received_online", "received_direct", "digitized_dossiers"]
    expected: dict[tuple[str, str], int] = {}
    for (unit, fld, ind), value in get_values(db, "2023", indicators=indicators).items():
        if unit in units:
            expected[(fld, ind)] = expected.get((fld, ind), 0) + value
    assert expected and sum_of_units(db, "2023", units, indicators) == expected
    assert sum_of_units(db, "2023", [], indicators) == {}
