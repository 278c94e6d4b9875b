"""The import, template and email dialogs, offscreen."""

from __future__ import annotations

import os
from email import message_from_bytes
from email.policy import default

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from tests.interchange.workbooks import build_onestop_06b  # noqa: E402
from tracu_desktop.db.values import get_values  # noqa: E402

UNIT_NAME = "Cấp huyện (số liệu chung)"


@pytest.fixture
def district_db(fresh_db):
    from datetime import date

    from tracu_desktop.db.periods import add_period

    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    return fresh_db


@pytest.fixture
def ctx(qtbot, district_db, tmp_path):
    from tracu_desktop.ui.context import AppContext

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    c = AppContext(district_db.path, district_db, settings)
    c.set_period("2023")
    return c


def test_import_dialog_preview_mapping_commit(ctx, qtbot, tmp_path):
    from tracu_desktop.ui.import_dialog import ImportDialog

    rows = [("Ho tich (cap xa)", 300, 120, 0, 400, 15, 5, 0, 0)]
    path = build_onestop_06b(tmp_path / "06b.xlsx", commune_rows=rows)
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.set_files([path])
    qtbot.waitUntil(lambda: not dlg.busy)  # the files are read on a worker
    # Unknown field: an error with its place, nothing can be committed yet.
    assert not dlg.commit_button.isEnabled()
    problem = [dlg.problems_table.item(0, c).text() for c in range(5)]
    assert problem[:4] == ["06b.xlsx", "Sheet1", "15", "B"]
    assert "Có phải: Hộ tịch?" in problem[4]
    box = dlg.mapping_table.cellWidget(0, 2)
    assert box.itemText(1) == "Hộ tịch (gợi ý)"
    box.setCurrentIndex(1)
    dlg.preview()
    qtbot.waitUntil(lambda: not dlg.busy)
    assert dlg.commit_button.isEnabled()
    cells = [
        [dlg.changes_table.item(r, c).text() for c in range(6)]
        for r in range(dlg.changes_table.rowCount())
    ]
    row = next(r for r in cells if r[2] == "Đất đai" and r[3] == "Số mới tiếp nhận trực tuyến")
    assert row == [
        "06b.xlsx",
        UNIT_NAME,
        "Đất đai",
        "Số mới tiếp nhận trực tuyến",
        "trống",
        "1.234",
    ]
    if os.environ.get("TRACU_SHOTS"):
        dlg.grab().save(os.environ["TRACU_SHOTS"] + "/import_dialog.png")
    with qtbot.waitSignal(ctx.data_changed):
        dlg.commit()
    v = get_values(ctx.db, "2023")
    assert v[("XA_CHUNG", "X_HO_TICH", "received_online")] == 300
    # The confirmed mapping is remembered: the next file of this shape imports directly.
    dlg2 = ImportDialog(ctx)
    qtbot.addWidget(dlg2)
    dlg2.set_files([build_onestop_06b(tmp_path / "06b_2.xlsx", commune_rows=rows)])
    qtbot.waitUntil(lambda: not dlg2.busy)
    assert dlg2.commit_button.isEnabled()


def test_template_and_email_dialogs(ctx, qtbot, tmp_path, monkeypatch):
    from tracu_desktop.ui import template_dialog
    from tracu_desktop.ui.template_dialog import EmailDialog, TemplateDialog

    opened = []
    monkeypatch.setattr(template_dialog, "open_folder", lambda f: opened.append(f))
    t = TemplateDialog(ctx)
    qtbot.addWidget(t)
    t.unit_box.setCurrentIndex(t.unit_box.findData("XA_KIM_SON"))
    t.folder.setText(str(tmp_path / "mau"))
    op = t.make()
    qtbot.waitUntil(lambda: not op.running, timeout=20000)
    assert [p.name for p in t.written] == ["MauNhap_2023_XaKimSon.xlsx"]

    e = EmailDialog(ctx)
    qtbot.addWidget(e)
    e.to_edit.setText("vanphong@travinh.gov.vn")
    e.folder.setText(str(tmp_path / "thu"))
    e.add_files(t.written)
    op = e.make()
    qtbot.waitUntil(lambda: not op.running, timeout=60000)
    draft = e.draft
    assert draft is not None and draft.name == "TraCu_2023_ThuNhap.eml"
    assert opened == [tmp_path / "thu"]
    msg = message_from_bytes(draft.read_bytes(), policy=default)
    names = sorted(a.get_filename() for a in msg.iter_attachments())
    assert names == ["MauNhap_2023_XaKimSon.xlsx", "TraCu_2023_GoiSoLieu.tracu.zip"]
    assert msg["X-Unsent"] == "1"
