"""Fixtures of the export tests: a fixed report date and a database with a long form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

BIG_UNITS = 200


def add_big_period(db, n_units: int = BIG_UNITS, code: str = "2023") -> None:
    """``n_units`` communes with one Hộ tịch figure each, written through apply_changes."""
    from tracu_desktop.core.models import Level, Unit, UnitKind, ValueKey
    from tracu_desktop.db.catalog import save_unit
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.db.values import Change, apply_changes

    add_period(db, code, date(2023, 1, 1), date(2023, 11, 20), exist_ok=True)
    changes = []
    for i in range(n_units):
        unit = f"XA_T{i:03d}"
        save_unit(
            db,
            Unit(unit, f"Xã Thử Nghiệm số {i + 1}", Level.COMMUNE, UnitKind.COMMUNE, sort=100 + i),
        )
        new = 10 + i
        cell = {
            "received_online": new // 2,
            "received_direct": new - new // 2,
            "carried_over": 0,
            "resolved_early": new - 1,
            "resolved_on_time": 0,
            "resolved_late": 1,
            "pending_on_time": 0,
            "pending_overdue": 0,
        }
        changes += [Change(ValueKey(code, unit, "X_HO_TICH", k), v) for k, v in cell.items()]
    apply_changes(db, changes, "test")


@pytest.fixture
def big_db(fresh_db):
    add_big_period(fresh_db)
    return fresh_db


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d
