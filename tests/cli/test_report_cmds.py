"""The report commands, called in-process."""

from __future__ import annotations

from pathlib import Path

import docx

from tracu_desktop.cli.main import main


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_report_text_show_set_and_export(demo_db_path: Path, tmp_path: Path, capsys):
    assert run(demo_db_path, "report-text", "--period", "2023", "--section", "9", "--show") == 0
    shown = capsys.readouterr()
    assert "Thực hiện tốt công tác thông tin" in shown.out
    assert "mẫu có sẵn" in shown.err

    new = tmp_path / "i9.txt"
    new.write_text(
        "Đã tuyên truyền {portal_integrated_total} thủ tục trên Cổng.\n", encoding="utf-8"
    )
    assert (
        run(demo_db_path, "report-text", "--period", "2023", "--section", "I.9", "--set", str(new))
        == 0
    )
    capsys.readouterr()
    assert run(demo_db_path, "report-text", "--period", "2023", "--section", "9", "--preview") == 0
    assert capsys.readouterr().out.strip() == "Đã tuyên truyền 334 thủ tục trên Cổng."

    assert (
        run(
            demo_db_path,
            "report-meta",
            "--period",
            "2023",
            "--number",
            "533",
            "--date",
            "21/11/2023",
        )
        == 0
    )
    assert "Số: 533/BC-UBND" in capsys.readouterr().out

    out = tmp_path / "bc.docx"
    assert run(demo_db_path, "report", "--period", "2023", "--format", "docx", "-o", str(out)) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Đã tuyên truyền 334 thủ tục trên Cổng." in text
    assert str(out) in capsys.readouterr().out


def test_unknown_placeholder_refused_and_nothing_saved(demo_db_path: Path, tmp_path: Path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("Tổng: {received_total}, sai: {tong_ho_so}.", encoding="utf-8")
    assert (
        run(demo_db_path, "report-text", "--period", "2023", "--section", "6", "--set", str(bad))
        == 2
    )
    msg = capsys.readouterr().err
    assert "{tong_ho_so}" in msg and "chưa được lưu" in msg and "Traceback" not in msg
    assert run(demo_db_path, "report-text", "--period", "2023", "--section", "6", "--show") == 0
    assert "{tong_ho_so}" not in capsys.readouterr().out


def test_bad_section_and_period_are_usage_errors(demo_db_path: Path, capsys):
    assert run(demo_db_path, "report-text", "--period", "2023", "--section", "12", "--show") == 2
    assert "Không có phần “12”" in capsys.readouterr().err
    assert run(demo_db_path, "report", "--period", "2031", "-o", "x.docx") == 2
    assert "Chưa có kỳ báo cáo" in capsys.readouterr().err


def test_placeholder_list(capsys):
    assert main(["report-text", "--placeholders"]) == 0
    out = capsys.readouterr().out
    for name in (
        "{received_total}",
        "{online_rate}",
        "{received_new_vs_last_year}",
        "{dvc_full_commune}",
    ):
        assert name in out


def test_footnote_without_text_refused(demo_db_path: Path, tmp_path: Path, capsys):
    bad = tmp_path / "note.txt"
    bad.write_text("Theo Nghị định 45[^a].", encoding="utf-8")
    assert (
        run(demo_db_path, "report-text", "--period", "2023", "--section", "7", "--set", str(bad))
        == 2
    )
    assert "[^a]" in capsys.readouterr().err


def test_package_with_unknown_form_is_refused(demo_db_path: Path, tmp_path: Path, capsys):
    out = tmp_path / "p.pdf"
    args = [
        "report",
        "--period",
        "2023",
        "--format",
        "package",
        "--forms",
        "06b,xx",
        "-o",
        str(out),
    ]
    assert run(demo_db_path, *args) == 2
    msg = capsys.readouterr().err
    assert "“xx”" in msg and "06b" in msg and "Traceback" not in msg
    assert not out.exists()
