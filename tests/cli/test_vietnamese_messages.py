"""Every message a user of the command line sees is Vietnamese (issue 11, point 4).

Bad invocations used to show argparse's English ("usage:", "the following arguments are
required", "invalid choice") and the operating system's ("No such file or directory").
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from tracu_desktop.cli.main import main
from tracu_desktop.infra.oserror_text import describe_os_error, os_error_reason

ENGLISH = re.compile(
    r"usage|error|argument|required|invalid|choice|unrecognized|expected|ambiguous|"
    r"not allowed|No such file|File exists|Permission denied|Is a directory|"
    r"Not a directory|No space|Errno|Traceback|positional|\boptions\b|show this help|"
    r"show program|Tệp --",
    re.IGNORECASE,
)
ENGLISH_METAVARS = re.compile(r"\b(COMMAND|ACTION|PERIOD|OUTPUT|FORM|FMT|UNIT|FILE|DB|ON)\b")


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's usage errors and -h leave through SystemExit
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_vietnamese(text: str) -> None:
    text = re.sub(r"/[^\s:]+", "", text)  # paths (test folders) are not messages
    assert not ENGLISH.search(text), text
    assert not ENGLISH_METAVARS.search(text), text


USAGE_ERRORS = [
    (["export"], "thiếu tham số bắt buộc: --period, --form, -o/--output"),
    (["export", "--period"], "tham số --period: cần một giá trị"),
    (["units", "--format", "xml"], "lựa chọn không hợp lệ: 'xml'"),
    (["units", "--khong-co"], "không hiểu tham số: --khong-co"),
    (["xuat"], "lựa chọn không hợp lệ: 'xuat'"),
    (["report-text", "--period", "2023"], "cần một trong các tham số"),
    (["report-text", "--show", "--preview"], "không dùng cùng lúc với tham số --show"),
    (["import"], "thiếu tham số bắt buộc: TỆP"),
    (["period", "unlock", "2023"], "thiếu tham số bắt buộc: --reason"),
    (["email", "--period", "2023", "--to", "a@b.vn", "x.pdf"], "-o/--output"),
]


@pytest.mark.parametrize(("argv", "expected"), USAGE_ERRORS)
def test_usage_errors_are_vietnamese(demo_db_path: Path, capsys, argv, expected):
    code, out, err = run(capsys, "--db", demo_db_path, *argv)
    assert code == 2
    assert err.startswith("Cách dùng: tracu-desktop")  # was: "usage: tracu-desktop"
    assert "Lỗi cú pháp lệnh: " in err and expected in err
    assert_vietnamese(err)


@pytest.mark.parametrize(
    "argv", [["-h"], ["export", "-h"], ["period", "-h"], ["backup", "-h"], ["import", "-h"]]
)
def test_help_is_vietnamese(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    assert out.startswith("Cách dùng: tracu-desktop")
    assert "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out
    assert_vietnamese(out)


def test_version_help_and_subcommand_list(capsys):
    _, out, _ = run(capsys, "-h")
    assert re.search(r"--version +in số phiên bản rồi thoát", out)
    assert "đối số:\n  LỆNH" in out


def test_operating_system_errors_are_vietnamese(demo_db_path: Path, tmp_path: Path, capsys):
    db = ["--db", demo_db_path]
    a_file = tmp_path / "tep.txt"
    a_file.write_text("x", encoding="utf-8")
    cases = [
        # (argv, text the clerk must see)
        (
            ["report-text", "--period", "2023", "--section", "6", "--set", tmp_path / "khong"],
            f"Không đọc được tệp {tmp_path / 'khong'}: không tồn tại.",
        ),
        (["values", "import", tmp_path], "là một thư mục"),
        (
            ["values", "export", "--period", "2023", "-o", tmp_path],
            f"Không ghi được tệp {tmp_path}: đó là một thư mục.",
        ),
        (
            ["values", "export", "--period", "2023", "-o", a_file / "v.csv"],
            f"{a_file} là một tệp, không phải thư mục",
        ),
        (["import", tmp_path / "khong.xlsx", "--period", "2099"], "Tùy chọn --period: Chưa có"),
        (["import", tmp_path / "khong.xlsx", "--period", "2023"], "Không tìm thấy tệp"),
    ]
    for argv, expected in cases:
        code, _, err = run(capsys, *db, *argv)
        assert code == 2, (argv, err)
        assert expected in err, (argv, err)
        assert_vietnamese(err)


@pytest.mark.parametrize(
    ("number", "english", "vietnamese"),
    [
        (errno.ENOSPC, "No space left on device", "ổ đĩa đã đầy"),
        (errno.EEXIST, "File exists", "đã tồn tại"),
        (errno.EACCES, "Permission denied", "không có quyền truy cập"),
        (errno.EISDIR, "Is a directory", "là một thư mục"),
        (errno.ENOENT, "No such file or directory", "không tồn tại"),
    ],
)
def test_os_errors_raised_inside_a_command_reach_the_user_in_vietnamese(
    demo_db_path: Path, tmp_path: Path, capsys, monkeypatch, number, english, vietnamese
):
    target = tmp_path / "so-lieu.csv"

    def failing(*args, **kwargs):
        raise OSError(number, english, str(target))

    monkeypatch.setattr("tracu_desktop.interchange.csv_io.export_values_csv", failing)
    code, _, err = run(
        capsys, "--db", demo_db_path, "values", "export", "--period", "2023", "-o", target
    )
    assert code == 2
    # was: "Lỗi không mong muốn của chương trình…" and a traceback in the log
    assert err.startswith(f"Lỗi: Tệp hoặc thư mục {target}: {vietnamese}") and err.endswith(".\n")
    assert_vietnamese(err)


def test_os_error_wording():
    exc = FileExistsError(errno.EEXIST, "File exists", "/a/b.xlsx")
    assert describe_os_error(exc) == "Tệp hoặc thư mục /a/b.xlsx: đã tồn tại."
    assert os_error_reason(OSError(errno.ENOSPC, "No space left on device")) == "ổ đĩa đã đầy"
    assert os_error_reason(OSError(9999, "Strange")) == "lỗi hệ điều hành (mã 9999)"


def test_argparse_outside_the_program_keeps_its_own_texts():
    """The Vietnamese catalogue is only in force while our parser works."""
    import argparse

    build = __import__("tracu_desktop.cli.main", fromlist=["build_parser"]).build_parser
    build().format_help()
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: x")


def test_sqlite_errors_are_vietnamese(tmp_path: Path, capsys):
    junk = tmp_path / "khong-phai.sqlite3"
    junk.write_bytes(b"day khong phai co so du lieu" * 100)
    for argv in (["units"], ["demo"], ["backup", "check"]):
        code, _, err = run(capsys, "--db", junk, *argv)
        assert code in (1, 2)
        assert "không phải tệp cơ sở dữ liệu" in err, err  # was: "(file is not a database)"
        assert_vietnamese(err)
        assert "database" not in err.replace(str(junk), "")
