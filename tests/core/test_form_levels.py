"""Section captions per organisation level in form specs (a province's 06a groups its
units "Sở, ban, ngành" / "UBND cấp xã"), and what a broken entry says."""

from __future__ import annotations

import pytest

from tracu_desktop.core.formspec import FormSpecError, load_spec, spec_for, specs_dir
from tracu_desktop.core.formtable import DocTexts, RowItem, RowKind, build_table
from tracu_desktop.core.models import Level


def test_06a_captions_by_organisation_level():
    spec = spec_for("06a")
    assert spec.rows.levels == (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
    assert spec.rows.section_captions(Level.PROVINCE) == {
        Level.PROVINCE: "Sở, ban, ngành",
        Level.COMMUNE: "UBND cấp xã",
    }
    assert spec.rows.section_captions(Level.DISTRICT) == {}


def test_captions_on_section_and_subtotal_rows():
    spec = spec_for("06a")
    items = [
        RowItem(Level.PROVINCE, "Sở Tư pháp", {"received_online": 5}),
        RowItem(Level.COMMUNE, "Xã Tập Sơn", {"received_online": 7}),
    ]
    table = build_table(spec, items, DocTexts(), spec.rows.section_captions(Level.PROVINCE))
    labels = [(r.kind, r.cells[1]) for r in table.rows if r.kind is not RowKind.DATA]
    assert labels == [
        (RowKind.SECTION, "Sở, ban, ngành"),
        (RowKind.SUBTOTAL, "Cộng sở, ban, ngành"),
        (RowKind.SECTION, "UBND cấp xã"),
        (RowKind.SUBTOTAL, "Cộng UBND cấp xã"),
        (RowKind.TOTAL, "Tổng cộng"),
    ]
    district = build_table(spec, items, DocTexts())  # no captions: the levels' own labels
    assert [r.cells[1] for r in district.rows if r.kind is RowKind.SUBTOTAL] == [
        "Cộng cấp tỉnh",
        "Cộng cấp xã",
    ]


def test_unknown_level_in_section_labels_is_named(tmp_path):
    text = (specs_dir() / "06a-tt01-2020.toml").read_text(encoding="utf-8")
    broken = tmp_path / "06a-broken.toml"
    broken.write_text(text.replace("[rows.section_labels.province]", "[rows.section_labels.tinh]"),
                      encoding="utf-8")  # fmt: skip
    with pytest.raises(FormSpecError) as err:
        load_spec(broken)
    assert "06a-broken.toml" in str(err.value) and "section_labels" in str(err.value)
    assert "cấp 'tinh' không hợp lệ" in str(err.value)
