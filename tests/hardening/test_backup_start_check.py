"""The start-up integrity check reads the whole file only when it may have changed."""

from __future__ import annotations

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db import startup
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.values import set_value


def _start(path, monkeypatch, calls):
    real = getattr(startup.check_integrity, "real", startup.check_integrity)

    def counted(p):
        calls.append(p)
        return real(p)

    counted.real = real
    monkeypatch.setattr(startup, "check_integrity", counted)
    check = startup.prepare_database(path, start_backup=False)
    check.lock.release()
    return check


def test_unchanged_file_is_not_read_again_the_same_day(demo_db_path, monkeypatch):
    calls: list = []
    assert _start(demo_db_path, monkeypatch, calls).ok and len(calls) == 1
    for _ in range(3):
        assert _start(demo_db_path, monkeypatch, calls).ok
    assert len(calls) == 1
    db = open_database(demo_db_path)
    set_value(db, ValueKey("2023", "HUYEN", "", "tthc_assessed"), 4321)
    db.close()
    assert _start(demo_db_path, monkeypatch, calls).ok and len(calls) == 2, "changed: checked"


def test_damage_after_a_passed_check_is_still_found(demo_db_path, monkeypatch, corrupt_file):
    calls: list = []
    assert _start(demo_db_path, monkeypatch, calls).ok
    corrupt_file(demo_db_path)
    check = _start(demo_db_path, monkeypatch, calls)
    assert not check.ok and "bị hỏng" in check.message()


def test_a_new_day_checks_again(demo_db_path, monkeypatch):
    import datetime as dt

    calls: list = []
    _start(demo_db_path, monkeypatch, calls)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2099, 1, 2)

    monkeypatch.setattr(startup, "date", Tomorrow)
    _start(demo_db_path, monkeypatch, calls)
    assert len(calls) == 2


def test_starts_without_edits_do_not_even_copy_the_file(demo_db_path, monkeypatch):
    from tracu_desktop.db import backup as bk

    assert bk.make_start_backups(demo_db_path)  # the day's first copy
    snapshots = []
    real = bk._snapshot
    monkeypatch.setattr(bk, "_snapshot", lambda src, dst: snapshots.append(src) or real(src, dst))
    for _ in range(10):
        assert bk.make_start_backups(demo_db_path) == []
    assert snapshots == [], "the file at rest as when copied is not read again"
    db = open_database(demo_db_path)
    set_value(db, ValueKey("2023", "HUYEN", "", "tthc_assessed"), 4321)
    db.close()
    [made] = bk.make_start_backups(demo_db_path)
    assert made.exists() and len(snapshots) == 1
