"""One program per database file; start-up check, backups and guided recovery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracu_desktop.cli.main import main
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db import backup as bk
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.lock import DatabaseInUseError, DatabaseLock, is_locked
from tracu_desktop.db.startup import prepare_database, recover
from tracu_desktop.db.values import set_value

ROOT = Path(__file__).resolve().parents[2]


def test_second_lock_on_the_same_file_is_refused_in_vietnamese(demo_db_path):
    first = DatabaseLock(demo_db_path).acquire()
    try:
        with pytest.raises(DatabaseInUseError) as info:
            DatabaseLock(demo_db_path).acquire()
        assert "đang được một cửa sổ TraCu khác" in str(info.value)
        assert str(demo_db_path) in str(info.value)
        assert is_locked(demo_db_path)
    finally:
        first.release()
    assert not is_locked(demo_db_path)
    with DatabaseLock(demo_db_path):  # free again
        pass


def test_lock_is_per_database_file(tmp_path):
    with DatabaseLock(tmp_path / "a.sqlite3"), DatabaseLock(tmp_path / "b.sqlite3"):
        assert is_locked(tmp_path / "a.sqlite3") and is_locked(tmp_path / "b.sqlite3")


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_lock_of_a_killed_process_is_released(demo_db_path):
    code = (
        "import sys, time\n"
        "from tracu_desktop.db.lock import DatabaseLock\n"
        f"DatabaseLock({str(demo_db_path)!r}).acquire()\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == b"locked"
        assert is_locked(demo_db_path)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    deadline = time.monotonic() + 5
    while is_locked(demo_db_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not is_locked(demo_db_path), "a crash must not leave a stale lock"


def test_cli_writes_refused_while_the_window_has_the_file(demo_db_path, tmp_path, capsys):
    csv = tmp_path / "v.csv"
    csv.write_text("period,unit,field,indicator,value\n2023,HUYEN,,tthc_assessed,5\n", "utf-8")
    gui = prepare_database(demo_db_path)  # what the GUI does at start
    try:
        assert main(["--db", str(demo_db_path), "values", "import", str(csv)]) == 2
        assert "đang được một cửa sổ TraCu khác" in capsys.readouterr().err
        # Reading is harmless and allowed.
        assert main(["--db", str(demo_db_path), "summary", "--period", "2023"]) == 0
        assert "22.278" in capsys.readouterr().out
        for argv in (
            ["import", str(tmp_path / "xa.xlsx")],
            ["report-meta", "--period", "2023", "--number", "7"],
            ["backup", "create"],
        ):
            assert main(["--db", str(demo_db_path), *argv]) == 2, argv
            assert "đang được một cửa sổ TraCu khác" in capsys.readouterr().err
        with pytest.raises(DatabaseInUseError):
            prepare_database(demo_db_path)  # a second window
    finally:
        gui.lock.release()
    assert main(["--db", str(demo_db_path), "values", "import", str(csv)]) == 0


def test_start_makes_start_and_daily_backups(demo_db_path):
    check = prepare_database(demo_db_path)
    try:
        assert check.ok and check.message() == ""
        kinds = sorted(b.kind for b in bk.list_backups(demo_db_path))
        assert kinds == ["daily"], "the day's first copy is the daily one"
    finally:
        check.lock.release()
    for _ in range(10):  # ten starts without edits make no new copy
        check = prepare_database(demo_db_path)
        check.lock.release()
        assert not check.backups_made
    assert sorted(b.kind for b in bk.list_backups(demo_db_path)) == ["daily"]
    db = open_database(demo_db_path)
    set_value(db, ValueKey("2023", "HUYEN", "", "tthc_assessed"), 4321)
    db.close()
    check = prepare_database(demo_db_path)
    check.lock.release()
    kinds = sorted(b.kind for b in bk.list_backups(demo_db_path))
    assert kinds == ["daily", "start"], "after an edit the next start copies again"


def test_new_database_needs_no_check(tmp_path):
    check = prepare_database(tmp_path / "new.sqlite3")
    check.lock.release()
    assert check.ok and check.integrity is None and not check.backups_made


def test_damaged_file_offers_the_newest_good_backup(demo_db_path, corrupt_file):
    first = prepare_database(demo_db_path)
    first.lock.release()
    corrupt_file(demo_db_path)
    check = prepare_database(demo_db_path)
    try:
        assert not check.ok
        assert check.candidate is not None and bk.check_integrity(check.candidate.path).ok
        text = check.message()
        assert "bị hỏng" in text and check.candidate.path.name in text
        assert not check.backups_made, "a damaged file must not push good copies out"
        safety = recover(check)
        assert check.ok and bk.check_integrity(demo_db_path).ok
        assert safety is not None and safety.exists()
    finally:
        check.lock.release()


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_lock_follows_symlinks_and_other_spellings(demo_db_path, tmp_path):
    """A symbolic link or a roundabout spelling of the same file is the same database."""
    link_dir = tmp_path / "elsewhere"
    link_dir.mkdir()
    link = link_dir / "link.sqlite3"
    link.symlink_to(demo_db_path)
    roundabout = demo_db_path.parent / ".." / demo_db_path.parent.name / demo_db_path.name
    with DatabaseLock(demo_db_path):
        for other in (link, roundabout):
            with pytest.raises(DatabaseInUseError):
                DatabaseLock(other).acquire()
    with DatabaseLock(link):
        with pytest.raises(DatabaseInUseError):
            DatabaseLock(demo_db_path).acquire()
