"""The settings page on a commune database: import and export units and fields as CSV,
add, rename and end units with a date."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tracu_desktop.core.level_preset import level_preset
from tracu_desktop.db.catalog import apply_preset, load_fields, load_units
from tracu_desktop.db.connection import open_database

SHOTS = os.environ.get("TRACU_SCREENSHOTS")


@pytest.fixture
def page(tmp_path, qtbot, messages):
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.settings_page import SettingsPage

    db = open_database(tmp_path / "ts.sqlite3")
    apply_preset(
        db,
        level_preset(
            "commune", "Ủy ban nhân dân xã Tập Sơn", "Ủy ban nhân dân tỉnh Vĩnh Long", code="29467"
        ),
    )
    ctx = AppContext(
        tmp_path / "ts.sqlite3", db, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    )
    p = SettingsPage(ctx)
    qtbot.addWidget(p)
    yield p
    db.close()


def _answers(monkeypatch, texts=(), items=(), question=QMessageBox.Yes):
    texts, items = list(texts), list(items)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (texts.pop(0), True)))
    monkeypatch.setattr(
        QInputDialog,
        "getItem",
        staticmethod(lambda p, t, label, labels, *a: (items.pop(0)(labels), True)),
    )
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: question))


def _cells(table, col):
    return [table.item(i, col).text() for i in range(table.rowCount())]


UNITS_CSV = (
    "code,name,level,parent,valid_from,valid_to,successors\n"
    "cu-29470,Xã Tân Sơn (Huyện Trà Cú),commune,,,30/06/2025,29467\n"
    "VP,Văn phòng HĐND và UBND xã,commune,29467,01/07/2025,,\n"
)


def test_import_units_then_export_same_columns(page, tmp_path, monkeypatch, messages):
    src = tmp_path / "dv.csv"
    src.write_text(UNITS_CSV, encoding="utf-8")
    _answers(monkeypatch)
    page.import_file("units", str(src))
    names = _cells(page.units_table, 1)
    assert "Xã Tân Sơn (Huyện Trà Cú)" in names and "Văn phòng HĐND và UBND xã" in names
    i = names.index("Xã Tân Sơn (Huyện Trà Cú)")
    assert page.units_table.item(i, 5).text() == "đến 30/06/2025"
    assert page.units_table.item(i, 6).text() == "Ủy ban nhân dân xã Tập Sơn"
    assert {u.code: str(u.kind) for u in load_units(page.ctx.db)}["VP"] == "office"
    if SHOTS:
        page.resize(1366, 768)
        page.tabs.setCurrentIndex(1)
        page.grab().save(str(Path(SHOTS) / "settings-units-commune.png"))
    out = tmp_path / "out.csv"
    page.export_file("units", str(out))
    lines = out.read_text("utf-8-sig").splitlines()
    assert lines[0] == "code,name,level,parent,valid_from,valid_to,successors"
    assert "cu-29470,Xã Tân Sơn (Huyện Trà Cú),commune,,,30/06/2025,29467" in lines
    assert messages[-1] == ("information", f"Đã xuất 4 đơn vị ra {out}.")


def test_bad_units_file_shows_line_numbers_and_changes_nothing(
    page, tmp_path, monkeypatch, messages
):
    src = tmp_path / "bad.csv"
    src.write_text(UNITS_CSV + "X1,Xã Một,commune,,1/13/2025,,\n", encoding="utf-8")
    _answers(monkeypatch)
    page.import_file("units", str(src))
    kind, text = messages[-1]
    assert kind == "warning"
    assert "Tệp bad.csv: 1 lỗi, không nhập đơn vị nào." in text
    assert "Dòng 4, cột valid_from: ngày “1/13/2025” không hợp lệ" in text
    assert len(load_units(page.ctx.db)) == 2


def test_fields_import_and_export(page, tmp_path, monkeypatch, messages):
    src = tmp_path / "lv.csv"
    src.write_text("code,name,level\nX_MOI,Lĩnh vực mới,commune\n", encoding="utf-8")
    _answers(monkeypatch)
    page.import_file("fields", str(src))
    assert "Lĩnh vực mới" in _cells(page.fields_table, 1)
    out = tmp_path / "lv-out.csv"
    page.export_file("fields", str(out))
    assert "X_MOI,Lĩnh vực mới,commune" in out.read_text("utf-8-sig").splitlines()
    assert len(load_fields(page.ctx.db)) == 33


def test_add_rename_and_end_a_unit(page, monkeypatch, messages):
    _answers(
        monkeypatch,
        texts=["Xã Phước Hưng", "", "Xã Phước Hưng (Huyện Trà Cú)", "30/06/2025", "P", "1/7/2025"],
        items=[
            lambda labels: labels[0],
            lambda labels: next(x for x in labels if "29467" in x),
            lambda labels: labels[0],
        ],
    )
    page.add_unit()
    added = next(u for u in load_units(page.ctx.db) if u.name == "Xã Phước Hưng")
    assert (str(added.level), str(added.kind)) == ("commune", "commune")
    row = next(i for i, u in enumerate(page._units) if u.code == added.code)
    page.units_table.setCurrentCell(row, 1)
    page.rename_unit()
    row = next(i for i, u in enumerate(page._units) if u.code == added.code)
    page.units_table.setCurrentCell(row, 1)
    page.end_unit()
    ended = next(u for u in load_units(page.ctx.db) if u.code == added.code)
    assert ended.name == "Xã Phước Hưng (Huyện Trà Cú)"
    assert (ended.valid_to, ended.successors) == (date(2025, 6, 30), ("29467",))
    assert page.units_table.item(row, 5).text() == "đến 30/06/2025"
    page.add_unit()  # an office that starts on a date
    office = next(u for u in load_units(page.ctx.db) if u.name == "P")
    assert office.valid_from == date(2025, 7, 1) and str(office.kind) == "office"


def test_end_unit_refuses_a_bad_date(page, monkeypatch, messages):
    _answers(monkeypatch, texts=["31/02/2025"])
    page.units_table.setCurrentCell(1, 1)
    page.end_unit()
    assert messages[-1][0] == "warning" and "31/02/2025" in messages[-1][1]
    assert all(u.valid_to is None for u in load_units(page.ctx.db))
