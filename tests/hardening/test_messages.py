"""Failures with a known cause get a Vietnamese message saying what happened and where,
never "Lỗi không mong muốn" nor "run backup check"."""

from __future__ import annotations

import errno
import sqlite3
import threading
import time
from pathlib import Path

from tracu_desktop.cli.main import main
from tracu_desktop.db.errors import explain_database_error


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def _no_crash(err: str) -> None:
    assert "Lỗi không mong muốn" not in err
    assert "backup check" not in err


def test_disk_full_during_export(demo_db_path, tmp_path, capsys, monkeypatch):
    out = tmp_path / "so_lieu.csv"
    out.write_text("bản cũ", encoding="utf-8")

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    code, err = _run(
        capsys, "--db", str(demo_db_path), "values", "export", "--period", "2023", "-o", str(out)
    )
    monkeypatch.undo()
    assert code == 2
    assert f"Không ghi được tệp {out}: ổ đĩa đã đầy" in err
    _no_crash(err)
    assert out.read_text(encoding="utf-8") == "bản cũ"
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


def test_line_break_in_email_recipient(demo_db_path, tmp_path, capsys):
    attach = tmp_path / "a.txt"
    attach.write_text("x", encoding="utf-8")
    code, err = _run(
        capsys, "--db", str(demo_db_path), "email", "--period", "2023",
        "--to", "vp@travinh.gov.vn\r\nBcc: ai@do.vn", str(attach), "-o", str(tmp_path / "t.eml"),
    )  # fmt: skip
    assert code == 2
    assert "Địa chỉ người nhận “vp@travinh.gov.vn\\r\\nBcc: ai@do.vn” có ký tự xuống dòng" in err
    assert not (tmp_path / "t.eml").exists()
    _no_crash(err)


def _check_failure(db_path: Path) -> sqlite3.IntegrityError:
    conn = sqlite3.connect(db_path)
    try:
        key = conn.execute("SELECT period, unit, field, indicator FROM data_values").fetchone()
        conn.execute("UPDATE data_values SET value = -1 WHERE period=? AND unit=? AND field=? "
                     "AND indicator=?", key)  # fmt: skip
    except sqlite3.IntegrityError as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("the CHECK constraint did not fire")


def test_check_constraint_failure_is_explained(demo_db_path, capsys, monkeypatch):
    exc = _check_failure(demo_db_path)
    assert explain_database_error(exc) == (
        "Dữ liệu không hợp lệ, cơ sở dữ liệu từ chối ghi: số liệu phải là số nguyên ≥ 0 "
        "(value >= 0). Thao tác bị hủy, số liệu đã lưu không thay đổi."
    )
    from tracu_desktop.interchange import csv_io

    def failing(db, path, dry_run=False):
        raise exc

    monkeypatch.setattr(csv_io, "import_values_csv", failing)
    code, err = _run(capsys, "--db", str(demo_db_path), "values", "import", str(demo_db_path))
    assert code == 2 and "từ chối ghi: số liệu phải là số nguyên ≥ 0" in err
    _no_crash(err)


def test_write_lock_held_by_another_program(demo_db_path, tmp_path, capsys):
    """Another program keeps the write lock longer than the 5 s busy timeout."""
    csv = tmp_path / "a.csv"
    csv.write_text(
        "period,unit,field,indicator,value\n2023,TT_TRA_CU,X_HO_TICH,received_online,1\n",
        encoding="utf-8",
    )
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        other = sqlite3.connect(demo_db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(30)
        other.execute("ROLLBACK")
        other.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(5)
        started = time.monotonic()
        code, err = _run(capsys, "--db", str(demo_db_path), "values", "import", str(csv))
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    assert code == 2
    assert "Tệp dữ liệu đang bị một chương trình khác ghi (đã chờ 5 giây mà chưa xong)" in err
    assert waited >= 4.5
    _no_crash(err)
