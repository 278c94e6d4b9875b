"""Email draft, the template/package/email commands, demo submissions."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes
from email.policy import default

from tracu_desktop.cli.main import main
from tracu_desktop.db.aggregate import key_figures
from tracu_desktop.db.completeness import unit_statuses
from tracu_desktop.db.demo import create_demo
from tracu_desktop.db.submissions import latest_submissions, record_typed


def test_email_draft_via_cli(demo_db_path, tmp_path, capsys):
    pkg = tmp_path / "TraCu_2023.tracu.zip"
    assert (
        main(
            [
                "--db",
                str(demo_db_path),
                "package",
                "--period",
                "2023",
                "-o",
                str(pkg),
                "--no-documents",
            ]
        )
        == 0
    )
    draft = tmp_path / "thu.eml"
    code = main(
        ["--db", str(demo_db_path), "email", "--period", "2023", "--to", "vpubnd@travinh.gov.vn",
         str(pkg), "-o", str(draft)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    msg = message_from_bytes(draft.read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "vpubnd@travinh.gov.vn"
    assert msg["Subject"] == (
        "Ủy ban nhân dân huyện Trà Cú gửi số liệu kiểm soát thủ tục hành chính "
        "năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)"
    )
    body = msg.get_body(("plain",)).get_content()
    assert "năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)" in body
    assert "- TraCu_2023.tracu.zip" in body
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == "TraCu_2023.tracu.zip"
    assert att.get_content() == pkg.read_bytes()


def test_email_missing_attachment(demo_db_path, tmp_path, capsys):
    code = main(["--db", str(demo_db_path), "email", "--period", "2023", "--to", "a@b.vn",
                 str(tmp_path / "khong_co.xlsx"), "-o", str(tmp_path / "x.eml")])  # fmt: skip
    assert code == 2
    assert "Không tìm thấy tệp đính kèm" in capsys.readouterr().err


def test_template_command(demo_db_path, tmp_path, capsys):
    out = tmp_path / "mau.xlsx"
    assert (
        main(
            [
                "--db",
                str(demo_db_path),
                "template",
                "--period",
                "2023",
                "--unit",
                "XA_KIM_SON",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert out.exists()
    assert (
        main(
            [
                "--db",
                str(demo_db_path),
                "template",
                "--period",
                "2023",
                "--unit",
                "XA_KIM_SONN",
                "-o",
                str(out),
            ]
        )
        == 2
    )
    assert "Có phải: XA_KIM_SON" in capsys.readouterr().err


def test_demo_submissions(demo_db):
    latest = latest_submissions(demo_db, "2023")
    assert len(latest) >= 20
    days = {s.received_at.date() for s in latest.values()}
    assert min(days) >= datetime(2023, 11, 10).date() and max(days) <= datetime(2023, 11, 20).date()
    assert sum(1 for s in latest.values() if s.received_at.day > 16) == 2  # sent late
    assert {s.method for s in latest.values()} == {"demo"}
    # Idempotent, totals unchanged.
    assert create_demo(demo_db) == 0
    assert len(latest_submissions(demo_db, "2023")) == len(latest)
    assert demo_db.execute("SELECT count(*) FROM submissions").fetchone()[0] == len(latest)
    f = key_figures(demo_db, "2023")
    assert f["received_total"] == 22278 and f["resolved_late"] == 449


def test_typed_submission_is_what_completeness_shows(demo_db):
    record_typed(demo_db, "2023", "XA_KIM_SON")
    status = {s.unit.code: s for s in unit_statuses(demo_db, "2023")}["XA_KIM_SON"]
    assert status.method == "typed"
    assert status.received_at.date() == datetime.now().date()
