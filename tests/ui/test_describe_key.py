"""Undo steps name the figure by its printed column, taken from the form spec of the period."""

from __future__ import annotations

from tracu_desktop.core.models import Level, ValueKey
from tracu_desktop.db.catalog import load_fields, unit_map
from tracu_desktop.ui.edits import describe_key


def test_a_form_figure_is_named_by_unit_field_and_column(demo_db):
    field = load_fields(demo_db, Level.COMMUNE)[0]
    unit = unit_map(demo_db)["XA_KIM_SON"]
    text = describe_key(demo_db, ValueKey("2023", unit.code, field.code, "received_direct"))
    assert text.endswith(f"{unit.name}, {field.name}, cột (5)")
    text = describe_key(demo_db, ValueKey("2023", unit.code, field.code, "pakn_published"))
    assert text.endswith(f"{unit.name}, {field.name}, cột (12)")


def test_a_per_unit_figure_is_named_by_its_label(demo_db):
    text = describe_key(demo_db, ValueKey("2023", "HUYEN", "", "digitized_dossiers"))
    assert text == "8. Môi trường điện tử, Ủy ban nhân dân huyện Trà Cú, Số hồ sơ được số hóa"
