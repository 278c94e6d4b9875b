"""Rough edges of the command line found by trying it as a clerk would (issue 11, point 4).

Each test runs the invocation that used to misbehave and checks what a user sees now.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tracu_desktop.cli.main import main
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.values import Change, apply_changes, get_value

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _break_balance(db_path: Path) -> None:
    db = open_database(db_path)
    key = ValueKey("2023", "P_TP", "H_HO_TICH", "resolved_late")
    apply_changes(db, [Change(key, (get_value(db, key) or 0) + 5)], "test")
    db.close()


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# 1. A closed pipe (``tracu-desktop units | head -1``) ends the command quietly.


@pytest.mark.parametrize("command", [["units"], ["fields"], ["indicators"], ["period", "list"]])
def test_closed_pipe_ends_quietly(demo_db_path: Path, tmp_path: Path, command: list[str]):
    logs = tmp_path / "logs"
    env = {**os.environ, "TRACU_LOG_DIR": str(logs), "PYTHONPATH": str(ROOT)}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head, a pager) is already gone when output comes
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tracu_desktop", "--db", str(demo_db_path), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write_end)
    stderr = proc.stderr.decode("utf-8", errors="replace")
    assert stderr == ""  # was: "Lỗi không mong muốn của chương trình…", exit 2
    assert proc.returncode == 141  # what a shell reports for a Unix tool ended by a pipe
    log_text = "".join(p.read_text(encoding="utf-8") for p in logs.glob("*.log*"))
    assert "BrokenPipeError" not in log_text and "Traceback" not in log_text


def test_real_head_pipeline_prints_the_first_line_only(demo_db_path: Path, tmp_path: Path):
    env = {**os.environ, "TRACU_LOG_DIR": str(tmp_path / "logs"), "PYTHONPATH": str(ROOT)}
    cmd = f'"{sys.executable}" -m tracu_desktop --db "{demo_db_path}" fields | head -1'
    proc = subprocess.run(
        ["sh", "-c", cmd], capture_output=True, cwd=ROOT, env=env, timeout=120, text=True
    )
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 1 and proc.stderr == ""


# 2. Reading commands never create a database; they say how to make one.


@pytest.fixture
def no_default_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty per-user data folder and no TRACU_DB: a machine where nothing was set up."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("TRACU_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.mark.parametrize(
    "command",
    [
        ["units"],
        ["fields", "--format", "csv"],
        ["period", "list"],
        ["summary", "--period", "2023"],
        ["validate", "--period", "2023"],
        ["export", "--period", "2023", "--form", "06b", "-o", "out.xlsx"],
        ["report", "--period", "2023", "-o", "r.docx"],
        ["values", "export", "--period", "2023", "-o", "v.csv"],
        ["period", "add", "2024"],
    ],
)
def test_no_database_is_not_created(no_default_db: Path, capsys, command, monkeypatch):
    monkeypatch.chdir(no_default_db)
    code, out, err = run(capsys, *command)
    assert code == 2 and out == ""
    assert "Chưa có tệp dữ liệu" in err
    assert "tracu-desktop demo" in err and "tracu-desktop init" in err
    assert _files(no_default_db) == []  # was: an empty tracu.sqlite3 in the data folder


def test_missing_db_option_names_the_file_and_the_fix(tmp_path: Path, capsys):
    target = tmp_path / "so-lieu.sqlite3"
    code, out, err = run(capsys, "--db", target, "units")
    assert code == 2 and out == ""  # was: nothing printed, exit 0
    assert str(target) in err and f"tracu-desktop --db {target} demo" in err
    assert not target.exists() and _files(tmp_path) == []


def test_demo_and_init_still_create_the_database(no_default_db: Path, capsys):
    code, out, _ = run(capsys, "init")
    assert code == 0 and "Trà Cú" in out
    assert (no_default_db / "data" / "tracu-desktop" / "tracu.sqlite3").is_file()
    code, out, _ = run(capsys, "units")
    assert code == 0 and "Thị trấn Trà Cú" in out


# 3. A failed command creates nothing.


def test_unknown_preset_leaves_no_file(tmp_path: Path, capsys):
    target = tmp_path / "moi" / "tracu.sqlite3"
    code, _, err = run(capsys, "--db", target, "init", "--preset", "khong-co")
    assert code == 2 and "Không có bộ cấu hình “khong-co”" in err
    assert _files(tmp_path) == []  # was: an empty database file (and its folder) left behind


def test_unknown_preset_on_the_default_location(no_default_db: Path, capsys):
    code, _, err = run(capsys, "init", "--preset", "khong-co")
    assert code == 2 and "bộ cấu hình" in err
    assert _files(no_default_db) == []


def test_unknown_preset_does_not_touch_an_existing_database(demo_db_path: Path, capsys):
    before = _files(demo_db_path.parent)
    code, _, _ = run(capsys, "--db", demo_db_path, "init", "--preset", "khong-co")
    assert code == 2
    assert _files(demo_db_path.parent) == before  # no daily backup, no lock file


# 4. ``report`` and ``package`` refuse a period with errors like ``export`` does.


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["report", "--format", "docx"], "bao-cao.docx"),
        (["report", "--format", "pdf"], "bao-cao.pdf"),
        (["package", "--no-documents"], "goi.tracu.zip"),
    ],
)
def test_errors_block_report_and_package_unless_forced(
    demo_db_path: Path, tmp_path: Path, capsys, command, name
):
    _break_balance(demo_db_path)
    target = tmp_path / "ra" / name
    target.parent.mkdir()
    code, _, err = run(capsys, "--db", demo_db_path, *command, "--period", "2023", "-o", target)
    assert code == 1  # was: exit 0 and the file written without a word
    assert "Lỗi: Phòng Tư pháp — lĩnh vực Hộ tịch" in err and "(3) = 272" in err
    assert "còn 1 lỗi" in err and "--force" in err
    assert list(target.parent.iterdir()) == []
    code, out, _ = run(
        capsys, "--db", demo_db_path, *command, "--period", "2023", "-o", target, "--force"
    )
    assert code == 0 and "(--force)" in out
    assert target.is_file() and target.stat().st_size > 0


def test_valid_period_report_needs_no_force(demo_db_path: Path, tmp_path: Path, capsys):
    target = tmp_path / "bao-cao.docx"
    code, out, err = run(capsys, "--db", demo_db_path, "report", "--period", "2023", "-o", target)
    assert code == 0 and target.is_file() and "Lỗi" not in err


# 5. Locking a locked period (unlocking an open one) says so and writes nothing.


def _log_rows(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        return int(db.execute("SELECT COUNT(*) FROM period_log").fetchone()[0])
    finally:
        db.close()


def test_lock_and_unlock_twice(demo_db_path: Path, capsys):
    db = ["--db", demo_db_path]
    code, out, _ = run(capsys, *db, "period", "lock", "2023")
    assert code == 0 and "Đã chốt số liệu kỳ năm 2023" in out
    rows = _log_rows(demo_db_path)
    code, out, _ = run(capsys, *db, "period", "lock", "2023")
    assert code == 0 and "đã được chốt số liệu từ trước" in out and "Đã chốt" not in out
    assert _log_rows(demo_db_path) == rows  # was: one more audit row
    code, out, _ = run(capsys, *db, "period", "unlock", "2023", "--reason", "Sửa số liệu")
    assert code == 0 and "Đã mở lại kỳ năm 2023" in out
    rows = _log_rows(demo_db_path)
    code, out, _ = run(capsys, *db, "period", "unlock", "2023", "--reason", "Sửa số liệu")
    assert code == 0 and "đang mở (chưa chốt số liệu)" in out and "Đã mở lại" not in out
    assert _log_rows(demo_db_path) == rows


# 6. ``template --unit`` takes a unit's name as well as its code.


def test_template_accepts_the_unit_name(demo_db_path: Path, tmp_path: Path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "mau.xlsx"
    code, out, err = run(
        capsys,
        *("--db", demo_db_path, "template", "--period", "2023"),
        *("--unit", "Thị trấn Trà Cú", "-o", target),
    )
    assert code == 0, err  # was: "Không có đơn vị “Thị trấn Trà Cú”", exit 2
    assert target.is_file() and "Đã tạo mẫu nhập" in out
    text = " ".join(
        str(c.value) for ws in load_workbook(target) for row in ws.iter_rows() for c in row
    )
    assert "Thị trấn Trà Cú" in text
    code, _, err = run(
        capsys,
        *("--db", demo_db_path, "template", "--period", "2023"),
        *("--unit", "Xã Không Có", "-o", tmp_path / "x.xlsx"),
    )
    assert code == 2 and "Không có đơn vị “Xã Không Có”" in err


# 8. Missing output folders: one new level is fine, a whole missing chain is refused.


def test_output_folder_chain_is_not_created(demo_db_path: Path, tmp_path: Path, capsys):
    deep = tmp_path / "a" / "b" / "c" / "d"
    code, out, err = run(
        capsys,
        *("--db", demo_db_path, "export", "--period", "2023", "--form", "06b,05a"),
        *("-o", f"{deep}/"),
    )
    assert code == 2  # was: exit 0 and a/b/c/d created silently
    assert f"thư mục {tmp_path / 'a' / 'b' / 'c'} không tồn tại" in err
    assert not (tmp_path / "a").exists()


def test_output_folder_one_new_level_is_created(demo_db_path: Path, tmp_path: Path, capsys):
    folder = tmp_path / "phu-luc"
    code, out, err = run(
        capsys,
        *("--db", demo_db_path, "export", "--period", "2023", "--form", "06b,05a"),
        *("-o", f"{folder}/"),
    )
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        "TraCu_2023_05a.xlsx",
        "TraCu_2023_06b.xlsx",
    ]


# 9. Exported files get the user's normal file mode, not 0600.


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_exports_follow_the_umask(demo_db_path: Path, tmp_path: Path, capsys, umask, mode):
    old = os.umask(umask)
    try:
        code, _, err = run(
            capsys,
            *("--db", demo_db_path, "export", "--period", "2023", "--form", "06b"),
            *("--format", "xlsx,pdf", "-o", tmp_path / "ra"),
        )
        assert code == 0, err
        code, _, err = run(
            capsys, "--db", demo_db_path, "report", "--period", "2023", "-o", tmp_path / "r.docx"
        )
        assert code == 0, err
        code, _, err = run(
            capsys,
            *("--db", demo_db_path, "values", "export", "--period", "2023"),
            *("-o", tmp_path / "v.csv"),
        )
        assert code == 0, err
    finally:
        os.umask(old)
    written = [*(tmp_path / "ra").iterdir(), tmp_path / "r.docx", tmp_path / "v.csv"]
    assert len(written) == 4
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == mode, path  # was: 0600
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp*")]
    assert leftovers == []


def test_backup_commands_without_a_database(no_default_db: Path, capsys):
    code, _, err = run(capsys, "backup", "check")
    assert code == 2 and "Chưa có tệp dữ liệu" in err  # was: "bị hỏng (không tìm thấy tệp…)"
    code, _, err = run(capsys, "backup", "restore")
    assert code == 2 and "Không có bản sao lưu nguyên vẹn nào" in err
    assert _files(no_default_db) == []  # was: the data folder and a lock file


def test_a_folder_given_as_database(tmp_path: Path, capsys):
    code, _, err = run(capsys, "--db", tmp_path, "demo")
    assert code == 2 and f"{tmp_path} là một thư mục, không phải tệp dữ liệu" in err
    assert _files(tmp_path) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_database_and_backups_stay_private(tmp_path: Path, capsys):
    db = tmp_path / "du-lieu" / "tracu.sqlite3"
    old = os.umask(0o022)
    try:
        assert run(capsys, "--db", db, "init")[0] == 0
        assert run(capsys, "--db", db, "backup", "create")[0] == 0
    finally:
        os.umask(old)
    backups = list(tmp_path.rglob("*-manual-*.sqlite3*"))  # compressed: .sqlite3.gz
    assert len(backups) == 1
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def test_a_failure_after_the_file_was_made_takes_it_away(no_default_db: Path, capsys, monkeypatch):
    from tracu_desktop.db.periods import PeriodError

    def failing(db):
        db.execute("CREATE TABLE half_done (x)")  # the file exists and has content now
        raise PeriodError("Kỳ mẫu bị lỗi.")

    monkeypatch.setattr("tracu_desktop.db.demo.create_demo", failing)
    code, _, err = run(capsys, "demo")
    assert code == 2 and "Kỳ mẫu bị lỗi." in err
    assert _files(no_default_db) == []  # no database, -wal, lock file or new folders
