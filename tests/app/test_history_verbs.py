"""History verbs on database paths (as a worker calls them): write a package from the
2023 demo, plan its import into a successor commune (nothing written), commit it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.lineage_fixture import ORG
from tracu_desktop.app.history import (
    HistoryError,
    check_history_package,
    commit_history,
    is_history_package,
    make_history_package,
    plan_history,
)
from tracu_desktop.core.models import Level, Unit, UnitKind, ValueKey
from tracu_desktop.db import open_database
from tracu_desktop.db.catalog import load_fields, save_field, save_organisation, save_unit
from tracu_desktop.db.periods import get_period
from tracu_desktop.db.values import get_value

SENT = ["XA_TAN_SON", "XA_TAP_SON"]


@pytest.fixture
def commune_path(tmp_path, demo_db):
    path = tmp_path / "tap-son.sqlite3"
    db = open_database(path)
    save_organisation(db, ORG)
    save_unit(db, Unit("29467", "Xã Tập Sơn", Level.COMMUNE, UnitKind.BODY,
                       valid_from=date(2025, 7, 1)))  # fmt: skip
    for f in load_fields(demo_db, Level.COMMUNE):
        save_field(db, f)
    db.close()
    return path


def test_package_plan_and_commit_by_path(demo_db, demo_db_path, commune_path, tmp_path):
    pkg = tmp_path / "lich-su.tracu.zip"
    assert check_history_package(demo_db_path, ["2023"], SENT).errors == []
    made = make_history_package(demo_db_path, ["2023"], SENT, pkg)
    assert made.units == ["Xã Tân Sơn", "Xã Tập Sơn"] and made.periods == ["2023"]
    assert is_history_package(pkg) and not is_history_package(tmp_path / "none.zip")

    preview = plan_history(commune_path, pkg)
    plan = preview.plan
    assert plan.ok, plan.problems
    assert plan.successor is not None and plan.successor.code == "29467"
    assert [(sent, own, created) for sent, own, created in plan.mapping] == [
        ("Xã Tân Sơn", "cu-XA_TAN_SON", True),
        ("Xã Tập Sơn", "cu-XA_TAP_SON", True),
    ]
    assert plan.periods == [("2023", date(2023, 1, 1), date(2023, 11, 20))]
    assert len(preview.changes) == plan.figures == made.figures
    assert all(c.old is None for c in preview.changes)

    result = commit_history(commune_path, plan)
    assert result.periods == ["2023"] and result.periods_created == ["2023"]
    assert len(result.changes) == made.figures and result.units_saved == 2
    db = open_database(commune_path)
    try:
        assert get_period(db, "2023") is not None
        key = ValueKey("2023", "cu-XA_TAN_SON", "X_HO_TICH", "received_online")
        assert get_value(db, key) == get_value(demo_db, key._replace(unit="XA_TAN_SON"))
    finally:
        db.close()
    again = plan_history(commune_path, pkg)  # the same package twice changes nothing
    assert again.plan.ok and again.changes == []


def test_an_unknown_unit_is_refused(demo_db_path, tmp_path):
    with pytest.raises(HistoryError, match="Không có đơn vị “XA_KHONG_CO”"):
        make_history_package(demo_db_path, ["2023"], ["XA_KHONG_CO"], tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()
