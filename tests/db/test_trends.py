"""Dashboard figures: rates per period and per commune, target setting."""

from __future__ import annotations

from decimal import Decimal

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.catalog import set_setting
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.trends import commune_online_rates, targets, trend
from tracu_desktop.db.values import Change, apply_changes


def test_trend_lists_earlier_years_with_the_report_rates(demo_db):
    points = trend(demo_db, "2023")
    assert [p.period for p in points] == ["2021", "2022", "2023"]
    last = points[-1]
    # The 2023 Trà Cú report: 69,85% online, 21.829 / 22.278 on time, 20.432 digitised.
    assert last.online == Decimal("69.85")
    assert last.on_time == Decimal("97.98")
    assert last.digitized == Decimal("91.71")
    assert last.label == "năm 2023"


def test_trend_stops_at_the_chosen_period_and_skips_other_kinds(demo_db):
    assert [p.period for p in trend(demo_db, "2022")] == ["2021", "2022"]
    add_period(demo_db, "2023-Q1")
    # A quarter without figures has no trend point, and years are not mixed in.
    assert trend(demo_db, "2023-Q1") == []
    assert trend(demo_db, "1999") == []


def test_commune_online_rate_from_stored_figures(demo_db):
    rates = {r.unit: r for r in commune_online_rates(demo_db, "2023")}
    assert len(rates) == 17
    assert "P_TP" not in rates and "XA_CHUNG" not in rates
    tc = rates["TT_TRA_CU"]
    assert tc.name == "Thị trấn Trà Cú"
    assert tc.received == 1000
    assert tc.online == Decimal("64.80")


def test_commune_without_figures_has_no_rate(demo_db):
    key = ValueKey("2023", "XA_KIM_SON", "", "")
    rows = demo_db.execute(
        "SELECT field, indicator FROM data_values WHERE period='2023' AND unit='XA_KIM_SON'"
    ).fetchall()
    apply_changes(
        demo_db,
        [Change(ValueKey(key.period, key.unit, f, i), None) for f, i in rows],
        source="test",
    )
    r = {u.unit: u for u in commune_online_rates(demo_db, "2023")}["XA_KIM_SON"]
    assert r.online is None and r.received == 0


def test_targets_setting_is_read_and_bad_entries_ignored(demo_db):
    assert targets(demo_db) == {}
    set_setting(demo_db, "targets", {"online": 50, "on_time": "x", "digitized": 120, "y": 3})
    assert targets(demo_db) == {"online": Decimal("50")}
