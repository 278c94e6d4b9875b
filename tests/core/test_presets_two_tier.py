"""Presets for today's shapes (``xa-tap-son``, ``vinh-long``), generated from
``resources/admin`` by ``tools/make_presets.py``; the level defaults of ``init --level``."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from tracu_desktop.core import admin_units
from tracu_desktop.core.level_preset import header_lower, level_preset, place_of
from tracu_desktop.core.preset import available_presets, load_preset
from tracu_desktop.core.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
END = date(2025, 6, 30)
START = date(2025, 7, 1)


def test_presets_listed():
    assert {"tra-cu", "xa-tap-son", "vinh-long"} <= set(available_presets())
    assert "levels" not in available_presets()


def test_xa_tap_son_has_its_predecessors_ended_on_30_06_2025():
    p = load_preset("xa-tap-son")
    org = p.organisation
    assert (org.name, org.superior, org.header_lower, str(org.level)) == (
        "Ủy ban nhân dân xã Tập Sơn",
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        "XÃ TẬP SƠN",
        "commune",
    )
    units = {u.code: u for u in p.units}
    assert units["29467"].valid_from == START and units["29467"].valid_to is None
    former = {c: u for c, u in units.items() if c.startswith("cu-")}
    assert {c: u.name for c, u in former.items()} == {
        "cu-29464": "Xã Phước Hưng (Huyện Trà Cú)",
        "cu-29467": "Xã Tập Sơn (Huyện Trà Cú)",
        "cu-29470": "Xã Tân Sơn (Huyện Trà Cú)",
    }
    assert {(u.valid_to, u.successors) for u in former.values()} == {(END, ("29467",))}
    assert all(str(u.level) == "commune" for u in p.units)


def test_vinh_long_has_all_124_communes_and_their_lineage():
    p = load_preset("vinh-long")
    assert p.organisation.name == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert str(p.organisation.level) == "province"
    units = {u.code: u for u in p.units}
    official = admin_units.communes("86")
    assert len(official) == 124
    for c in official:
        assert units[c.code].name == c.name
        assert units[c.code].parent == "86" and units[c.code].valid_from == START
    former = [u for u in p.units if u.code.startswith("cu-")]
    assert len(former) == 354
    new_codes = {c.code for c in official}
    for u in former:
        assert u.valid_to == END and len(u.successors) == 1 and u.successors[0] in new_codes
    # Each former unit once, under its default successor: Phường 1 of two former towns.
    assert len({u.code for u in former}) == 354
    assert not [u for u in p.units if str(u.level) == "district"]


def test_generated_presets_are_up_to_date(tmp_path):
    spec = importlib.util.spec_from_file_location("make_presets", ROOT / "tools/make_presets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--out", str(tmp_path)]) == 0
    for name in ("xa-tap-son", "vinh-long"):
        for file in ("organisation.toml", "units.toml", "fields.toml"):
            fresh = (tmp_path / name / file).read_bytes()
            shipped = (resource_path("presets") / name / file).read_bytes()
            assert fresh == shipped, f"{name}/{file}: run tools/make_presets.py"
            text = fresh.decode("utf-8")
            assert "vietnamadminunits package 1.0.4" in text and "MIT licence" in text
            assert "Editable" in text


@pytest.mark.parametrize("level", ["commune", "district", "province"])
def test_level_defaults_cite_their_source_and_say_editable(level):
    text = (resource_path("presets") / "levels" / f"{level}.toml").read_text("utf-8")
    assert "editable" in text and "Trà Cú preset" in text
    p = level_preset(level, "Ủy ban nhân dân xã A", "Ủy ban nhân dân tỉnh B", code="X1")
    assert p.units[0].code == "X1" and p.units[0].name == "Ủy ban nhân dân xã A"
    assert len(p.units) == 2 and str(p.units[1].kind) == "general"


def test_header_and_place_from_the_name():
    assert header_lower("Ủy ban nhân dân phường Phú Khương") == "PHƯỜNG PHÚ KHƯƠNG"
    assert place_of("Ủy ban nhân dân đặc khu Côn Đảo") == "Côn Đảo"
    assert place_of("UBND thị trấn Trà Cú") == "Trà Cú"
