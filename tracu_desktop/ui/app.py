"""GUI entry point: application, font, first-start choice, database, main window."""

from __future__ import annotations

import sys
from pathlib import Path

# Fonts with every Vietnamese letter, in order of preference (Windows, then Linux).
UI_FONTS = ["Segoe UI", "Noto Sans", "DejaVu Sans", "Arial"]


def skip_optional_array_libraries() -> None:
    """Keep sqlite-utils from importing numpy/pandas (its optional extras) in the GUI.

    The program never hands arrays to sqlite-utils and neither library is a dependency
    (the Windows bundle leaves them out), but where they happen to be installed their
    import alone costs more start-up time than building the main window.
    """
    if "sqlite_utils" not in sys.modules:
        for name in ("numpy", "pandas"):
            sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def make_app():
    """The QApplication with a font that renders Vietnamese."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from tracu_desktop import APP_NAME, APP_TITLE

    skip_optional_array_libraries()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    font = QFont()
    font.setFamilies(UI_FONTS)
    font.setPointSize(10)
    app.setFont(font)
    return app


def prepare_database(path: Path):
    """Open the database; on first start ask for the demo data or a new organisation.

    Returns the open database, or ``None`` when the clerk cancelled.
    """
    from tracu_desktop.db.catalog import is_initialised
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.ui.first_run import DEMO, FirstRunDialog, NewOrganisationDialog

    db = open_database(path)
    if is_initialised(db):
        return db
    first = FirstRunDialog()
    if not first.exec():
        db.close()
        return None
    if first.choice == DEMO:
        from tracu_desktop.db.demo import create_demo

        create_demo(db)
        return db
    wizard = NewOrganisationDialog()
    if not wizard.exec():
        db.close()
        return None
    wizard.apply(db)
    from datetime import date

    from tracu_desktop.db.periods import add_period

    add_period(db, str(date.today().year), exist_ok=True)
    return db


def build_main_window(db_path: Path, db, settings=None):
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.main_window import MainWindow

    ctx = AppContext(db_path, db, settings)
    return MainWindow(ctx)


def run_gui(db_path: Path | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from tracu_desktop.db.connection import DatabaseError, default_db_path

    app = make_app()
    path = Path(db_path) if db_path else default_db_path()
    try:
        db = prepare_database(path)
    except DatabaseError as exc:
        QMessageBox.critical(None, "Không mở được dữ liệu", str(exc))
        return 2
    if db is None:
        return 0
    win = build_main_window(path, db)
    win.show()
    code = app.exec()
    db.close()
    return code
