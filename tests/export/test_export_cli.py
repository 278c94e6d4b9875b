"""The ``export`` command: file names, validation gate, locked files, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tracu_desktop.cli.main import main
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.values import Change, apply_changes, get_value

ALL = ["06b", "06a", "05a", "07b", "06ct", "dvc", "completeness"]


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "export", "--period", "2023", *args])


def _break_balance(db_path: Path) -> None:
    db = open_database(db_path)
    key = ValueKey("2023", "P_TP", "H_HO_TICH", "resolved_late")
    apply_changes(db, [Change(key, (get_value(db, key) or 0) + 5)], "test")
    db.close()


def test_export_all_forms_both_formats(demo_db_path, out_dir, capsys):
    assert _run(demo_db_path, "--form", "all", "--format", "xlsx,pdf", "-o", str(out_dir)) == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == sorted(f"TraCu_2023_{c}.{x}" for c in ALL for x in ("xlsx", "pdf"))
    assert "Xong: 14 tệp." in capsys.readouterr().out


def test_export_one_file_to_a_file_name(demo_db_path, out_dir):
    target = out_dir / "phu-luc.xlsx"
    assert _run(demo_db_path, "--form", "06b", "--format", "xlsx", "-o", str(target)) == 0
    assert load_workbook(target).active.title == "06b"


def test_wrong_extension_and_unknown_form_are_usage_errors(demo_db_path, out_dir, capsys):
    assert (
        _run(demo_db_path, "--form", "06b", "--format", "pdf", "-o", str(out_dir / "x.xlsx")) == 2
    )
    assert "phải có đuôi .pdf" in capsys.readouterr().err
    assert _run(demo_db_path, "--form", "09", "-o", str(out_dir)) == 2
    assert "Biểu không hợp lệ: 09" in capsys.readouterr().err
    assert _run(demo_db_path, "--form", "06b", "--format", "docx", "-o", str(out_dir)) == 2
    assert list(out_dir.iterdir()) == []


def test_errors_block_the_export_unless_forced(demo_db_path, out_dir, capsys):
    _break_balance(demo_db_path)
    assert _run(demo_db_path, "--form", "06b", "-o", str(out_dir)) == 1
    captured = capsys.readouterr()
    assert "Lỗi: Phòng Tư pháp — lĩnh vực Hộ tịch" in captured.err and "(3) = 272" in captured.err
    assert "dùng --force" in captured.err
    assert list(out_dir.iterdir()) == []
    assert _run(demo_db_path, "--form", "06b", "-o", str(out_dir), "--force") == 0
    assert "--force" in capsys.readouterr().out
    assert (out_dir / "TraCu_2023_06b.xlsx").exists()


def test_file_open_elsewhere_gives_a_clear_message(demo_db_path, out_dir, capsys, monkeypatch):
    target = out_dir / "TraCu_2023_06b.xlsx"
    target.write_bytes(b"old content")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    assert _run(demo_db_path, "--form", "06b", "-o", str(out_dir)) == 2
    err = capsys.readouterr().err
    assert "đang được mở trong chương trình khác" in err and "Traceback" not in err
    assert target.read_bytes() == b"old content"
    assert [p.name for p in out_dir.iterdir()] == [target.name]  # no temporary file left


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_failed_render_leaves_no_partial_file(demo_db, out_dir, monkeypatch, fmt):
    from tracu_desktop.export import forms_export

    target = out_dir / f"x.{fmt}"
    if fmt == "xlsx":
        import openpyxl.workbook.workbook as wbmod

        def broken_save(self, filename):
            Path(filename).write_bytes(b"PK half")
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(wbmod.Workbook, "save", broken_save)
    else:
        from tracu_desktop.export import pdf_form

        def broken(table):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(pdf_form, "render_pdf", broken)
    with pytest.raises(OSError):
        forms_export.export_form(demo_db, "2023", "06b", fmt, target)
    assert list(out_dir.iterdir()) == []


def test_date_option_sets_the_place_and_date_line(demo_db_path, out_dir):
    target = out_dir / "x.xlsx"
    args = ["--form", "05a", "--format", "xlsx", "-o", str(target), "--date", "21/11/2023"]
    assert _run(demo_db_path, *args) == 0
    values = {c.value for row in load_workbook(target).active.iter_rows() for c in row}
    assert "Trà Cú, ngày 21 tháng 11 năm 2023" in values


def test_period_without_figures_exports_every_form(fresh_db, out_dir, capsys):
    from pypdf import PdfReader

    from tracu_desktop.db.periods import add_period

    add_period(fresh_db, "2024-Q1")
    db_path = Path(fresh_db.path)
    args = ["--period", "2024-Q1", "--form", "all", "--format", "xlsx,pdf", "-o", str(out_dir)]
    assert main(["--db", str(db_path), "export", *args]) == 0
    assert len(list(out_dir.iterdir())) == 14
    text = " ".join(PdfReader(out_dir / "TraCu_2024-Q1_05a.pdf").pages[0].extract_text().split())
    assert "Không có PAKN trong kỳ" in text and "Quý I năm 2024" in text
    sheet = load_workbook(out_dir / "TraCu_2024-Q1_06b.xlsx").active
    assert "Không phát sinh" in {c.value for row in sheet.iter_rows() for c in row}
