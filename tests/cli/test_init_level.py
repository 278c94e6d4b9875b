"""``init --level``: an organisation of any level from scratch, nothing of Trà Cú copied;
``units import`` / ``fields import`` and their CSV exports."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from tracu_desktop.cli.main import main
from tracu_desktop.core.textnorm import match_key
from tracu_desktop.db.catalog import get_deadlines, get_organisation, load_fields, load_units
from tracu_desktop.db.connection import open_database

TAP_SON = (
    "init",
    "--level",
    "commune",
    "--name",
    "Ủy ban nhân dân xã Tập Sơn",
    "--superior",
    "Ủy ban nhân dân tỉnh Vĩnh Long",
)
TRA_CU_WORDS = ("Trà Cú", "HUYEN", "Phòng ", "huyện", "Thị trấn", "Trà Vinh")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def commune_db(tmp_path, capsys):
    path = tmp_path / "tapson.sqlite3"
    code, out, err = run(capsys, "--db", path, *TAP_SON)
    assert code == 0, err
    assert "Đã khởi tạo: Ủy ban nhân dân xã Tập Sơn (2 đơn vị, 32 lĩnh vực)." in out
    assert "tạo kỳ báo cáo" in out
    return path


def test_commune_from_scratch_has_only_itself(commune_db, capsys):
    db = open_database(commune_db)
    try:
        org = get_organisation(db)
        units = load_units(db)
        fields = load_fields(db)
        deadlines = get_deadlines(db)
    finally:
        db.close()
    assert (org.header_upper, org.header_lower) == ("ỦY BAN NHÂN DÂN", "XÃ TẬP SƠN")
    assert org.superior == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert org.place == "Tập Sơn" and str(org.level) == "commune"
    assert "CT, các PCT. UBND xã" in org.recipients
    assert not any("huyện" in r for r in org.recipients)
    assert deadlines == {"units_to_district": 16, "district_to_province": 18}
    assert [(u.code, u.name, str(u.kind)) for u in units] == [
        ("29467", "Ủy ban nhân dân xã Tập Sơn", "body"),
        ("XA_CHUNG", "Cấp xã (số liệu chung)", "general"),
    ]
    assert {str(u.level) for u in units} == {"commune"}
    # Fields of both former levels at commune level, each name once.
    assert {str(f.level) for f in fields} == {"commune"}
    names = [match_key(f.name) for f in fields]
    assert len(names) == len(set(names)) == 32
    for name in ("Hộ tịch", "Đất đai", "Hòa giải ở cơ sở", "Hoạt động xây dựng", "Môi trường"):
        assert match_key(name) in names, name


def test_commune_forms_and_templates_name_no_district_unit(commune_db, tmp_path, capsys):
    assert run(capsys, "--db", commune_db, "period", "add", "2026-Q1")[0] == 0
    out_dir = tmp_path / "out"
    code, _out, err = run(
        capsys, "--db", commune_db, "export", "--period", "2026-Q1", "--form", "06a,05a",
        "--format", "pdf", "-o", out_dir, "--force",
    )  # fmt: skip
    assert code == 0, err
    for pdf in sorted(out_dir.glob("*.pdf")):
        text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "Tập Sơn" in text or "TẬP SƠN" in text, pdf.name
        for word in TRA_CU_WORDS:
            assert word not in text, (pdf.name, word)
    code, out, err = run(capsys, "--db", commune_db, "units", "--format", "csv")
    assert not any(w in out for w in TRA_CU_WORDS)


def test_commune_report_header_follows_the_level(commune_db, tmp_path, capsys):
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode:
        pytest.skip("pdftotext missing")
    run(capsys, "--db", commune_db, "period", "add", "2026-Q1")
    target = tmp_path / "bc.docx"
    code, _out, err = run(
        capsys, "--db", commune_db, "report", "--period", "2026-Q1", "-o", target, "--force"
    )
    assert code == 0, err
    from docx import Document

    doc = Document(str(target))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    header = next(c for c in cells if "ỦY BAN NHÂN DÂN" in c)
    assert "XÃ TẬP SƠN" in header and "HUYỆN" not in header
    paragraphs = [p.text for p in doc.paragraphs] + cells
    text = "\n".join(paragraphs)
    assert "Kính gửi: Văn phòng Ủy ban nhân dân tỉnh." in text
    assert "CT, các PCT. UBND xã" in text
    assert "Tập Sơn, ngày" in text


def test_province_and_district_levels(tmp_path, capsys):
    path = tmp_path / "vl.sqlite3"
    code, out, err = run(
        capsys, "--db", path, "init", "--level", "province",
        "--name", "tỉnh Vĩnh Long", "--superior", "Văn phòng Chính phủ",
    )  # fmt: skip
    assert code == 0, err
    db = open_database(path)
    org = get_organisation(db)
    assert (org.name, org.header_lower, org.recipient) == (
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        "TỈNH VĨNH LONG",
        "Văn phòng Chính phủ",
    )
    assert [u.code for u in load_units(db)] == ["86", "TINH_CHUNG"]
    assert {str(f.level) for f in load_fields(db)} == {"province", "commune"}
    db.close()
    path = tmp_path / "cn.sqlite3"
    code, out, err = run(
        capsys, "--db", path, "init", "--level", "district", "--name",
        "Ủy ban nhân dân huyện Cầu Ngang", "--superior", "Ủy ban nhân dân tỉnh Trà Vinh",
    )  # fmt: skip
    assert code == 0, err
    db = open_database(path)
    assert get_organisation(db).header_lower == "HUYỆN CẦU NGANG"
    assert [u.name for u in load_units(db)] == [
        "Ủy ban nhân dân huyện Cầu Ngang",
        "Cấp huyện (số liệu chung)",
    ]
    db.close()


def test_unknown_or_former_commune_is_refused_with_where_it_went(tmp_path, capsys):
    path = tmp_path / "k.sqlite3"
    code, _out, err = run(
        capsys, "--db", path, "init", "--level", "commune", "--name", "Ủy ban nhân dân xã Kim Sơn",
        "--superior", "Ủy ban nhân dân tỉnh Vĩnh Long",
    )  # fmt: skip
    assert code == 2
    assert "không còn từ 01/07/2025; nay thuộc Xã Hàm Giang (Tỉnh Vĩnh Long, mã 29489)" in err
    assert not path.exists()
    code, _out, err = run(capsys, "--db", path, "init", "--level", "commune", "--name", "X")
    assert code == 2 and "--superior" in err


def test_init_refuses_a_second_organisation(commune_db, capsys):
    code, _out, err = run(capsys, "--db", commune_db, "init")
    assert code == 2
    assert "đã là của Ủy ban nhân dân xã Tập Sơn" in err
    assert run(capsys, "--db", commune_db, *TAP_SON)[0] == 0  # the same again is harmless


UNITS_CSV = """code,name,level,parent,valid_from,valid_to,successors
cu-29464,Xã Phước Hưng (Huyện Trà Cú cũ),commune,,,30/06/2025,29467
cu-29470,Xã Tân Sơn (Huyện Trà Cú cũ),xã,,,30/06/2025,29467
29467,Ủy ban nhân dân xã Tập Sơn,commune,,01/07/2025,,
"""


def test_units_import_export_round_trip(commune_db, tmp_path, capsys):
    src = tmp_path / "units.csv"
    src.write_text(UNITS_CSV, encoding="utf-8")
    code, out, _ = run(capsys, "--db", commune_db, "units", "import", src, "--dry-run")
    assert code == 0 and "Sẽ thêm 2 đơn vị, sửa 1, giữ nguyên 0" in out
    assert len(load_units(open_database(commune_db))) == 2  # dry run wrote nothing
    code, out, _ = run(capsys, "--db", commune_db, "units", "import", src)
    assert code == 0 and "Đã thêm 2 đơn vị, sửa 1" in out
    code, out, _ = run(capsys, "--db", commune_db, "units", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "code,name,level,parent,valid_from,valid_to,successors"
    assert "29467,Ủy ban nhân dân xã Tập Sơn,commune,,01/07/2025,," in lines
    assert "cu-29470,Xã Tân Sơn (Huyện Trà Cú cũ),commune,,,30/06/2025,29467" in lines
    again = tmp_path / "again.csv"
    again.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "--db", commune_db, "units", "import", again)
    assert code == 0 and "Đã thêm 0 đơn vị, sửa 0, giữ nguyên 4" in out


def test_units_import_is_all_or_nothing_with_line_numbers(commune_db, tmp_path, capsys):
    src = tmp_path / "bad.csv"
    src.write_text(
        UNITS_CSV
        + "P_VH,Phòng Văn hóa - Xã hội,commune,KHONG_CO,,,\n"
        + "cu-1,Xã A,commune,,31/02/2025,,\n"
        + "cu-2,Xã B,cấp lạ,,,,cu-9\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "--db", commune_db, "units", "import", src)
    assert code == 2
    assert "Tệp bad.csv: 4 lỗi, không nhập đơn vị nào." in err
    assert "Dòng 5, cột parent: không có đơn vị mã “KHONG_CO”." in err
    assert "Dòng 6, cột valid_from: ngày “31/02/2025” không hợp lệ" in err
    assert "Dòng 7, cột level: cấp “cấp lạ” không hợp lệ" in err
    assert "Dòng 7, cột successors: không có đơn vị mã “cu-9”." in err
    assert len(load_units(open_database(commune_db))) == 2


def test_fields_import_export(commune_db, tmp_path, capsys):
    code, out, _ = run(capsys, "--db", commune_db, "fields", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "code,name,level"
    assert "X_HO_TICH,Hộ tịch,commune" in lines
    src = tmp_path / "f.csv"
    src.write_text(
        "code,name,level\nX_HO_TICH,Hộ tịch và quốc tịch,commune\nX_MOI,Lĩnh vực mới,xã\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", commune_db, "fields", "import", src)
    assert code == 0 and "Đã thêm 1 lĩnh vực, sửa 1" in out
    names = {f.code: f.name for f in load_fields(open_database(commune_db))}
    assert names["X_HO_TICH"] == "Hộ tịch và quốc tịch" and names["X_MOI"] == "Lĩnh vực mới"
    src.write_text(
        "code,name,level\nX_A,Đất đai,commune\nX_B,Lĩnh vực B,commune\nX_B,Lĩnh vực C,commune\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "--db", commune_db, "fields", "import", src)
    assert code == 2
    assert "Dòng 2, cột name: lĩnh vực “Đất đai” đã có ở Cấp xã (mã X_DAT_DAI)." in err
    assert "Dòng 4, cột code: mã “X_B” trùng với dòng 3." in err
    assert "X_B" not in {f.code for f in load_fields(open_database(commune_db))}


def test_init_from_the_two_tier_presets(tmp_path, capsys):
    path = tmp_path / "ts.sqlite3"
    code, out, err = run(capsys, "--db", path, "init", "--preset", "xa-tap-son")
    assert code == 0, err
    assert "Đã khởi tạo: Ủy ban nhân dân xã Tập Sơn (5 đơn vị, 32 lĩnh vực)." in out
    code, out, _ = run(capsys, "--db", path, "units", "--format", "csv")
    assert "cu-29470,Xã Tân Sơn (Huyện Trà Cú),commune,,,30/06/2025,29467" in out.splitlines()
    assert "29467,Ủy ban nhân dân xã Tập Sơn,commune,,01/07/2025,," in out.splitlines()
    path = tmp_path / "vl.sqlite3"
    code, out, err = run(capsys, "--db", path, "init", "--preset", "vinh-long")
    assert code == 0, err
    assert "Đã khởi tạo: Ủy ban nhân dân tỉnh Vĩnh Long (480 đơn vị, 64 lĩnh vực)." in out
    code, _out, err = run(
        capsys,
        "--db",
        tmp_path / "x.sqlite3",
        "init",
        "--preset",
        "vinh-long",
        "--level",
        "commune",
    )
    assert code == 2 and "Chọn một trong hai" in err


def test_commune_entry_templates_name_no_district(commune_db, tmp_path, capsys):
    src = tmp_path / "office.csv"
    src.write_text(
        "code,name,level,parent,valid_from,valid_to,successors\n"
        "TT_PVHCC,Trung tâm Phục vụ hành chính công xã,commune,29467,01/07/2025,,\n",
        encoding="utf-8",
    )
    assert run(capsys, "--db", commune_db, "units", "import", src)[0] == 0
    run(capsys, "--db", commune_db, "period", "add", "2026-Q1")
    out_dir = tmp_path / "tpl"
    code, out, err = run(
        capsys,
        "--db",
        commune_db,
        "template",
        "--period",
        "2026-Q1",
        "--unit",
        "all",
        "-o",
        out_dir,
    )
    assert code == 0, err
    from openpyxl import load_workbook

    (path,) = out_dir.glob("*.xlsx")
    texts = [
        v
        for ws in load_workbook(path)
        for row in ws.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    ]
    assert "Gửi: Ủy ban nhân dân xã Tập Sơn" in texts
    assert any(t == "Hòa giải ở cơ sở" for t in texts)  # the commune's own catalog
    assert not [t for t in texts if any(w in t for w in TRA_CU_WORDS)]


def test_province_department_template_lists_province_fields(tmp_path, capsys):
    path = tmp_path / "vl.sqlite3"
    run(capsys, "--db", path, "init", "--level", "province", "--name", "Vĩnh Long",
        "--superior", "Văn phòng Chính phủ")  # fmt: skip
    src = tmp_path / "so.csv"
    src.write_text(
        "code,name,level,parent,valid_from,valid_to,successors\nS_TP,Sở Tư pháp,province,86,,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", path, "units", "import", src)
    assert code == 0 and "+ S_TP: Sở Tư pháp" in out, err
    run(capsys, "--db", path, "period", "add", "2026-Q1")
    target = tmp_path / "so.xlsx"
    code, _out, err = run(
        capsys, "--db", path, "template", "--period", "2026-Q1", "--unit", "S_TP", "-o", target
    )
    assert code == 0, err
    from openpyxl import load_workbook

    texts = {
        v
        for ws in load_workbook(target)
        for row in ws.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    }
    assert {"Hộ tịch", "Hoạt động xây dựng", "Hòa giải ở cơ sở"} <= texts


def test_units_import_of_a_bad_file_says_why(commune_db, tmp_path, capsys):
    src = tmp_path / "ansi.csv"
    src.write_bytes(
        "code,name,level,parent,valid_from,valid_to,successors\nA,Phòng\n".encode("latin-1")
    )
    code, _out, err = run(capsys, "--db", commune_db, "units", "import", src)
    assert code == 2 and "không phải UTF-8" in err and "CSV UTF-8" in err
    code, _out, err = run(capsys, "--db", commune_db, "fields", "import", tmp_path / "khong.csv")
    assert code == 2 and "Không tìm thấy tệp" in err
    src.write_text("code,name\nA,B\n", encoding="utf-8")
    code, _out, err = run(capsys, "--db", commune_db, "fields", "import", src)
    assert code == 2 and "dòng tiêu đề thiếu cột level" in err
