from decimal import Decimal

from tracu_desktop.core.models import Level
from tracu_desktop.db.aggregate import key_figures, sum_by_level, sum_by_level_field
from tracu_desktop.db.checks import validate_period
from tracu_desktop.db.demo import create_demo
from tracu_desktop.db.periods import require_period


def test_demo_totals_equal_reference_report(demo_db):
    f = key_figures(demo_db, "2023")
    assert f["received_total"] == 22278
    assert f["received_online"] == 15561
    assert f["received_direct"] == 6717
    assert f["carried_over"] == 0
    assert f["resolved_total"] == 22278
    assert f["resolved_early_on_time"] == 21829
    assert f["resolved_late"] == 449
    assert f["pending_total"] == 0
    assert f["digitized_dossiers"] == 20432
    assert (f["online_rate"], f["on_time_rate"], f["late_rate"], f["digitized_rate"]) == (
        Decimal("69.85"),
        Decimal("97.98"),
        Decimal("2.02"),
        Decimal("91.71"),
    )
    assert (f["pakn_received_total"], f["pakn_done_total"], f["pakn_published"]) == (1, 1, 1)


def test_demo_section_figures(demo_db):
    f = key_figures(demo_db, "2023")
    assert (f["tthc_assessed"], f["tthc_issued_assessed"]) == (2, 9)
    assert (f["appraised_tthc"], f["appraised_drafts"]) == (0, 0)
    assert (
        f["announce_decisions"],
        f["announced_new"],
        f["announced_abolished"],
        f["tthc_published"],
    ) == (6, 9, 9, 18)
    assert f["managed_central"] + f["managed_provincial"] == 292
    assert f["authority_set_central"] + f["authority_set_provincial"] == 435
    assert f["simplify_proposed"] == 9
    assert (f["portal_integrated_period"], f["portal_integrated_total"]) == (6, 334)
    by_level = sum_by_level(demo_db, "2023")
    assert (by_level[Level.DISTRICT]["dvc_full"], by_level[Level.COMMUNE]["dvc_full"]) == (17, 10)
    assert (by_level[Level.DISTRICT]["dvc_partial"], by_level[Level.COMMUNE]["dvc_partial"]) == (
        108,
        80,
    )
    assert (by_level[Level.DISTRICT]["dvc_other"], by_level[Level.COMMUNE]["dvc_other"]) == (46, 73)
    assert (
        by_level[Level.DISTRICT]["tthc_authority"],
        by_level[Level.COMMUNE]["tthc_authority"],
    ) == (270, 165)


def test_demo_pakn_on_ho_tich(demo_db):
    rows = sum_by_level_field(demo_db, "2023", ["pakn_received_regulation", "pakn_published"])
    assert rows == {
        (Level.COMMUNE, "X_HO_TICH"): {"pakn_received_regulation": 1, "pakn_published": 1}
    }


def test_demo_period_dates_and_validity(demo_db):
    p = require_period(demo_db, "2023")
    assert p.label() == "năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)"
    assert [i for i in validate_period(demo_db, "2023") if i.is_error] == []
    assert validate_period(demo_db, "2023") == []


def test_demo_is_idempotent(demo_db):
    before = demo_db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    assert create_demo(demo_db) == 0
    assert demo_db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before


def test_demo_refresh_restores_edited_value(demo_db):
    from tracu_desktop.core.models import ValueKey
    from tracu_desktop.db.values import set_value

    key = ValueKey("2023", "TT_TRA_CU", "X_HO_TICH", "received_online")
    set_value(demo_db, key, 999999)
    assert create_demo(demo_db) == 1
    assert key_figures(demo_db, "2023")["received_online"] == 15561


def test_demo_completeness_shows_late_and_on_time_units(demo_db):
    from datetime import date

    from tracu_desktop.db.completeness import UnitState, unit_statuses

    statuses = {s.unit.code: s for s in unit_statuses(demo_db, "2023")}
    assert statuses["XA_TAN_SON"].deadline == date(2023, 11, 16)
    assert statuses["XA_TAN_SON"].late and statuses["XA_TAN_SON"].note.startswith("Gửi trễ hạn")
    on_time = [s for s in statuses.values() if s.sent and not s.late]
    assert len(on_time) >= 20
    assert statuses["TT_TRA_CU"].state is UnitState.VALIDATED
    assert statuses["P_YT"].state is UnitState.NO_DATA and statuses["P_YT"].note == "Chưa gửi"
