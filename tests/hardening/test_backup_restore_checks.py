"""A restore never empties the database: only a copy of this program's data replaces it."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from tracu_desktop.cli.main import main
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db import backup as bk
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.startup import prepare_database, recover
from tracu_desktop.db.values import get_value, set_value

KEY = ValueKey("2023", "HUYEN", "", "tthc_assessed")


def _value(path: Path) -> int | None:
    with bk.open_backup_copy(path) as plain:
        db = open_database(plain)
        try:
            return get_value(db, KEY)
        finally:
            db.close()


def _set(path: Path, value: int) -> None:
    db = open_database(path)
    try:
        set_value(db, KEY, value)
    finally:
        db.close()


def _foreign(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.execute("INSERT INTO notes (text) VALUES ('sổ tay')")
    con.commit()
    con.close()
    return path


def _newer(demo: Path, path: Path) -> Path:
    shutil.copy(demo, path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    return path


def _bad_backups(demo_db_path: Path) -> dict[str, tuple[Path, str]]:
    folder = demo_db_path.parent / "bad"
    folder.mkdir()
    empty = folder / "rong.sqlite3"
    empty.write_bytes(b"")
    empty_gz = folder / "rong.sqlite3.gz"
    empty_gz.write_bytes(gzip.compress(b""))
    return {
        "empty": (empty, "tệp rỗng (0 byte)"),
        "empty-gz": (empty_gz, "không phải tệp dữ liệu của chương trình TraCu"),
        "foreign": (
            _foreign(folder / "khac.sqlite3"),
            "không phải tệp dữ liệu của chương trình TraCu",
        ),
        "newer": (_newer(demo_db_path, folder / "moi.sqlite3"), "phiên bản mới hơn"),
    }


@pytest.mark.parametrize("case", ["empty", "empty-gz", "foreign", "newer"])
def test_cli_restore_refuses_a_copy_that_is_not_our_data(demo_db_path, capsys, case):
    source, message = _bad_backups(demo_db_path)[case]
    _set(demo_db_path, 4321)
    before = demo_db_path.read_bytes()
    assert main(["--db", str(demo_db_path), "backup", "restore", str(source)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Đã khôi phục" not in captured.out
    assert demo_db_path.read_bytes() == before
    assert _value(demo_db_path) == 4321
    assert not bk.list_backups(demo_db_path, bk.KIND_BEFORE_RESTORE), "nothing was replaced"


def test_restore_says_what_the_copy_holds_before_replacing(demo_db_path, capsys):
    db = str(demo_db_path)
    assert main(["--db", db, "backup", "create"]) == 0
    capsys.readouterr()
    _set(demo_db_path, 999)
    assert main(["--db", db, "backup", "restore"]) == 0
    out = capsys.readouterr().out
    said, done = out.index("chứa:"), out.index("Đã khôi phục")
    assert said < done
    assert "Huyện Trà Cú" in out or "Trà Cú" in out
    assert "3 kỳ báo cáo (2021, 2022, 2023)" in out
    con = sqlite3.connect(demo_db_path)
    figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    con.close()
    assert f"{figures:,}".replace(",", ".") + " số liệu" in out


def test_restore_without_a_file_never_picks_a_before_restore_copy(demo_db_path, capsys):
    db = str(demo_db_path)
    _set(demo_db_path, 11)
    assert main(["--db", db, "backup", "create"]) == 0
    _set(demo_db_path, 22)
    assert main(["--db", db, "backup", "restore"]) == 0
    assert _value(demo_db_path) == 11
    [kept] = bk.list_backups(demo_db_path, bk.KIND_BEFORE_RESTORE)
    assert _value(kept.path) == 22 and bk.list_backups(demo_db_path)[0] == kept
    # A second restore without a file must not undo the first.
    capsys.readouterr()
    assert main(["--db", db, "backup", "restore"]) == 0
    assert _value(demo_db_path) == 11
    assert "before-restore" not in capsys.readouterr().out.split("Đã khôi phục")[1].split("\n")[0]


def test_restore_without_a_file_skips_empty_and_foreign_copies(demo_db_path, capsys):
    db = str(demo_db_path)
    _set(demo_db_path, 11)
    assert main(["--db", db, "backup", "create"]) == 0
    good = bk.list_backups(demo_db_path)[0]
    folder = bk.backup_dir(demo_db_path)
    (folder / "demo-manual-29990101-000000-000000.sqlite3").write_bytes(b"")
    _foreign(folder / "demo-daily-29990101-000001-000000.sqlite3")
    _set(demo_db_path, 22)
    assert main(["--db", db, "backup", "restore"]) == 0
    assert f"từ {good.path.name}" in capsys.readouterr().out
    assert _value(demo_db_path) == 11


def test_start_recovery_offers_only_a_copy_of_our_data(demo_db_path, corrupt_file):
    _set(demo_db_path, 11)
    good = bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    folder = bk.backup_dir(demo_db_path)
    (folder / "demo-daily-29990101-000000-000000.sqlite3").write_bytes(b"")
    _foreign(folder / "demo-start-29990101-000001-000000.sqlite3")
    shutil.copy(good, folder / "demo-before-restore-29990101-000002-000000.sqlite3.gz")
    corrupt_file(demo_db_path)
    check = prepare_database(demo_db_path)
    try:
        assert not check.ok and check.candidate is not None
        assert check.candidate.path == good
        assert "chứa:" in check.message() and "3 kỳ báo cáo" in check.message()
        recover(check)
        assert check.ok
    finally:
        check.lock.release()
    assert _value(demo_db_path) == 11


def test_restore_from_an_uncompressed_copy_of_an_older_version(demo_db_path, tmp_path):
    """Copies made before compression are plain SQLite files of schema 3."""
    from tests.db.legacy_schema_v3 import build_v3_database

    old = bk.backup_dir(demo_db_path) / "demo-manual-20240101-080000-000000.sqlite3"
    old.parent.mkdir(parents=True, exist_ok=True)
    build_v3_database(old)
    assert bk.inspect_backup(old).schema == 3
    _set(demo_db_path, 4321)
    bk.restore_backup(demo_db_path, old)
    db = open_database(demo_db_path)  # migrates the restored file to the current schema
    try:
        periods = [r[0] for r in db.execute("SELECT code FROM periods ORDER BY code")]
        assert periods == ["2021", "2022", "2023", "2024-Q1"]
        assert db.execute("SELECT count(*) FROM data_values WHERE period='2024-Q1'").fetchone()[0]
        assert get_value(db, KEY) != 4321
    finally:
        db.close()
