"""GUI speed on a province database: switching unit on the form-06 page and opening the
completeness page.

The province of ``bench_province.py`` (20 departments with 40 fields, its 124 communes)
with one quarter of figures for every unit and an arrival for each commune. The window
is built offscreen; each timing runs until the event queue is empty (what the clerk
waits for). Targets: switching unit ≤ 100 ms, the completeness page ≤ 200 ms.

    python bench/bench_province_gui.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_province import FIELDS, PERIOD, _figures, build_province  # noqa: E402

from tracu_desktop.core import admin_units  # noqa: E402
from tracu_desktop.db.submissions import record_submission  # noqa: E402
from tracu_desktop.db.values import apply_changes  # noqa: E402

UNIT_TARGET_MS, COMPLETENESS_TARGET_MS = 100, 200


def _province(path: Path) -> list[str]:
    communes = admin_units.communes("86")
    db = build_province(path, communes)
    changes = []
    rng = random.Random(7)
    for c in communes:
        changes += _figures(c.code, [f"PX{i:02d}" for i in range(FIELDS)], rng)
    apply_changes(db, changes, "bench")
    for c in communes:
        record_submission(db, PERIOD, c.code, "package", file_name=f"{c.code}.tracu.zip")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return [c.code for c in communes]


def main() -> None:
    from PySide6.QtCore import QSettings

    from tracu_desktop.db.connection import open_database
    from tracu_desktop.ui.app import build_main_window, make_app

    tmp = Path(tempfile.mkdtemp())
    path = tmp / "province.sqlite3"
    t = time.perf_counter()
    communes = _province(path)
    print(f"province database built in {time.perf_counter() - t:.1f} s")
    app = make_app()
    db = open_database(path)
    win = build_main_window(path, db, QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    win.resize(1366, 768)
    win.show()
    win.ctx.set_period(PERIOD)
    page = win.show_page("f06")
    deadline = time.perf_counter() + 60
    while win.ctx.issues_period != PERIOD and time.perf_counter() < deadline:
        app.processEvents()  # the validation panel checks the period on a worker
        time.sleep(0.01)
    units = ["S00", communes[0], "S05", communes[60], communes[-1], "S19"] * 4
    times = []
    for code in units:
        t = time.perf_counter()
        page.tree.select_unit(code)
        app.processEvents()
        times.append(time.perf_counter() - t)
    print(f"form-06 page, {FIELDS} fields per unit, 144 units (median / max of {len(units)}):")
    print(
        f"  switch unit: {statistics.median(times) * 1000:.1f} ms / {max(times) * 1000:.1f} ms "
        f"(target ≤ {UNIT_TARGET_MS} ms)"
    )
    shows = []
    for _ in range(5):
        win.show_page("f06")
        app.processEvents()
        t = time.perf_counter()
        win.show_page("completeness")
        app.processEvents()
        shows.append(time.perf_counter() - t)
    completeness = win.show_page("completeness")
    refreshes = []
    for _ in range(5):
        t = time.perf_counter()
        completeness.refresh()
        app.processEvents()
        refreshes.append(time.perf_counter() - t)
    print("completeness page, 124 communes and 20 departments:")
    print(
        f"  first opening (page built and filled): {shows[0] * 1000:.1f} ms; showing it again: "
        f"median {statistics.median(shows[1:]) * 1000:.1f} ms"
    )
    print(
        f"  refilling it (new figures arrived): median {statistics.median(refreshes) * 1000:.1f}"
        f" ms / max {max(refreshes) * 1000:.1f} ms (target ≤ {COMPLETENESS_TARGET_MS} ms)"
    )
    win.close()
    db.close()


if __name__ == "__main__":
    main()
