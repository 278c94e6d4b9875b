"""Installation self-check: every Qt module the program uses loads, and a print preview opens.

A Qt upgrade once moved a module (QtPdf) out of the wheel the program was installed from,
and the installed program failed only when a clerk pressed "Xem trước khi in". This check
runs the real preview dialog of a form on a throw-away demo database, offscreen, so the
frozen bundle and a fresh install prove the whole path before anyone prints.
"""

from __future__ import annotations

import importlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.core.formspec import print_set

# Every Qt module imported anywhere in the program (a test keeps this list complete).
QT_MODULES = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPrintSupport",
)
PREVIEW_FORM = print_set()[0]  # the first form of the print set (06b)
PREVIEW_PERIOD = "2023"


@dataclass
class SelfCheckResult:
    modules: dict[str, str] = field(default_factory=dict)  # module -> "" or the error
    preview_pages: int = 0
    preview_inked: bool = False
    message: str = ""

    @property
    def ok(self) -> bool:
        return not any(self.modules.values()) and self.preview_pages > 0 and self.preview_inked


def check_qt_modules() -> dict[str, str]:
    """Import each Qt module; the value is the error text, empty when it loaded."""
    result = {}
    for name in QT_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            result[name] = str(exc)
        else:
            result[name] = ""
    return result


def _inked(image) -> bool:  # noqa: ANN001 - QImage, imported lazily
    """True when the rendered page has dark pixels (text), not a blank sheet."""
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            if image.pixelColor(x, y).lightness() < 128:
                return True
    return False


def check_print_preview(timeout: float = 120.0) -> tuple[int, bool, str]:
    """Open the real preview of form 06b on a temporary demo; (pages, inked, message)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QSize
    from PySide6.QtWidgets import QApplication

    from tracu_desktop.db import open_database
    from tracu_desktop.db.demo import create_demo
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.print_preview import PrintPreviewDialog

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="tracu-selfcheck-") as tmp:
        db_path = Path(tmp) / "selfcheck.sqlite3"
        db = open_database(db_path)
        try:
            create_demo(db)
            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            ctx = AppContext(db_path, db, settings)
            ctx.set_period(PREVIEW_PERIOD)
            dialog = PrintPreviewDialog(ctx, None, PREVIEW_FORM)
            deadline = time.monotonic() + timeout
            while dialog.busy and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            pages = dialog.document.pageCount()
            inked = pages > 0 and _inked(dialog.document.render(0, QSize(300, 212)))
            message = "" if pages > 0 else (dialog.status.text() or "Quá thời gian chờ.")
            dialog.done(0)
            dialog.deleteLater()
            app.processEvents()
        finally:
            db.close()
    return pages, inked, message


def run_selfcheck() -> SelfCheckResult:
    result = SelfCheckResult(modules=check_qt_modules())
    if any(result.modules.values()):
        result.message = "Thiếu mô-đun Qt, không thể mở bản xem trước khi in."
        return result
    result.preview_pages, result.preview_inked, result.message = check_print_preview()
    return result
