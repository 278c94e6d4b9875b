"""GUI entry point: application, font, first-start choice, database, main window."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module loads before PySide6 on purpose (see load_data_layer)
    from PySide6.QtWidgets import QApplication

    from tracu_desktop.db.startup import StartupCheck
    from tracu_desktop.ui.main_window import MainWindow

# Fonts with every Vietnamese letter, in order of preference (Windows, then Linux).
UI_FONTS = ["Segoe UI", "Noto Sans", "DejaVu Sans", "Arial"]


def make_app():
    """The QApplication with a font that renders Vietnamese."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from tracu_desktop import APP_NAME

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    # No application display name: Qt would append it to every dialog's title
    # ("Chốt số liệu — TraCu — …") and cut the real title; the main window names it.
    font = QFont()
    font.setFamilies(UI_FONTS)
    font.setPointSize(10)
    QApplication.setFont(font)  # static: instance() is typed as the core application
    install_vietnamese(app)
    return app


def install_vietnamese(app) -> object | None:
    """Load the Vietnamese translation of Qt's own strings (standard buttons, the text
    context menu, file and print dialogs) and the Vietnamese locale (calendar, dates).

    Qt ships no Vietnamese translation; ``resources/translations/qtbase_vi.ts`` is ours,
    compiled to ``qtbase_vi.qm`` with ``pyside6-lrelease``. Returns the translator.
    """
    from PySide6.QtCore import QLocale, QTranslator

    from tracu_desktop.core.resources import resource_path

    existing = getattr(app, "_vi_translator", None)
    if existing is not None:
        return existing
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = QTranslator(app)
    if not translator.load(str(resource_path("translations", "qtbase_vi.qm"))):
        return None
    app.installTranslator(translator)
    app._vi_translator = translator  # keep it alive with the application
    return translator


def prepare_database(path: Path):
    """Open the database; on first start ask for the demo data or a new organisation.

    Returns the open database, or ``None`` when the clerk cancelled.
    """
    from tracu_desktop.db.catalog import is_initialised
    from tracu_desktop.db.connection import open_database

    db = open_database(path)
    if is_initialised(db):
        return db
    from tracu_desktop.ui.first_run import DEMO, FirstRunDialog, NewOrganisationDialog

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


def load_data_layer() -> None:
    """Import the non-Qt modules the first screen needs, before PySide6.

    Once loaded, PySide6 reads the source of every module imported after it (looking
    for ``from __feature__`` switches); importing the data layer first saves that.
    """
    import tracu_desktop.core.validation  # noqa: F401
    import tracu_desktop.db.startup  # noqa: F401
    import tracu_desktop.db.values  # noqa: F401
    from tracu_desktop.db import checks, outliers  # noqa: F401


@dataclass
class Started:
    app: QApplication
    window: MainWindow
    guard: StartupCheck  # its lock is held until the program exits


def open_main_window(
    db_path: Path | None = None, settings_file: Path | str | None = None
) -> Started | int:
    """Everything up to the shown main window; an exit code when it cannot be shown.

    ``settings_file``: an INI file instead of the user's settings (benchmarks, tests).
    """
    from tracu_desktop.infra.logs import setup_logging

    setup_logging()
    load_data_layer()
    from PySide6.QtWidgets import QMessageBox

    from tracu_desktop.db.connection import DatabaseError, default_db_path
    from tracu_desktop.ui.startup_guard import guard_startup

    app = make_app()
    path = Path(db_path) if db_path else default_db_path()
    guard = guard_startup(path)  # one window per database, integrity check, start backups
    if guard is None:
        return 2
    try:
        db = prepare_database(path)
    except DatabaseError as exc:
        guard.lock.release()
        QMessageBox.critical(None, "Không mở được dữ liệu", str(exc))
        return 2
    if db is None:
        guard.lock.release()
        return 0
    settings = None
    if settings_file is not None:
        from PySide6.QtCore import QSettings

        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    win = build_main_window(path, db, settings)
    win.show()
    return Started(app, win, guard)


def run_gui(db_path: Path | None = None) -> int:
    started = open_main_window(db_path)
    if isinstance(started, int):
        return started
    from tracu_desktop.db.backup import wait_for_background_backups
    from tracu_desktop.ui.error_dialog import install_excepthook

    win = started.window
    hook = install_excepthook(started.app, lambda: win.ctx.db)
    try:
        code = started.app.exec()
        hook.uninstall()
        win.ctx.db.close()
        return code
    finally:
        wait_for_background_backups()  # a start backup still copying finishes first
        started.guard.lock.release()
