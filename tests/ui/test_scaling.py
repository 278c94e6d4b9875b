"""At 1366×768 and at 125 % / 150 % display scaling (QT_SCALE_FACTOR on a 1920×1080
screen) the main window and the print preview fit the screen and the toolbar does not
overflow into “»”. Each case runs in its own process: the scale is fixed at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar, QToolButton
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.demo import create_demo
from tracu_desktop.ui.app import make_app
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.main_window import MainWindow
from tracu_desktop.ui.print_preview import PrintPreviewDialog

app = make_app()
d = Path(tempfile.mkdtemp())
db = open_database(d / "x.sqlite3")
create_demo(db)
ctx = AppContext(d / "x.sqlite3", db, QSettings(str(d / "s.ini"), QSettings.IniFormat))
ctx.set_period("2023")
win = MainWindow(ctx)
win.show()
QTest.qWait(200)
tb = win.findChild(QToolBar, "periodToolbar")
ext = [b.isVisible() for b in tb.findChildren(QToolButton) if b.objectName() == "qt_toolbar_ext_button"]
preview = PrintPreviewDialog(ctx, None, "05a")
area = app.primaryScreen().availableGeometry()
out = {
    "area": [area.width(), area.height()],
    "win": [win.geometry().x(), win.geometry().y(), win.width(), win.height()],
    "preview": [preview.width(), preview.height()],
    "overflow": any(ext),
}
print(json.dumps(out))
QTest.qWait(300)
"""


@pytest.mark.parametrize(
    ("width", "height", "scale"), [(1366, 728, "1"), (1920, 1040, "1.25"), (1920, 1040, "1.5")]
)
def test_main_window_fits_at_scale(tmp_path, width, height, scale):
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "s0",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "QT_SCALE_FACTOR": scale,
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    aw, ah = got["area"]
    x, y, w, h = got["win"]
    assert (aw, ah) == (round(width / float(scale)), round(height / float(scale)))
    assert w + 16 <= aw and h + 40 <= ah, got  # room for the frame and title bar
    assert x >= 0 and y >= 0 and x + w <= aw and y + h <= ah, got
    assert got["preview"][0] + 16 <= aw and got["preview"][1] + 40 <= ah, got
    assert not got["overflow"], "the toolbar overflows into »"
