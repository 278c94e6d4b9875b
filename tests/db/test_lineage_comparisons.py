"""Comparisons across a change of units: the report's placeholders and the dashboard's
trend compare a successor commune with the sum of its predecessors (and only them)."""

from decimal import Decimal

import pytest

from tests.lineage_fixture import build_successor_commune
from tracu_desktop.db import open_database
from tracu_desktop.db.report_figures import report_context
from tracu_desktop.db.trends import commune_online_rates, trend


@pytest.fixture
def commune_db():
    db = open_database(":memory:")
    build_successor_commune(db)
    yield db
    db.close()


def test_report_compares_2026_q1_with_the_predecessors_2025_q1(commune_db):
    ctx = report_context(commune_db, "2026-Q1")
    # 300 new dossiers against 100 + 100 + 50 of Phước Hưng, Tập Sơn and Tân Sơn; the
    # 1.000 of Kim Sơn (now in Xã Hàm Giang) do not count.
    assert ctx["received_new"] == "300"
    assert (
        ctx["received_new_vs_last_year"] == "tăng 50 hồ sơ (20,00%) so với cùng kỳ Quý I năm 2025"
    )
    assert ctx["online_rate_vs_last_year"] == (
        "tăng 28,00 điểm phần trăm so với cùng kỳ Quý I năm 2025"
    )
    assert ctx["resolved_late_vs_last_year"] == (
        "tăng 03 hồ sơ (25,00%) so với cùng kỳ Quý I năm 2025"
    )
    # No 2025-Q4 stored: the comparison with the previous quarter is unavailable.
    assert ctx["received_new_vs_prev"] is None


def test_dashboard_trend_draws_the_predecessors_before_the_commune(commune_db):
    points = trend(commune_db, "2026-Q1")
    assert [p.period for p in points] == ["2025-Q1", "2026-Q1"]
    assert points[0].online == Decimal("32.00")  # 80 / 250, Kim Sơn left out
    assert points[0].digitized == Decimal("64.00")
    assert points[1].online == Decimal("60.00")


def test_the_old_period_itself_still_counts_every_unit_in_force(commune_db):
    ctx = report_context(commune_db, "2025-Q1")
    assert ctx["received_new"] == "1.250"


def test_commune_ranking_lists_the_units_in_force(commune_db):
    assert [r.name for r in commune_online_rates(commune_db, "2025-Q1")] == [
        "Xã Phước Hưng", "Xã Tập Sơn", "Xã Tân Sơn", "Xã Kim Sơn",
    ]  # fmt: skip
    assert commune_online_rates(commune_db, "2026-Q1") == []


def test_unusual_value_check_uses_the_predecessors_history(commune_db):
    from tracu_desktop.core.models import ValueKey
    from tracu_desktop.db.outliers import outlier_issues
    from tracu_desktop.db.values import set_value

    # 2026-Q1 as stored is close to the predecessors' 2025-Q1: nothing unusual.
    assert outlier_issues(commune_db, "2026-Q1") == []
    # Direct receipts of Hộ tịch were 70 + 60 in 2025-Q1 (Phước Hưng, Tập Sơn); 5.000 is not.
    set_value(commune_db, ValueKey("2026-Q1", "29467", "x-hotich", "received_direct"), 5000)
    for unit in (None, "29467"):
        found = outlier_issues(commune_db, "2026-Q1", unit)
        assert [(i.unit, i.field, i.indicator) for i in found] == [
            ("29467", "x-hotich", "received_direct")
        ]
        assert "cao hơn 3 lần" in found[0].message


def test_csv_import_refuses_a_former_unit_in_a_later_period(commune_db, tmp_path):
    from tracu_desktop.interchange.csv_io import import_values_csv

    path = tmp_path / "v.csv"
    path.write_text(
        "period,unit,field,indicator,value\n"
        "2026-Q1,29467,x-hotich,pakn_published,1\n"
        "2026-Q1,cu-29470,x-hotich,received_online,5\n",
        encoding="utf-8",
    )
    outcome = import_values_csv(commune_db, path)
    assert [(e.line, e.column) for e in outcome.errors] == [(3, "unit")]
    assert str(outcome.errors[0]).startswith(
        "Dòng 3, cột unit: Đơn vị Xã Tân Sơn (đến 30/06/2025) không tồn tại trong kỳ 2026-Q1 "
        "(từ 15/12/2025 đến 14/03/2026)"
    )
    assert str(outcome.errors[0]).endswith("Từ ngày 01/07/2025 số liệu thuộc Xã Tập Sơn.")
    assert not outcome.changes


def test_templates_are_made_for_the_units_in_force(commune_db):
    from tracu_desktop.interchange.template_xlsx import template_units

    assert {u.code for u in template_units(commune_db, "all", "2025-Q1")} == {
        "cu-29464", "cu-29467", "cu-29470", "cu-29473",
    }  # fmt: skip
    assert template_units(commune_db, "all", "2026-Q1") == []
