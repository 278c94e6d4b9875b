"""The entry grid of a 2026 period shows the 2026 version of 06b (tests/new_form_version.py)
while 2023 keeps the TT 01/2020 columns: built offscreen from the form specs alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.new_form_version import (
    NEW_COLUMN_SHORT,
    NEW_ONLINE_SHORT,
    PERIOD_2026,
    UNIT,
    use_resources_2026,
)
from tracu_desktop.core.models import Level


@pytest.fixture
def resources_2026(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_resources_2026(tmp_path, monkeypatch)


def _headers(model) -> list[str]:
    return [model.headerData(c, Qt.Horizontal, Qt.DisplayRole) for c in range(model.columnCount())]


def test_the_entry_grid_of_a_2026_period_shows_the_new_columns(resources_2026, demo_db, qtbot):
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.ui.grid_model import EntryGridModel

    add_period(demo_db, PERIOD_2026)
    model = EntryGridModel(demo_db, "06")
    model.set_target("2023", UNIT, Level.COMMUNE)
    old = _headers(model)
    assert "(4)\nTrực\ntuyến" in old and "(6)\nKỳ trước\nchuyển qua" in old
    assert not any("Qua Cổng" in h or "địa giới" in h for h in old)
    model.set_target(PERIOD_2026, UNIT, Level.COMMUNE)
    new = _headers(model)
    assert f"(4)\n{NEW_ONLINE_SHORT}" in new and "(4)\nTrực\ntuyến" not in new
    assert f"(7)\n{NEW_COLUMN_SHORT}" in new
    assert new[new.index(f"(7)\n{NEW_COLUMN_SHORT}") - 1] == "(6)\nKỳ trước\nchuyển qua"
    resolved = next(i for i, h in enumerate(new) if h.startswith("(8)\n"))
    tip = model.headerData(resolved, Qt.Horizontal, Qt.ToolTipRole)
    assert tip == "Tổng số hồ sơ đã giải quyết (8) = (9) + (10) + (11) — tự tính, không nhập."
    # the optional column is an input cell like the others
    extra = new.index(f"(7)\n{NEW_COLUMN_SHORT}")
    assert model.cell_ref(0, extra) == (model.rows[0].field, "received_nonboundary")
