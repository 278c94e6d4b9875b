"""Comparison and import profiles as verbs the two faces share (history packages:
tests/app/test_history_verbs.py)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.lineage_fixture import build_successor_commune
from tracu_desktop.app.compare import compare
from tracu_desktop.app.profiles import (
    delete_profile,
    export_profile_file,
    import_profile_file,
    profile_infos,
)
from tracu_desktop.db import open_database
from tracu_desktop.interchange.import_profile import ImportProfile, ProfileError, save_profile


def test_compare_gives_cells_and_csv(tmp_path):
    db = open_database(tmp_path / "c.sqlite3")
    build_successor_commune(db)
    table = compare(db, "2026-Q1", "2025-Q1", "field")
    assert table.current_label == "Quý I năm 2026" and table.other_code == "2025-Q1"
    assert [m.is_rate for m in table.measures].count(False) == 3
    rows = {r[0]: r for r in table.rows}
    assert "Hộ tịch" in rows and table.rows[-1][0] == "Tổng cộng"
    parsed = list(csv.reader(io.StringIO(table.csv_text())))
    assert parsed[0] == table.header and len(parsed) == len(table.rows) + 1
    db.close()


def test_profiles_export_import_delete(fresh_db, tmp_path):
    save_profile(
        fresh_db, ImportProfile("Phần mềm A", {"Cột 1": ("received_online",), "Cột 2": ("ignore",)})
    )
    (info,) = profile_infos(fresh_db)
    assert (info.name, info.columns, info.mapped) == ("Phần mềm A", 2, 1)
    done = export_profile_file(fresh_db, "Phần mềm A", tmp_path / "a.tracu-profile.json")
    assert done.path.exists() and done.name == "Phần mềm A"
    with pytest.raises(ProfileError, match="Không có hồ sơ nhập “B”"):
        export_profile_file(fresh_db, "B", tmp_path / "b.json")
    saved = import_profile_file(fresh_db, done.path, "Phần mềm B")
    assert (saved.name, saved.columns, saved.replaced) == ("Phần mềm B", 2, False)
    assert import_profile_file(fresh_db, done.path).replaced
    assert delete_profile(fresh_db, "Phần mềm B") and not delete_profile(fresh_db, "Phần mềm B")
    assert [p.name for p in profile_infos(fresh_db)] == ["Phần mềm A"]
