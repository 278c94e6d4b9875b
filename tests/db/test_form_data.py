"""Form tables built from the database: grouping, the show option, computed totals."""

from __future__ import annotations

import dataclasses
from datetime import date

from tracu_desktop.core.formspec import spec_for
from tracu_desktop.core.formtable import RowKind
from tracu_desktop.core.models import Level
from tracu_desktop.db.aggregate import period_totals
from tracu_desktop.db.catalog import load_fields
from tracu_desktop.export import form_data
from tracu_desktop.export.form_data import build_form_table


def test_06b_groups_fields_by_level_with_figures_only(demo_db):
    t = build_form_table(demo_db, "2023", "06b", on=date(2023, 11, 21))
    sections = [r.cells[1] for r in t.rows_of(RowKind.SECTION)]
    assert sections == ["Cấp huyện", "Cấp xã"]
    data = t.rows_of(RowKind.DATA)
    assert len(data) == 13 + 7  # the demo's district and commune fields with dossiers
    assert all(t.value(r, "received_total") > 0 for r in data)
    totals = period_totals(demo_db, "2023")
    total = t.total_row()
    for key in ("received_total", "received_online", "resolved_late", "pending_total"):
        assert t.value(total, key) == totals[key]
    assert t.texts.place_date == "Trà Cú, ngày 21 tháng 11 năm 2023"
    assert t.texts.sign_right.title == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_show_active_lists_every_active_field(demo_db, monkeypatch):
    spec = spec_for("06b")
    active = dataclasses.replace(spec, rows=dataclasses.replace(spec.rows, show="active"))
    monkeypatch.setattr(form_data, "spec_for", lambda code, on=None: active)
    t = build_form_table(demo_db, "2023", "06b")
    wanted = [
        f for f in load_fields(demo_db) if f.active and f.level in (Level.DISTRICT, Level.COMMUNE)
    ]
    assert len(t.rows_of(RowKind.DATA)) == len(wanted)
    assert t.value(t.total_row(), "received_total") == 22278


def test_07b_merges_fields_of_both_levels(demo_db):
    t = build_form_table(demo_db, "2023", "07b")
    ho_tich = next(r for r in t.rows_of(RowKind.DATA) if r.cells[1] == "Hộ tịch")
    assert t.value(ho_tich, "authority_district") > 0 and t.value(ho_tich, "authority_commune") > 0
    assert t.value(ho_tich, "authority_total") == t.value(ho_tich, "authority_district") + t.value(
        ho_tich, "authority_commune"
    )
