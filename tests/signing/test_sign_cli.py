"""The sign and trust commands: messages a clerk sees when something is missing."""

from __future__ import annotations

from tests.signing.pki import PASSWORD
from tracu_desktop.cli.main import main


def test_sign_without_a_signature_image_says_where_to_set_it(
    report_pdfs, director, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("TRACU_SIGN_PASSWORD", PASSWORD)
    out = tmp_path / "out.pdf"
    args = ["sign", str(report_pdfs["report"]), "-o", str(out), "--p12", str(director.p12)]
    assert main(["--db", str(tmp_path / "x.sqlite3"), "init"]) == 0
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "x.sqlite3"), *args]) == 2
    assert "Chưa có ảnh chữ ký: chọn ảnh ở Thông tin chung › Ký số" in capsys.readouterr().err
    assert not out.exists()


def test_sign_needs_a_key(report_pdfs, tmp_path, capsys):
    args = ["sign", str(report_pdfs["report"]), "-o", str(tmp_path / "o.pdf")]
    assert main(["--db", str(tmp_path / "x.sqlite3"), *args]) == 2
    assert "Cần khóa ký: --p12 TỆP hoặc --pkcs11 THƯ_VIỆN --token NHÃN." in capsys.readouterr().err


def test_a_form_pdf_has_no_person_block(
    report_pdfs, director, images, tmp_path, monkeypatch, capsys
):
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.export.forms_export import export_form

    db = open_database(report_pdfs["db"])
    form = export_form(db, "2023", "06b", "pdf", tmp_path / "06b.pdf")
    db.close()
    monkeypatch.setenv("TRACU_SIGN_PASSWORD", PASSWORD)
    base = ["--db", str(tmp_path / "x.sqlite3"), "sign", str(form), "-o", str(tmp_path / "s.pdf")]
    person = [*base, "--p12", str(director.p12), "--image", str(images["signature"])]
    assert main(person) == 2
    assert "không có vị trí chữ ký của người có thẩm quyền" in capsys.readouterr().err
    assert main([*base, "--p12", str(director.p12), "--role", "attachment"]) == 0
    assert "Đã ký số 1 chữ ký (attachment)" in capsys.readouterr().out


def test_trust_command_imports_lists_and_requires(pki, tmp_path, capsys):
    db = str(tmp_path / "t.sqlite3")
    assert main(["--db", db, "trust", "--add", str(pki.ca_pem)]) == 2  # no database yet
    assert "Chưa có tệp dữ liệu" in capsys.readouterr().err
    assert main(["--db", db, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "trust", "--add", str(pki.ca_pem), "--require-signed", "yes"]) == 0
    text = capsys.readouterr().out
    assert "Đã thêm chứng thư gốc" in text and "CA thử nghiệm TraCu" in text
    assert "Gói số liệu phải được ký số: có" in text
    bad = tmp_path / "khong-phai.cer"
    bad.write_bytes(b"hello")
    assert main(["--db", db, "trust", "--add", str(bad)]) == 2
    assert "không phải chứng thư số" in capsys.readouterr().err
