"""Forms list the units in force during the period: former communes for 2024, the new
commune for 2026, both with their dates for the year 2025, whose totals count each
figure once."""

from datetime import date

import pytest

from tests.lineage_fixture import NEW, build_successor_commune
from tracu_desktop.core.formtable import RowKind
from tracu_desktop.core.models import Level, Unit, UnitKind, ValueKey
from tracu_desktop.db import open_database
from tracu_desktop.db.catalog import save_unit
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes
from tracu_desktop.export.form_data import build_form_table


@pytest.fixture
def commune_db():
    db = open_database(":memory:")
    build_successor_commune(db)
    for code in ("2024", "2025"):
        add_period(db, code)
    # The year 2025 (15/12/2024–14/12/2025): Phước Hưng and Tân Sơn until 30/06, then the
    # new commune.
    changes = [
        Change(ValueKey("2025", unit, "x-hotich", "received_online"), n)
        for unit, n in (("cu-29464", 40), ("cu-29470", 25), (NEW, 300))
    ]
    changes.append(Change(ValueKey("2024", "cu-29470", "x-hotich", "received_online"), 77))
    apply_changes(db, changes)
    yield db
    db.close()


def _data(table):
    return {r.cells[1]: r.cells for r in table.rows if r.kind is RowKind.DATA}


def _total(table):
    return next(r.cells for r in table.rows if r.kind is RowKind.TOTAL)


def test_06a_of_the_straddling_year_shows_both_generations_with_dates(commune_db):
    table = build_form_table(commune_db, "2025", "06a")
    rows = _data(table)
    assert set(rows) == {
        "Xã Tập Sơn (từ 01/07/2025)",
        "Xã Phước Hưng (đến 30/06/2025)",
        "Xã Tân Sơn (đến 30/06/2025)",
    }
    assert rows["Xã Tập Sơn (từ 01/07/2025)"][3] == 300  # column (4), online
    assert _total(table)[3] == 365  # 40 + 25 + 300, each figure once


def test_06a_of_2024_and_2026_show_their_own_units_without_dates(commune_db):
    assert set(_data(build_form_table(commune_db, "2024", "06a"))) == {"Xã Tân Sơn"}
    assert set(_data(build_form_table(commune_db, "2026-Q1", "06a"))) == {"Xã Tập Sơn"}


def test_06b_of_the_straddling_year_sums_every_unit_once(commune_db):
    table = build_form_table(commune_db, "2025", "06b")
    assert _total(table)[3] == 365


def test_completeness_expects_only_the_units_in_force(commune_db):
    # A reporting unit that exists from 01/07/2025 only.
    save_unit(
        commune_db,
        Unit("ap-1", "Ấp Một", Level.COMMUNE, UnitKind.COMMUNE, valid_from=date(2025, 7, 1)),
    )
    names_2024 = set(_data(build_form_table(commune_db, "2024", "completeness")))
    names_2025 = set(_data(build_form_table(commune_db, "2025", "completeness")))
    names_2026 = set(_data(build_form_table(commune_db, "2026-Q1", "completeness")))
    assert "Ấp Một" not in " ".join(names_2024)
    assert "Xã Kim Sơn" in names_2024
    assert {"Ấp Một (từ 01/07/2025)", "Xã Kim Sơn (đến 30/06/2025)"} <= names_2025
    assert names_2026 == {"Ấp Một"}
