"""A successor commune's 2026-Q1 compared with its predecessors' 2025-Q1."""

from decimal import Decimal

import pytest

from tests.lineage_fixture import build_successor_commune
from tracu_desktop.core.compare import row_cells
from tracu_desktop.db import open_database
from tracu_desktop.db.compare import compare_periods
from tracu_desktop.db.periods import PeriodError


@pytest.fixture
def commune_db():
    db = open_database(":memory:")
    build_successor_commune(db)
    yield db
    db.close()


def test_new_commune_is_compared_with_the_sum_of_its_predecessors(commune_db):
    c = compare_periods(commune_db, "2026-Q1", "2025-Q1")
    assert [r.key for r in c.rows] == ["29467"]
    row = c.rows[0]
    assert row.label == "Xã Tập Sơn (từ 01/07/2025)"
    assert row.former == ("Xã Phước Hưng", "Xã Tập Sơn", "Xã Tân Sơn")
    # 2025-Q1: Phước Hưng 100 + Tập Sơn 100 + Tân Sơn 50 new dossiers; Kim Sơn not counted.
    assert (row.other.received, row.other.resolved, row.other.late) == (250, 250, 12)
    assert row.other.online == Decimal("32.00")  # (30 + 40 + 10) / 250
    assert (row.current.received, row.current.resolved, row.current.late) == (300, 300, 15)
    cells = row_cells(row)
    assert cells[2:5] == ["300", "250", "+50"]
    assert cells[11:14] == ["60,00%", "32,00%", "+28,00"]
    assert c.total.other.received == 250
    assert c.note() == (
        "Không tính số liệu của đơn vị không có trong Quý I năm 2026 và không là đơn vị "
        "trước đây của đơn vị nào trong kỳ: Xã Kim Sơn (đến 30/06/2025)."
    )


def test_by_field_sums_the_same_units(commune_db):
    c = compare_periods(commune_db, "2026-Q1", "2025-Q1", by="field")
    rows = {r.label: r for r in c.rows}
    assert set(rows) == {"Hộ tịch", "Đất đai"}
    assert rows["Hộ tịch"].other.received == 200  # Kim Sơn's 1.000 left out
    assert rows["Đất đai"].current.digitized == Decimal("80.00")
    assert c.total.other.received == 250 and c.total.current.received == 300


def test_the_older_period_first_lists_the_former_units(commune_db):
    c = compare_periods(commune_db, "2025-Q1", "2026-Q1")
    keys = [r.key for r in c.rows]
    assert keys == ["cu-29464", "cu-29467", "cu-29470", "cu-29473"]
    assert c.total.current.received == 1250
    # The new commune cannot be split among its predecessors: its figures are named, not
    # spread.
    assert c.total.other.received == 0
    assert "Xã Tập Sơn (từ 01/07/2025)" in c.note()


def test_unknown_period_is_named(commune_db):
    with pytest.raises(PeriodError, match="2024-Q3"):
        compare_periods(commune_db, "2024-Q3", "2025-Q1")


def test_trà_cú_demo_compares_units_without_lineage(demo_db):
    c = compare_periods(demo_db, "2023", "2022")
    assert c.left_out == ()
    assert c.total.current.received == 22278
    assert row_cells(c.total)[11] == "69,85%"
