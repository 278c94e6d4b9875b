"""Rotating backups, integrity check and restore of the database file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tracu_desktop.cli.main import main
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db import backup as bk
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.values import get_value, set_value

KEY = ValueKey("2023", "HUYEN", "", "tthc_assessed")


def _value(path: Path, key: ValueKey = KEY) -> int | None:
    with bk.open_backup_copy(path) as plain:
        db = open_database(plain)
        try:
            return get_value(db, key)
        finally:
            db.close()


def _bump(path: Path) -> None:
    """One real edit, so the next automatic backup is not skipped as unchanged."""
    db = open_database(path)
    try:
        set_value(db, KEY, (get_value(db, KEY) or 0) + 1)
    finally:
        db.close()


def test_backup_is_a_consistent_copy_while_the_file_is_open(demo_db, demo_db_path):
    set_value(demo_db, KEY, 77)  # committed, still in the WAL file
    target = bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    assert target.parent == demo_db_path.parent / "backups"
    assert bk.check_integrity(target).ok
    assert _value(target) == 77
    [info] = bk.list_backups(demo_db_path)
    assert info.kind == "manual" and info.path == target
    assert "do người dùng tạo" in info.label


def test_rotation_keeps_the_newest_per_kind(demo_db_path, monkeypatch):
    monkeypatch.setitem(bk.KEEP, bk.KIND_IMPORT, 3)
    daily = bk.create_backup(demo_db_path, bk.KIND_DAILY)
    made = []
    for _ in range(5):
        _bump(demo_db_path)
        made.append(bk.create_backup(demo_db_path, bk.KIND_IMPORT))
    imports = bk.list_backups(demo_db_path, bk.KIND_IMPORT)
    assert [b.path for b in imports] == made[::-1][:3]
    assert not made[0].exists() and not made[1].exists()
    assert daily.exists(), "a burst of imports must not push out the daily copy"


def test_daily_backup_once_per_day(demo_db_path):
    first = bk.ensure_daily_backup(demo_db_path)
    assert first is not None
    _bump(demo_db_path)
    assert bk.ensure_daily_backup(demo_db_path) is None
    assert bk.ensure_daily_backup(demo_db_path, today=date(2099, 1, 1)) is not None


def test_import_makes_a_backup_first(demo_db_path, tmp_path, capsys):
    csv = tmp_path / "v.csv"
    csv.write_text("period,unit,field,indicator,value\n2023,HUYEN,,tthc_assessed,5\n", "utf-8")
    assert main(["--db", str(demo_db_path), "values", "import", str(csv)]) == 0
    # The daily copy made when the command opened the file already holds the figures
    # before the import, so the import copy is skipped as unchanged.
    [newest] = bk.list_backups(demo_db_path)
    assert newest.kind == bk.KIND_DAILY
    assert _value(newest.path) != 5, "the newest backup holds the figures before the import"
    assert _value(demo_db_path) == 5
    # A dry run writes nothing and needs no backup.
    assert main(["--db", str(demo_db_path), "values", "import", str(csv), "--dry-run"]) == 0
    assert not bk.list_backups(demo_db_path, bk.KIND_IMPORT)
    # A second import on changed figures copies them first.
    csv.write_text("period,unit,field,indicator,value\n2023,HUYEN,,tthc_assessed,6\n", "utf-8")
    assert main(["--db", str(demo_db_path), "values", "import", str(csv)]) == 0
    [imp] = bk.list_backups(demo_db_path, bk.KIND_IMPORT)
    assert _value(imp.path) == 5 and _value(demo_db_path) == 6


def test_migration_backs_up_through_the_rotation(demo_db_path, monkeypatch):
    from tracu_desktop.db import migrations

    def m_extra(db):
        db.execute("CREATE TABLE extra_test (x INTEGER)")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m_extra])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    db = open_database(demo_db_path)
    db.close()
    [mig] = bk.list_backups(demo_db_path, bk.KIND_MIGRATION)
    with bk.open_backup_copy(mig.path) as plain:
        con = sqlite3.connect(plain)
        assert con.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1
        con.close()


def test_integrity_check_detects_damage(demo_db_path, corrupt_file):
    assert bk.check_integrity(demo_db_path).ok
    corrupt_file(demo_db_path)
    result = bk.check_integrity(demo_db_path)
    assert not result.ok
    assert "bị hỏng" in result.describe()
    garbage = demo_db_path.with_name("not-a-db.sqlite3")
    garbage.write_bytes(b"hello, this is not sqlite" * 100)
    assert not bk.check_integrity(garbage).ok


def test_restore_replaces_file_and_keeps_the_current_one(demo_db, demo_db_path):
    set_value(demo_db, KEY, 11)
    saved = bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    set_value(demo_db, KEY, 22)
    demo_db.close()
    safety = bk.restore_backup(demo_db_path, saved)
    assert _value(demo_db_path) == 11
    assert safety is not None and _value(safety) == 22
    assert not demo_db_path.with_name(demo_db_path.name + "-wal").exists() or (
        demo_db_path.with_name(demo_db_path.name + "-wal").stat().st_size == 0
    )


def test_restore_refuses_a_damaged_backup(demo_db_path, corrupt_file):
    saved = bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    corrupt_file(saved)
    before = demo_db_path.read_bytes()
    with pytest.raises(bk.BackupError, match="bị hỏng"):
        bk.restore_backup(demo_db_path, saved)
    assert demo_db_path.read_bytes() == before


def test_newest_good_backup_skips_damaged_ones(demo_db_path, corrupt_file):
    good = bk.create_backup(demo_db_path, bk.KIND_DAILY)
    _bump(demo_db_path)
    bad = bk.create_backup(demo_db_path, bk.KIND_START)
    corrupt_file(bad)
    assert bk.newest_good_backup(demo_db_path).path == good


def test_cli_backup_list_create_restore(demo_db_path, capsys):
    db = str(demo_db_path)
    assert main(["--db", db, "backup", "list"]) == 0
    assert "Chưa có bản sao lưu" in capsys.readouterr().out
    assert main(["--db", db, "backup", "create"]) == 0
    created = capsys.readouterr().out
    assert "Đã tạo bản sao lưu" in created
    assert main(["--db", db, "backup", "list"]) == 0
    listing = capsys.readouterr().out
    assert "do người dùng tạo" in listing and "hằng ngày" in listing
    # Change a figure, then restore the manual copy by its bare file name.
    d = open_database(demo_db_path)
    set_value(d, KEY, 999)
    d.close()
    manual = bk.list_backups(demo_db_path, bk.KIND_MANUAL)[0].path
    assert main(["--db", db, "backup", "restore", manual.name]) == 0
    out = capsys.readouterr().out
    assert f"từ {manual.name}" in out and "được giữ lại" in out
    assert _value(demo_db_path) != 999
    assert main(["--db", db, "backup", "restore", "khong-co.sqlite3"]) == 2
    assert "Không tìm thấy bản sao lưu" in capsys.readouterr().err


def test_cli_guides_recovery_of_a_damaged_file(demo_db_path, corrupt_file, capsys):
    db = str(demo_db_path)
    assert main(["--db", db, "backup", "create"]) == 0
    good = bk.list_backups(demo_db_path, bk.KIND_MANUAL)[0]
    capsys.readouterr()
    corrupt_file(demo_db_path)
    assert main(["--db", db, "backup", "check"]) == 1
    msg = capsys.readouterr().err
    assert "bị hỏng" in msg and good.path.name in msg and "backup restore" in msg
    # Writing commands refuse to touch the damaged file.
    assert main(["--db", db, "period", "add", "2031"]) == 2
    assert "bị hỏng" in capsys.readouterr().err
    assert main(["--db", db, "backup", "restore"]) == 0
    assert bk.check_integrity(demo_db_path).ok
    assert main(["--db", db, "summary", "--period", "2023"]) == 0
    assert "22.278" in capsys.readouterr().out
    kept = bk.list_backups(demo_db_path, bk.KIND_BEFORE_RESTORE)
    assert kept and not bk.check_integrity(kept[0].path).ok, "the damaged file is kept for rescue"


def test_restore_in_place_keeps_the_connection(demo_db, demo_db_path, corrupt_file):
    set_value(demo_db, KEY, 5)
    saved = bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    set_value(demo_db, KEY, 6)
    safety = bk.restore_in_place(demo_db, saved)
    assert get_value(demo_db, KEY) == 5
    assert safety is not None and _value(safety) == 6
    assert bk.check_integrity(demo_db_path).ok
    corrupt_file(saved)
    with pytest.raises(bk.BackupError, match="bị hỏng"):
        bk.restore_in_place(demo_db, saved)
    assert get_value(demo_db, KEY) == 5


def test_size_budget_removes_oldest_but_keeps_the_newest_good_copy_of_each_kind(demo_db_path):
    from tracu_desktop.db.catalog import set_setting

    made = {}
    for kind in (bk.KIND_DAILY, bk.KIND_IMPORT, bk.KIND_IMPORT, bk.KIND_MANUAL, bk.KIND_IMPORT):
        _bump(demo_db_path)
        made.setdefault(kind, []).append(bk.create_backup(demo_db_path, kind))
    assert all(p.exists() for paths in made.values() for p in paths), "default budget: 10×"
    # A broken newest import copy (0 bytes) is not "good": the one before it is kept.
    broken = bk.backup_dir(demo_db_path) / "demo-import-29990101-000000-000000.sqlite3"
    broken.write_bytes(b"")
    db = open_database(demo_db_path)
    set_setting(db, bk.BUDGET_SETTING, 0.01)  # 10 KB: far below one copy
    db.close()
    assert bk.backup_budget(demo_db_path) == int(0.01 * 1024 * 1024)
    _bump(demo_db_path)
    newest_manual = bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    left = {b.path for b in bk.list_backups(demo_db_path)}
    assert left == {made[bk.KIND_DAILY][0], made[bk.KIND_IMPORT][-1], newest_manual}


def test_cli_list_shows_compressed_and_original_sizes(demo_db_path, capsys):
    assert main(["--db", str(demo_db_path), "backup", "create"]) == 0
    capsys.readouterr()
    assert main(["--db", str(demo_db_path), "backup", "list"]) == 0
    listing = capsys.readouterr().out
    [b] = bk.list_backups(demo_db_path, bk.KIND_MANUAL)
    assert b.compressed and b.original_size is not None and b.original_size > 2 * b.size
    assert "nén từ" in listing and "Tổng dung lượng" in listing and "giới hạn" in listing
