"""The database handle: reads without sqlite-utils, everything else through it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracu_desktop.db.connection import open_database

ROOT = Path(__file__).resolve().parents[2]


def test_reads_run_on_the_connection_without_loading_sqlite_utils(demo_db_path):
    db = open_database(demo_db_path)
    try:
        assert db.execute("SELECT COUNT(*) FROM periods").fetchone()[0] == 3
        assert db.execute("PRAGMA user_version").fetchone()[0] > 0
        assert db._utils is None
    finally:
        db.close()


def test_writes_go_through_sqlite_utils_and_are_committed(demo_db_path):
    db = open_database(demo_db_path)
    try:
        db.execute("UPDATE periods SET name = ? WHERE code = ?", ["Năm 2023 (sửa)", "2023"])
        assert db._utils is not None
        other = sqlite3.connect(demo_db_path)
        try:
            name = other.execute("SELECT name FROM periods WHERE code = '2023'").fetchone()[0]
        finally:
            other.close()
        assert name == "Năm 2023 (sửa)"
    finally:
        db.close()


def test_atomic_rolls_back_a_failed_block(demo_db_path):
    db = open_database(demo_db_path)
    try:
        before = db.execute("SELECT name FROM periods WHERE code = '2023'").fetchone()[0]
        with pytest.raises(RuntimeError), db.atomic():
            db.execute("UPDATE periods SET name = 'x' WHERE code = '2023'")
            raise RuntimeError("stop")
        assert db.execute("SELECT name FROM periods WHERE code = '2023'").fetchone()[0] == before
        assert not db.conn.in_transaction
    finally:
        db.close()


def _run(code: str, *args: str, tmp_path: Path) -> str:
    env_code = "import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n" + code
    proc = subprocess.run(
        [sys.executable, "-c", env_code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TRACU_LOG_DIR": str(tmp_path)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


def test_main_window_opens_without_sqlite_utils_or_array_libraries(demo_db_path, tmp_path):
    """Start-up loads only what the first screen needs; sqlite-utils comes with the first write."""
    code = (
        "import sys\n"
        "from tracu_desktop.ui.app import open_main_window\n"
        "from tracu_desktop.db.backup import wait_for_background_backups\n"
        "started = open_main_window(sys.argv[1], sys.argv[2])\n"
        "loaded = sorted(m for m in ('sqlite_utils', 'numpy', 'pandas', 'openpyxl', 'reportlab')\n"
        "                if m in sys.modules)\n"
        "page = started.window.show_page('f06')\n"
        "rows = page.model.rowCount()\n"
        "wait_for_background_backups()\n"
        "started.guard.lock.release()\n"
        "print(started.window.windowTitle(), rows > 0, loaded)\n"
    )
    out = _run(code, str(demo_db_path), str(tmp_path / "s.ini"), tmp_path=tmp_path)
    assert out.endswith("True []"), out
    assert demo_db_path.name in out


def test_sqlite_utils_is_imported_without_numpy(tmp_path):
    code = (
        "import sys\n"
        "from tracu_desktop.db.connection import open_database\n"
        "db = open_database(':memory:')\n"
        "db.execute('CREATE TABLE t (x)')\n"
        "print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)\n"
    )
    assert _run(code, tmp_path=tmp_path) == "True False"


def test_a_write_waits_for_another_programs_write_lock(demo_db_path):
    """The busy timeout applies to writes: a write lock held for about a second by
    another program delays the write instead of failing it."""
    import threading
    import time

    from tracu_desktop.core.models import ValueKey
    from tracu_desktop.db.values import Change, apply_changes, get_value

    db = open_database(demo_db_path)
    key = next(iter(db.execute("SELECT period, unit, field, indicator FROM data_values")))
    key = ValueKey(*key)
    locked = threading.Event()

    def hold_lock() -> None:
        other = sqlite3.connect(demo_db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE periods SET name = name")
        locked.set()
        time.sleep(1.0)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert locked.wait(5)
        started = time.monotonic()
        apply_changes(db, [Change(key, 4321)], "test")
        waited = time.monotonic() - started
    finally:
        holder.join()
    assert waited >= 0.5
    assert get_value(db, key) == 4321
    db.close()
