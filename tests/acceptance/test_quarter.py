"""The clerk's quarter, end to end, on the real main window at 1366×768.

Driven with keyboard and mouse events (QTest) only, except where a native chooser
would open (the workbook to import and the export folder are given to the dialog that
would have asked). After each step the database, the files and the screen are checked,
and a screenshot is saved into ``TRACU_ACCEPTANCE_SHOTS`` (default: a temporary folder).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.periods import is_locked, list_periods
from tracu_desktop.db.values import get_value

UNIT = "TT_TRA_CU"
PERIOD = "2024-Q1"


# --- driving helpers -------------------------------------------------------------------


def click(widget: QWidget, pos: QPoint | None = None, double: bool = False) -> None:
    pos = pos if pos is not None else widget.rect().center()
    if not widget.window().isActiveWindow():  # a closed dialog leaves no active window
        widget.window().activateWindow()
        QTest.qWait(20)
    if double:  # Qt's item views see a double-click after a press at the same place
        QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, pos)
        QTest.mouseDClick(widget, Qt.LeftButton, Qt.NoModifier, pos)
    else:
        QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, pos)


def type_text(text: str, into: QWidget | None = None) -> None:
    """Type into the focused widget (or ``into``); Vietnamese letters as key events
    carrying the text."""
    for ch in text:
        target = into or QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        if ch == "\t":
            QTest.keyClick(target, Qt.Key_Tab)
        elif ch == "\n":
            QTest.keyClick(target, Qt.Key_Return)
        elif ch.isascii():
            QTest.keyClick(target, ch)
        else:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
        QTest.qWait(5 if ch not in "\t\n" else 40)  # Qt commits an edit through a queued call


def when_modal(handler: Callable[[QWidget], None], kind: type = QWidget) -> None:
    """Run ``handler`` on the next modal dialog of ``kind`` once it is shown."""

    def poll() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None or not isinstance(dlg, kind) or not dlg.isVisible():
            QTimer.singleShot(30, poll)
            return
        try:
            handler(dlg)
        except BaseException:
            # A failed check inside a modal dialog would leave it open and the test waiting
            # forever: close it so the failure is reported where it happened.
            failures.append(sys.exc_info()[1])
            dlg.close()
            if isinstance(dlg, QDialog):
                dlg.reject()

    QTimer.singleShot(30, poll)


failures: list[BaseException | None] = []  # checks that failed inside modal dialogs


def _reporting(wait: Callable[..., None]) -> Callable[..., None]:
    def wrapped(*args, **kwargs) -> None:
        try:
            wait(*args, **kwargs)
        except Exception:
            if failures:
                raise AssertionError(f"a check inside a dialog failed: {failures[0]!r}") from None
            raise

    return wrapped


def button(box: QDialogButtonBox | QMessageBox, which) -> QWidget:
    b = box.button(which)
    assert b is not None
    return b


def tool_button(win, action) -> QWidget:
    from PySide6.QtWidgets import QToolBar

    return win.findChild(QToolBar, "periodToolbar").widgetForAction(action)


class Shots:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.n = 0

    def __call__(self, widget: QWidget, name: str) -> Path:
        self.n += 1
        path = self.folder / f"{self.n:02d}_{name}.png"
        assert widget.grab().save(str(path))
        return path


# --- fixtures --------------------------------------------------------------------------


@pytest.fixture
def shots(tmp_path) -> Shots:
    folder = Path(os.environ.get("TRACU_ACCEPTANCE_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return Shots(folder)


@pytest.fixture
def win(demo_db, demo_db_path, tmp_path, qapp, qtbot):
    from tracu_desktop.ui.app import install_vietnamese
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.main_window import MainWindow

    install_vietnamese(qapp)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    ctx = AppContext(demo_db_path, demo_db, settings)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.setGeometry(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    yield w
    w.validation._timer.stop()
    ctx.blockSignals(True)


def _cell_pos(page, field_name: str, number: int) -> tuple[int, int]:
    m = page.model
    row = next(i for i, r in enumerate(m.rows) if r.label == field_name)
    col = next(i for i, c in enumerate(m.columns) if c.number == number)
    return row, col


def _click_cell(page, field_name: str, number: int) -> None:
    row, col = _cell_pos(page, field_name, number)
    rect = page.view.visualRect(page.model.index(row, col))
    click(page.view.viewport(), rect.center())
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (row, col)


def _field(db, name: str) -> str:
    return db.execute(
        "SELECT code FROM fields WHERE name=? AND level='commune'", [name]
    ).fetchone()[0]


# --- the quarter -----------------------------------------------------------------------


def test_the_quarter(win, qtbot, shots, tmp_path, monkeypatch):
    failures.clear()
    monkeypatch.setattr(
        qtbot,
        "waitUntil",
        _reporting(qtbot.waitUntil),  # a wait that times out names a failed dialog check
    )
    ctx = win.ctx
    db = ctx.db

    # 1. Create the period 2024, quarter 1, with the keyboard in the period dialog.
    def fill_period(dlg) -> None:
        dlg.kind.setFocus()
        while dlg.kind.currentText() != "Quý":
            QTest.keyClick(dlg.kind, Qt.Key_Down)
        dlg.year.setFocus()
        dlg.year.selectAll()
        type_text("2024", dlg.year)
        dlg.index.setFocus()
        dlg.index.selectAll()
        type_text("1", dlg.index)
        shots(dlg, "period_dialog")
        click(button(dlg.findChild(QDialogButtonBox), QDialogButtonBox.Ok))

    when_modal(fill_period)
    click(tool_button(win, win.act_new_period))
    qtbot.waitUntil(lambda: ctx.period == PERIOD)
    assert PERIOD in {p.code for p in list_periods(db)}
    assert "Quý I năm 2024" in win.period_box.currentText()
    shots(win, "period_created")

    # 2. Section 6, Thị trấn Trà Cú: a row of figures with Tab and Enter.
    nav = win.nav
    item = next(
        nav.item(i) for i in range(nav.count()) if nav.item(i).text() == "6. Giải quyết TTHC"
    )
    click(nav.viewport(), nav.visualItemRect(item).center())
    page = win.stack.currentWidget()
    assert page is win.pages["f06"]
    tree_item = page.tree._items[UNIT]
    click(page.tree.viewport(), page.tree.visualItemRect(tree_item).center())
    qtbot.waitUntil(lambda: page.model.unit == UNIT)
    _click_cell(page, "Hộ tịch", 4)
    # (4) (5) (6) | (8) (9) (10) | (12) (13): (3) = 15, (7) = 15, (11) = 1 → unbalanced
    type_text("10\t5\t0\t12\t3\t0\t0\t1\n")
    hotich = _field(db, "Hộ tịch")
    key = lambda ind: ValueKey(PERIOD, UNIT, hotich, ind)  # noqa: E731
    assert get_value(db, key("received_online")) == 10
    assert get_value(db, key("pending_overdue")) == 1
    assert page.model.display_text(*_cell_pos(page, "Hộ tịch", 3)) == "15"
    r, c = _cell_pos(page, "Chứng thực", 4)
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (r, c)
    shots(win, "row_typed")

    # 3. Paste a block copied from a spreadsheet (computed columns left empty).
    _click_cell(page, "Chứng thực", 4)
    QGuiApplication.clipboard().setText("20\t5\t0\t\t20\t5\t0\t\t0\t0\n")
    QTest.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    chungthuc = _field(db, "Chứng thực")
    assert get_value(db, ValueKey(PERIOD, UNIT, chungthuc, "received_direct")) == 5
    assert page.model.display_text(*_cell_pos(page, "Chứng thực", 3)) == "25"
    shots(win, "block_pasted")

    # 4. The validation panel lists the imbalance; double-click it and fix the cell.
    panel = win.validation
    # The list the clerk reads is the check of the pasted figures: the earlier check (of the
    # typed row) already lists the imbalance, and its rows change when the newer one ends.
    qtbot.waitUntil(
        lambda: (
            panel.up_to_date
            and any(i.rule == "f06_balance" and i.unit == UNIT for i in panel.issues)
        )
    )
    view = panel.view
    row = next(
        i
        for i, issue in enumerate(panel.issues)
        if "Thị trấn Trà Cú" in issue.message
        and "Hộ tịch" in issue.message
        and "(3)" in issue.message
        and issue.is_error
    )
    index = panel.model.index(row, 1)
    assert panel.model.index(row, 0).data() == "Lỗi"
    view.scrollTo(index)  # the clerk scrolls the list to it
    rect = view.visualRect(index)
    assert view.viewport().rect().contains(rect.center())
    shots(win, "error_listed")
    click(view.viewport(), rect.center(), double=True)
    r4, c4 = _cell_pos(page, "Hộ tịch", 4)
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (r4, c4)
    page.view.setFocus()
    type_text("11\n")
    assert get_value(db, key("received_online")) == 11
    qtbot.waitUntil(
        lambda: not any(i.rule == "f06_balance" and i.unit == UNIT for i in panel.issues)
    )
    assert not any("Thị trấn Trà Cú" in i.message and i.is_error for i in panel.issues)
    shots(win, "error_fixed")

    # 5. Undo and redo from the toolbar: the window names and shows the cell.
    click(tool_button(win, win.act_undo))
    assert get_value(db, key("received_online")) == 10
    assert "Thị trấn Trà Cú" in win.statusBar().currentMessage()
    assert page.model.display_text(r4, c4) == "10"
    qtbot.waitUntil(lambda: any(i.rule == "f06_balance" and i.unit == UNIT for i in panel.issues))
    shots(win, "undone")
    click(tool_button(win, win.act_redo))
    assert get_value(db, key("received_online")) == 11
    assert win.statusBar().currentMessage().startswith("Đã làm lại")
    shots(win, "redone")

    # 6. Import a commune's filled entry template into the period; one undo step, confirmed.
    import openpyxl

    from tracu_desktop.interchange.template_xlsx import write_template

    workbook = tmp_path / "06b_xa.xlsx"
    write_template(db, PERIOD, "XA_KIM_SON", workbook)
    book = openpyxl.load_workbook(workbook)
    sheet = book["Bieu06"]
    row_datdai = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "Đất đai")
    for col, value in (("D", 7), ("E", 3), ("H", 8), ("I", 2), ("J", 0), ("L", 0), ("M", 0)):
        sheet[f"{col}{row_datdai}"] = value  # 7 + 3 + 0 = 8 + 2 + 0 + 0 + 0
    book.save(workbook)  # what Xã Kim Sơn sends back

    def run_import(dlg) -> None:
        dlg.period_box.setFocus()
        while dlg.period_box.currentData() != PERIOD:
            QTest.keyClick(dlg.period_box, Qt.Key_Down)
        dlg.set_files([workbook])  # what the file chooser would hand over
        qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)  # read on a worker
        assert dlg.commit_button.isEnabled(), dlg.summary.text()
        shots(dlg, "import_preview")
        when_modal(lambda box: click(box.buttons()[0]), QMessageBox)
        click(dlg.commit_button)

    when_modal(run_import)
    win.open_import()
    qtbot.waitUntil(lambda: "Đã nhập" in win.statusBar().currentMessage())
    assert "Nhập tệp 06b_xa.xlsx" in win.act_undo.text()
    datdai = db.execute(
        "SELECT code FROM fields WHERE name='Đất đai' AND level='commune'"
    ).fetchone()[0]
    imported = db.execute(
        "SELECT SUM(value) FROM data_values WHERE period=? AND field=? AND indicator='received_online'",
        [PERIOD, datdai],
    ).fetchone()[0]
    assert imported == 7
    shots(win, "imported")

    # 7. Export every form and the report into a folder.
    out = tmp_path / "Xuất"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    exported: list[Path] = []

    def run_export(dlg) -> None:
        qtbot.waitUntil(lambda: not dlg.checking, timeout=30000)
        click(dlg.browse_button)
        dlg.continue_check.setChecked(True) if dlg.continue_check.isVisible() else None
        click(dlg.export_button)
        qtbot.waitUntil(lambda: not dlg.running, timeout=60000)
        exported.extend(dlg.files)
        shots(dlg, "export_done")
        click(dlg.close_button)

    when_modal(run_export)
    click(tool_button(win, win.act_export))
    assert exported and all(p.exists() and p.stat().st_size > 0 for p in exported)
    assert {p.suffix for p in exported} >= {".xlsx", ".pdf"}
    shots(win, "exported")
    from tracu_desktop.ui.template_dialog import EmailDialog

    email = EmailDialog(ctx, win)  # the email starts with what was just exported
    assert email.attachments == exported
    shots(email, "email_with_exports")
    email.close()

    # 8. Print preview of the forms.
    win.open_print_preview()
    from tracu_desktop.ui.print_preview import PrintPreviewDialog

    preview = win.findChild(PrintPreviewDialog)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0 and not preview.busy, timeout=30000)
    shots(preview, "print_preview")
    preview.close()

    # 9. Lock the period, with a reason typed in Vietnamese.
    def give_reason(dlg) -> None:
        dlg.text.setFocus()
        type_text("Đã gửi báo cáo số 12", dlg.text)
        click(button(dlg.findChild(QDialogButtonBox), QDialogButtonBox.Ok))

    when_modal(give_reason)
    click(tool_button(win, win.act_lock))
    assert is_locked(db, PERIOD)
    assert page.banner.isVisible() or win.stack.currentWidget() is not page
    assert "đã chốt số liệu" in win.state_label.text()
    reason = db.execute("SELECT * FROM period_log").fetchall()[-1]
    assert "Đã gửi báo cáo số 12" in " ".join(str(x) for x in reason)
    shots(win, "locked")
    assert not failures, failures
