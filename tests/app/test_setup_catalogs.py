"""Setting up and the unit/field lists, as verbs: init by level or preset, demo, CSV."""

from __future__ import annotations

import pytest

from tracu_desktop.app.catalogs import FIELDS, UNITS, catalog_csv, import_catalog
from tracu_desktop.app.setup import SetupError, initialise, make_demo, organisation_preset
from tracu_desktop.db import open_database
from tracu_desktop.db.catalog import get_organisation, load_units


def test_a_preset_and_a_level_together_are_refused_before_any_file():
    with pytest.raises(SetupError, match="Chọn một trong hai: --level"):
        organisation_preset(preset="tra-cu", level="commune", name="x", superior="y")
    with pytest.raises(SetupError, match="--name chỉ dùng cùng --level"):
        organisation_preset(name="Ủy ban nhân dân xã Tập Sơn")
    with pytest.raises(SetupError, match="cần --name .* và --superior"):
        organisation_preset(level="commune", name="Ủy ban nhân dân xã Tập Sơn")


def test_a_new_commune_then_another_organisation_is_refused(tmp_path):
    preset = organisation_preset(
        level="commune",
        name="Ủy ban nhân dân xã Tập Sơn",
        superior="Ủy ban nhân dân tỉnh Vĩnh Long",
        code="29467",
    )
    db = open_database(tmp_path / "x.sqlite3")
    done = initialise(db, preset)
    assert not done.bundled
    assert get_organisation(db).name == "Ủy ban nhân dân xã Tập Sơn"
    with pytest.raises(SetupError, match="đã là của Ủy ban nhân dân xã Tập Sơn"):
        initialise(db, organisation_preset(preset="tra-cu"))
    db.close()


def test_demo_presets(tmp_path):
    db = open_database(tmp_path / "d.sqlite3")
    district = make_demo(db)
    assert district.changed > 0 and district.periods == []
    db.close()
    db = open_database(tmp_path / "s.sqlite3")
    sample = make_demo(db, "xa-tap-son")
    assert sample.changed > 0
    assert [code for code, _label in sample.periods] == ["2025-Q1", "2025-Q2", "2025-Q4", "2026-Q1"]
    assert all(label for _code, label in sample.periods)
    db.close()


def test_units_csv_round_trip_and_a_bad_file_changes_nothing(fresh_db, tmp_path):
    text = catalog_csv(fresh_db, UNITS)
    assert "\r" not in text and not text.endswith("\n")
    names = {u.code: u.name for u in load_units(fresh_db)}
    first_code = next(iter(names))
    assert first_code in text
    path = tmp_path / "units.csv"
    path.write_text(text.replace(names[first_code], "Xã Đổi Tên", 1) + "\n", encoding="utf-8")
    plan = import_catalog(fresh_db, UNITS, path, dry_run=True)
    assert plan.ok and [u.name for u in plan.changed] == ["Xã Đổi Tên"]
    assert {u.code: u.name for u in load_units(fresh_db)} == names  # a dry run writes nothing
    plan = import_catalog(fresh_db, UNITS, path)
    assert {u.code: u.name for u in load_units(fresh_db)}[first_code] == "Xã Đổi Tên"

    bad = tmp_path / "fields.csv"
    bad.write_text(catalog_csv(fresh_db, FIELDS) + "\nKHONG_DU_COT\n", encoding="utf-8")
    plan = import_catalog(fresh_db, FIELDS, bad)
    assert not plan.ok and plan.errors
