"""GUI entry point."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(db_path: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from tracu_desktop import APP_TITLE

    app = QApplication.instance() or QApplication(sys.argv)
    win = QMainWindow()
    win.setWindowTitle(APP_TITLE)
    win.setCentralWidget(QLabel("Giao diện đang được xây dựng."))
    win.resize(1000, 700)
    win.show()
    return app.exec()
