"""GUI speed: start-up on the demo database against a bare PySide6 window, and grid refresh.

Start-up: each run is a fresh subprocess that builds the window, shows it and, once the
event loop is idle, prints the wall-clock time; start-up is that moment minus the
moment the parent launched it (interpreter start included, exit excluded); median of
several runs. Target: app ≤ 1.5 × bare. For scale, a third window is timed too: the
same kinds of widgets as the main window (menus, toolbar, docks, unit tree, a 61 × 15
table model) with no program code and no data, i.e. what the toolkit alone costs
beyond the bare window. Refresh: switching unit (and period) in the
form-06 grid with 60 fields; target ≤ 100 ms.

Usage: python bench/bench_gui.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import time; t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("x")); w.resize(1366, 768); w.show()
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
"""

APP = """
import sys, time
from tracu_desktop.ui.app import open_main_window
started = open_main_window(sys.argv[1], sys.argv[2])  # what run_gui does before app.exec()
started.window.resize(1366, 768)
from PySide6.QtCore import QTimer
QTimer.singleShot(0, lambda: (print(time.time()), started.app.quit()))
started.app.exec()
from tracu_desktop.db.backup import wait_for_background_backups
wait_for_background_backups()
"""


SKELETON = """
import time
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QDockWidget, QHeaderView, QLabel,
    QListWidget, QMainWindow, QSplitter, QTableView, QTreeWidget, QTreeWidgetItem)

class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 0 if parent.isValid() else 61
    def columnCount(self, parent=QModelIndex()): return 0 if parent.isValid() else 15
    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole: return f"{index.row() * index.column():,}"
        if role == Qt.TextAlignmentRole: return int(Qt.AlignRight | Qt.AlignVCenter)
    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole: return f"Cột {section}" if orientation == Qt.Horizontal else f"Dòng {section}"
    def flags(self, index): return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

app = QApplication([])
w = QMainWindow()
nav = QListWidget(); nav.addItems([f"Mục {i}" for i in range(12)])
dock = QDockWidget("Mục"); dock.setWidget(nav); w.addDockWidget(Qt.LeftDockWidgetArea, dock)
tree = QTreeWidget(); tree.setHeaderLabels(["Đơn vị"])
for i in range(20): QTreeWidgetItem(tree, [f"Xã {i}"])
table = QTableView(); table.setModel(Model())
table.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
split = QSplitter(); split.addWidget(tree); split.addWidget(table); w.setCentralWidget(split)
bar = w.addToolBar("Kỳ"); box = QComboBox(); box.addItems(["2023", "2022"]); bar.addWidget(box)
quit_action = QAction("Thoát", w); quit_action.setShortcut(QKeySequence.Quit)
w.menuBar().addMenu("&Tệp").addAction(quit_action)
checks = QDockWidget("Kiểm tra"); checks.setWidget(QTreeWidget()); w.addDockWidget(Qt.BottomDockWidgetArea, checks)
w.statusBar().addWidget(QLabel("Dữ liệu"))
w.resize(1366, 768); w.show()
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
"""


def _run(code: str, *args: str, log_dir: Path | None = None) -> float:
    # Byte-code caching on, as in an installed or bundled program (the bundle ships .pyc).
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    if log_dir is not None:
        env["TRACU_LOG_DIR"] = str(log_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    # The child prints the wall-clock moment its shown window first went idle; the time
    # the process then takes to exit is not part of start-up.
    return float(out.stdout.strip().splitlines()[-1]) - start


def startup(runs: int, demo: Path, tmp: Path) -> None:
    _run(BARE)  # warm-up: byte-code caches and the OS file cache
    _run(APP, str(demo), str(tmp / "s.ini"), log_dir=tmp)
    _run(SKELETON)
    bare: list[float] = []
    skeleton: list[float] = []
    app: list[float] = []
    for _ in range(runs):  # interleaved, so a busy moment of the machine hits all alike
        bare.append(_run(BARE))
        skeleton.append(_run(SKELETON))
        app.append(_run(APP, str(demo), str(tmp / "s.ini"), log_dir=tmp))
    b, s, a = (statistics.median(x) for x in (bare, skeleton, app))
    print(f"start-up (process launch → main window shown and idle), median of {runs}:")
    print(f"  bare PySide6 window: {b * 1000:.0f} ms")
    print(f"  same widgets, no program code, no data: {s * 1000:.0f} ms ({s / b:.2f}×)")
    print(f"  tracu_desktop on the demo database: {a * 1000:.0f} ms")
    print(f"  ratio: {a / b:.2f}× (target ≤ 1,5×)")


def refresh(demo: Path, tmp: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from tracu_desktop.core.models import Field, Level
    from tracu_desktop.db.catalog import save_field
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.ui.app import build_main_window, make_app

    app = make_app()
    db = open_database(demo)
    n = db.execute("SELECT COUNT(*) FROM fields WHERE level='commune'").fetchone()[0]
    for i in range(60 - n):  # 60 commune fields
        save_field(db, Field(f"X_BENCH_{i:02d}", f"Lĩnh vực thử {i + 1}", Level.COMMUNE, 900 + i))
    win = build_main_window(demo, db, QSettings(str(tmp / "r.ini"), QSettings.IniFormat))
    win.resize(1366, 768)
    win.show()
    page = win.show_page("f06")
    app.processEvents()
    units = ["TT_TRA_CU", "XA_KIM_SON", "XA_DAI_AN", "TT_DINH_AN"] * 5
    times = []
    for u in units:
        t = time.perf_counter()
        page.tree.select_unit(u)
        app.processEvents()
        times.append(time.perf_counter() - t)
    assert page.model.rowCount() == 61
    ptimes = []
    for code in ["2022", "2023"] * 5:
        t = time.perf_counter()
        win.ctx.set_period(code)
        app.processEvents()
        ptimes.append(time.perf_counter() - t)
    print("grid refresh, 60 fields (median / max):")
    print(
        f"  switch unit: {statistics.median(times) * 1000:.1f} ms / {max(times) * 1000:.1f} ms (target ≤ 100 ms)"
    )
    print(
        f"  switch period (grid + validation panel): {statistics.median(ptimes) * 1000:.1f} ms / "
        f"{max(ptimes) * 1000:.1f} ms"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    tmp = Path(tempfile.mkdtemp())
    sys.path.insert(0, str(ROOT))
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.demo import create_demo

    demo = tmp / "demo.sqlite3"
    db = open_database(demo)
    create_demo(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    startup(runs, demo, tmp)
    copy = tmp / "demo60.sqlite3"
    shutil.copy(demo, copy)
    refresh(copy, tmp)


if __name__ == "__main__":
    main()
