"""Reading and writing the units and fields files, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from tracu_desktop.core.models import Field, Level, Unit, UnitKind
from tracu_desktop.interchange.catalog_csv import (
    fields_csv_text,
    guess_kind,
    plan_fields_import,
    plan_units_import,
    units_csv_text,
)
from tracu_desktop.interchange.datavalues import CsvFormatError

BODY = Unit("29467", "Ủy ban nhân dân xã Tập Sơn", Level.COMMUNE, UnitKind.BODY)
FORMER = Unit(
    "cu-29470",
    "=Xã Tân Sơn",  # formula-like text must survive the trip
    Level.COMMUNE,
    UnitKind.COMMUNE,
    valid_to=date(2025, 6, 30),
    successors=("29467",),
)


def test_units_round_trip_is_unchanged():
    text = units_csv_text([BODY, FORMER])
    assert text.splitlines()[2] == "cu-29470,'=Xã Tân Sơn,commune,,,30/06/2025,29467"
    plan = plan_units_import(text, "dv.csv", [BODY, FORMER])
    assert plan.ok and plan.unchanged == 2 and not plan.to_save


def test_new_units_get_a_kind_from_their_name():
    text = (
        "code,name,level,parent,valid_from,valid_to,successors\n"
        "P1,Phòng Văn hóa - Xã hội,Cấp xã,29467,,,\n"
        "X1,Phường Phú Khương,xã,,,,\n"
        "G1,Cấp xã (số liệu chung),commune,29467,,,\n"
    )
    plan = plan_units_import(text, "dv.csv", [BODY])
    assert plan.ok, plan.errors
    assert [(u.code, u.kind) for u in plan.added] == [
        ("P1", UnitKind.OFFICE),
        ("X1", UnitKind.COMMUNE),
        ("G1", UnitKind.GENERAL),
    ]
    assert guess_kind("Ủy ban nhân dân xã A", Level.COMMUNE, None) is UnitKind.BODY


def test_parent_cycles_and_duplicates_are_named_by_line():
    text = (
        "code,name,level,parent,valid_from,valid_to,successors\n"
        "A,Phòng A,commune,B,,,\n"
        "B,Phòng B,commune,A,,,\n"
        "A,Phòng A lần hai,commune,,,,\n"
        "C,Phòng C,commune,,01/07/2025,30/06/2025,C\n"
    )
    plan = plan_units_import(text, "dv.csv", [])
    assert "Dòng 4, cột code: mã “A” trùng với dòng 2." in plan.errors
    assert any(
        e.startswith("Dòng 3, cột parent: đơn vị “B” trực thuộc vòng tròn") for e in plan.errors
    )
    assert "Dòng 5: ngày kết thúc (valid_to) trước ngày bắt đầu (valid_from)." in plan.errors
    assert "Dòng 5, cột successors: đơn vị không thể kế thừa chính nó." in plan.errors
    assert not plan.to_save


def test_missing_columns_refuse_the_file():
    with pytest.raises(CsvFormatError, match="thiếu cột valid_from, valid_to, successors"):
        plan_units_import("code,name,level,parent\nA,B,commune,\n", "cu.csv", [])
    with pytest.raises(CsvFormatError, match="trống"):
        plan_fields_import("", "lv.csv", [])


def test_fields_round_trip_and_bom():
    fields = [
        Field("X_HO_TICH", "Hộ tịch", Level.COMMUNE),
        Field("T_HO_TICH", "Hộ tịch", Level.PROVINCE),
    ]
    text = "\ufeff" + fields_csv_text(fields)
    plan = plan_fields_import(text, "lv.csv", fields)
    assert plan.ok and plan.unchanged == 2
