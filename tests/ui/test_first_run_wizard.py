"""The first-start wizard: any province and commune of the country with its official code,
an organisation from scratch (nothing of Trà Cú), or a ready preset; what to do next."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QDialog

from tracu_desktop.db.catalog import get_organisation, load_fields, load_units
from tracu_desktop.db.periods import list_periods

SHOTS = os.environ.get("TRACU_SCREENSHOTS")


def _start_with(monkeypatch, configure):
    """prepare_database with "Tạo cơ quan mới" chosen and the wizard set up by ``configure``."""
    from tracu_desktop.ui import first_run

    def first_exec(self):
        self._pick(first_run.NEW)
        return QDialog.Accepted

    def wizard_exec(self):
        configure(self)
        self.accept()
        return self.result()

    monkeypatch.setattr(first_run.FirstRunDialog, "exec", first_exec)
    monkeypatch.setattr(first_run.NewOrganisationDialog, "exec", wizard_exec)


def test_wizard_offers_every_province_and_commune_with_codes(qtbot):
    from tracu_desktop.ui.first_run import NewOrganisationDialog

    dlg = NewOrganisationDialog()
    qtbot.addWidget(dlg)
    assert dlg.province.count() == 34
    assert dlg.province.currentText() == "Tỉnh Vĩnh Long (mã 86)"
    assert dlg.commune.count() == 124
    dlg.select_commune("29467")
    assert dlg.commune.currentText() == "Xã Tập Sơn (mã 29467)"
    assert dlg.name.text() == "Ủy ban nhân dân xã Tập Sơn"
    assert dlg.superior.text() == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert (dlg.place.text(), dlg.code.text()) == ("Tập Sơn", "29467")
    dlg.select_province("01")
    assert dlg.commune.count() == 126
    assert dlg.superior.text() == "Ủy ban nhân dân thành phố Hà Nội"
    assert dlg.form.isRowVisible(dlg.commune)
    dlg.level.setCurrentIndex(dlg.level.findData("province"))
    assert dlg.name.text() == "Ủy ban nhân dân thành phố Hà Nội"
    assert not dlg.form.isRowVisible(dlg.commune)
    assert dlg.code.text() == "01"
    steps = dlg.next_steps.text()
    assert "Tạo kỳ báo cáo mới" in steps and "Nhập số liệu từ tệp" in steps


def test_commune_from_the_wizard_has_no_district_unit(tmp_path, qapp, qtbot, monkeypatch):
    from tracu_desktop.ui.app import prepare_database

    def configure(dlg):
        dlg.select_province("86")
        dlg.select_commune("29467")
        dlg.signer.setText("Nguyễn Văn A")
        if SHOTS:
            dlg.resize(1366, 768)
            dlg.show()
            qtbot.waitExposed(dlg)
            dlg.grab().save(str(Path(SHOTS) / "wizard-commune.png"))
            dlg.resize(620, 520)
            dlg.grab().save(str(Path(SHOTS) / "wizard-commune-small.png"))

    _start_with(monkeypatch, configure)
    db = prepare_database(tmp_path / "ts.sqlite3")
    try:
        org = get_organisation(db)
        assert (org.name, org.header_lower, org.superior, org.signer_name) == (
            "Ủy ban nhân dân xã Tập Sơn",
            "XÃ TẬP SƠN",
            "Ủy ban nhân dân tỉnh Vĩnh Long",
            "Nguyễn Văn A",
        )
        units = load_units(db)
        assert [u.code for u in units] == ["29467", "XA_CHUNG"]
        assert {str(u.level) for u in units} == {"commune"}
        assert {str(f.level) for f in load_fields(db)} == {"commune"}
        assert len(load_fields(db)) == 32
        assert list_periods(db)  # this year's period, ready for figures
    finally:
        db.close()


def test_wizard_can_start_from_a_preset(tmp_path, qapp, monkeypatch):
    from tracu_desktop.ui.app import prepare_database

    def configure(dlg):
        dlg.start.setCurrentIndex(dlg.start.findData("vinh-long"))
        assert not dlg.form.isRowVisible(dlg.commune)

    _start_with(monkeypatch, configure)
    db = prepare_database(tmp_path / "vl.sqlite3")
    try:
        assert get_organisation(db).name == "Ủy ban nhân dân tỉnh Vĩnh Long"
        assert len(load_units(db)) == 480
    finally:
        db.close()


def test_wizard_refuses_an_empty_name(qtbot, messages):
    from tracu_desktop.ui.first_run import NewOrganisationDialog

    dlg = NewOrganisationDialog()
    qtbot.addWidget(dlg)
    dlg.level.setCurrentIndex(dlg.level.findData("district"))
    assert dlg.name.text() == ""
    dlg.accept()
    assert dlg.result() != QDialog.Accepted
    assert messages == [("warning", "Cần nhập tên cơ quan báo cáo và cơ quan cấp trên.")]
