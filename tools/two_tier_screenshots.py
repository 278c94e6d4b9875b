"""Grab the screens of the two-tier sample databases at 1366×768 (offscreen) into
docs/screenshots/: the province office (Vĩnh Long) and a commune (Xã Tập Sơn).

Usage: QT_QPA_PLATFORM=offscreen python tools/two_tier_screenshots.py [OUT_DIR]
Builds throwaway sample databases (``demo --preset``); the printed 06a page needs
pdftoppm (poppler-utils).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout first
sys.path.insert(0, str(Path(__file__).resolve().parent))
from png_small import save_small  # noqa: E402

SHOTS = {
    "vinh-long": ("2025-Q4", [("30-province-06.png", "f06", "@commune"),
                              ("31-province-completeness.png", "completeness", None),
                              ("32-province-dashboard.png", "dashboard", None)]),
    "xa-tap-son": ("2026-Q1", [("34-commune-06.png", "f06", "29467"),
                               ("35-commune-dashboard.png", "dashboard", None)]),
}  # fmt: skip


def main(out: Path) -> None:
    from PySide6.QtCore import QSettings

    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.demo_two_tier import create_sample
    from tracu_desktop.export.forms_export import export_form
    from tracu_desktop.ui.app import build_main_window, make_app

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    app = make_app()
    for preset, (period, shots) in SHOTS.items():
        path = tmp / f"{preset}.sqlite3"
        db = open_database(path)
        create_sample(db, preset)
        if preset == "vinh-long" and shutil.which("pdftoppm"):
            pdf = export_form(db, period, "06a", "pdf", tmp / "06a.pdf")
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(out / "33-province-06a")], check=True)  # fmt: skip
        settings = QSettings(str(tmp / f"{preset}.ini"), QSettings.IniFormat)
        settings.setValue("last_period", period)
        win = build_main_window(path, db, settings)
        win.ctx.set_period(period)
        win.resize(1366, 768)
        win.show()
        for name, key, unit in shots:
            page = win.show_page(key)
            if unit is not None:
                page.tree.select_unit(unit)
            for _ in range(5):
                app.processEvents()
            save_small(win, out / name)
            print(out / name)
        win.validation._timer.stop()
        win.close()
        db.close()


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[1]
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else here / "docs" / "screenshots")
