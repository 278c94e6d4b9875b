"""Grab every screen of the GUI at 1366×768 (offscreen) into docs/screenshots/.

Usage: QT_QPA_PLATFORM=offscreen python tools/gui_screenshots.py [OUT_DIR]
Builds a throwaway demo database; nothing of the user's data is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout first
sys.path.insert(0, str(Path(__file__).resolve().parent))
from png_small import save_small  # noqa: E402


def main(out: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.demo import create_demo
    from tracu_desktop.ui.app import build_main_window, make_app

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    db = open_database(tmp / "demo.sqlite3")
    create_demo(db)
    app = make_app()
    settings = QSettings(str(tmp / "settings.ini"), QSettings.IniFormat)
    win = build_main_window(tmp / "demo.sqlite3", db, settings)
    win.resize(1366, 768)
    win.show()

    def shot(name: str, widget=None) -> None:
        for _ in range(3):
            app.processEvents()
        save_small(widget or win, out / name)
        print(out / name)

    steps = [
        ("01-main-06.png", "f06", "P_TP"),
        ("02-06-commune.png", "f06", "TT_TRA_CU"),
        ("03-05a.png", "f05a", "TT_TRA_CU"),
        ("04-section1.png", "s1", "HUYEN"),
        ("05-section3.png", "s3", "HUYEN"),
        ("07-section4.png", "s4", "HUYEN"),
        ("06-form07b.png", "f07b", "HUYEN_CHUNG"),
        ("08-section8.png", "s8", "HUYEN"),
        ("09-general.png", "general", None),
        ("11-report.png", "report", None),
        ("12-forms.png", "forms", None),
        ("13-completeness.png", "completeness", None),
        ("25-service-index.png", "service_index", None),
    ]
    for name, key, unit in steps:
        page = win.show_page(key)
        if unit and hasattr(page, "tree"):
            page.tree.select_unit(unit)
        shot(name)
    # A slip that breaks (3) = (7) + (11): the cell turns red and the panel lists it.
    page = win.show_page("f06")
    page.tree.select_unit("TT_TRA_CU")
    page.write_cell(0, 1, 2750)
    win.validation.refresh()
    page.view.select_cell(0, 1)
    shot("14-validation-error.png")
    page.show_history(0, 1)
    shot("15-cell-history.png", page._history_dialog)
    page._history_dialog.close()
    win.ctx.undo_stack.undo()
    detail_columns(win, shot)
    win.show_page("general").tabs.setCurrentIndex(1)
    shot("10-general-units.png")
    report = win.show_page("report")
    report.tabs.setCurrentIndex(1)
    report.editor.section.setCurrentIndex(report.editor.section.findData("I.6"))
    shot("20-report-text.png")
    report.tabs.setCurrentIndex(0)
    # A locked period with its banner.
    from tracu_desktop.db.periods import set_locked

    set_locked(db, "2023", True, "Đã gửi báo cáo")
    win.ctx.period_changed.emit("2023")
    win.show_page("f06")
    shot("16-locked-period.png")
    set_locked(db, "2023", False, "Chụp màn hình")
    win.ctx.period_changed.emit("2023")
    from tracu_desktop.ui.period_dialog import PeriodDialog

    dlg = PeriodDialog(win.ctx, None, win)
    dlg.show()
    shot("17-new-period.png", dlg)
    from tracu_desktop.ui.first_run import FirstRunDialog, NewOrganisationDialog

    for name, d in (
        ("18-first-run.png", FirstRunDialog()),
        ("19-new-organisation.png", NewOrganisationDialog()),
    ):
        d.show()
        shot(name, d)
    QApplication.instance().closeAllWindows()


def detail_columns(win, shot) -> None:
    """Form 06 with its detail columns shown: a commune's detail figures, one of them
    breaking "quá hạn đã có + chưa có văn bản xin lỗi = (10)" (cells painted red)."""
    from PySide6.QtWidgets import QApplication

    page = win.show_page("f06")
    page.tree.select_unit("TT_TRA_CU")
    page.set_detail_shown(True)
    codes = [c.code for c in page.model.columns]
    figures = {  # row 0 (Hộ tịch: (4) 275, (5) 90, (10) 5) and row 1
        0: {
            "received_online_full": 180,
            "received_online_partial": 80,
            "received_online_other": 15,
            "received_postal": 12,
            "received_nonboundary": 7,
            "resolved_late_apology": 3,
            "resolved_late_no_apology": 1,
            "fee_dossiers": 120,
            "paid_online": 64,
            "results_electronic": 210,
            "digitized_reused": 95,
        },
    }
    for row, values in figures.items():
        page.model.write({(row, codes.index(k)): v for k, v in values.items()}, "Chi tiết")
    win.validation.refresh()
    while win.validation.checking:
        QApplication.processEvents()
    page.view.select_cell(0, codes.index("resolved_late_apology"))
    shot("36-detail-columns.png")
    win.ctx.undo_stack.undo()
    page.set_detail_shown(False)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
