"""Screenshots of the dashboard, export dialog and print preview for the user guide.

Run from the repository root: ``python tools/screenshots_exports.py`` (offscreen, 1366×768).
Writes ``docs/screenshots/05-dashboard.png``, ``06-export-dialog.png``, ``07-print-preview.png``
from a fresh demo database in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from png_small import save_small  # noqa: E402
from PySide6.QtCore import QSettings, QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def _wait(app: QApplication, done, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    from tracu_desktop.core.formspec import print_set
    from tracu_desktop.db.catalog import set_setting
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.demo import create_demo
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.dashboard import DashboardPage
    from tracu_desktop.ui.export_dialog import ExportDialog
    from tracu_desktop.ui.print_preview import PrintPreviewDialog

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "demo.sqlite3"
        db = open_database(db_path)
        create_demo(db)
        set_setting(db, "targets", {"online": 50})
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("export/dir", str(Path(tmp) / "BaoCao"))
        ctx = AppContext(db_path, db, settings)
        ctx.set_period("2023")

        page = DashboardPage(ctx)
        page.resize(*SIZE)
        page.show()
        app.processEvents()
        save_small(page, OUT / "05-dashboard.png")
        page.close()

        dialog = ExportDialog(ctx)
        for code, box in dialog.form_checks.items():
            box.setChecked(code in print_set())
        dialog.report_checks["docx"].setChecked(True)
        dialog.report_checks["package"].setChecked(True)
        dialog.show()
        _wait(app, lambda: not dialog.checking)
        dialog.start()
        _wait(app, lambda: not dialog.running)
        dialog.dir_edit.setText(r"C:\Users\VanPhong\Documents\BaoCao")
        dialog.status.setText(
            dialog.status.text().replace(str(Path(tmp) / "BaoCao"), dialog.dir_edit.text())
        )
        app.processEvents()
        save_small(dialog, OUT / "06-export-dialog.png")
        dialog.close()

        preview = PrintPreviewDialog(ctx, None, print_set()[0])
        preview.resize(*SIZE)
        preview.show()
        _wait(app, lambda: not preview.busy)
        preview.preview.fitInView()
        app.processEvents()
        save_small(preview, OUT / "07-print-preview.png")
        preview.close()
        QThreadPool.globalInstance().waitForDone()
        # Widgets go before the application object, or Qt may crash at exit.
        for widget in (page, dialog, preview):
            widget.deleteLater()
        app.processEvents()
        app.sendPostedEvents(None, 0)
        db.close()
    print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
