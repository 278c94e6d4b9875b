"""Units keep their validity dates and successors across a save and a reload."""

from datetime import date

import pytest

from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.db import open_database
from tracu_desktop.db.catalog import CatalogError, save_unit, unit_map


def test_dates_and_successors_round_trip():
    db = open_database(":memory:")
    save_unit(
        db,
        Unit("xa-tap-son", "Xã Tập Sơn", Level.COMMUNE, UnitKind.BODY, valid_from=date(2025, 7, 1)),
    )
    old = Unit(
        "cu-29470",
        "Xã Tân Sơn",
        Level.COMMUNE,
        UnitKind.COMMUNE,
        valid_to=date(2025, 6, 30),
        successors=("xa-tap-son",),
    )
    save_unit(db, old)
    units = unit_map(db)
    assert units["cu-29470"].valid_to == date(2025, 6, 30)
    assert units["cu-29470"].successors == ("xa-tap-son",)
    assert units["xa-tap-son"].valid_from == date(2025, 7, 1)
    assert not units["cu-29470"].in_force(date(2025, 12, 15), date(2026, 3, 14))
    assert units["cu-29470"].in_force(date(2024, 12, 15), date(2025, 12, 14))


def test_end_before_start_is_refused_with_the_code():
    db = open_database(":memory:")
    bad = Unit(
        "x",
        "Xã X",
        Level.COMMUNE,
        UnitKind.COMMUNE,
        valid_from=date(2025, 7, 1),
        valid_to=date(2025, 6, 30),
    )
    with pytest.raises(CatalogError, match="Đơn vị x: ngày kết thúc trước ngày bắt đầu"):
        save_unit(db, bad)
    assert "x" not in unit_map(db)
