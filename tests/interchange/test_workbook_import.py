"""One-stop 06b exports, legacy text, broken and foreign files; all-or-nothing."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from tests.interchange.workbooks import build_onestop_06b
from tracu_desktop.cli.main import main
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.values import get_values
from tracu_desktop.interchange.workbook_import import import_files, plan_import

EXPECTED = {
    ("HUYEN_CHUNG", "H_DAT_DAI", "received_online"): 1234,
    ("HUYEN_CHUNG", "H_DAT_DAI", "received_direct"): 100,
    ("HUYEN_CHUNG", "H_DAT_DAI", "resolved_early"): 1000,
    ("HUYEN_CHUNG", "H_DAT_DAI", "resolved_late"): 34,
    ("HUYEN_CHUNG", "H_HO_TICH", "carried_over"): 1,
    ("XA_CHUNG", "X_CHUNG_THUC", "received_online"): 2500,
    ("XA_CHUNG", "X_CHUNG_THUC", "received_direct"): 1000,
    ("XA_CHUNG", "X_HO_TICH", "resolved_on_time"): 15,
}


@pytest.mark.parametrize("variant", ["a", "b"])
def test_onestop_06b_both_wordings(district_db, tmp_path, variant):
    path = build_onestop_06b(tmp_path / f"06b_{variant}.xlsx", variant)
    plan, done = import_files(district_db, [path])
    assert plan.ok, [str(p) for p in plan.problems]
    values = get_values(district_db, "2023")
    for key, expected in EXPECTED.items():
        assert values[key] == expected, key
    # Totals, subtotals and section rows are not fields: 4 field rows × 8 indicators.
    assert len(values) == 32
    assert 9999 not in values.values() and 5555 not in values.values()
    assert 999 not in values.values()


def test_column_order_follows_captions(district_db, tmp_path):
    path = build_onestop_06b(tmp_path / "06b_swap.xlsx", swap_resolved=True)
    plan, _ = import_files(district_db, [path])
    assert plan.ok
    v = get_values(district_db, "2023")
    assert v[("HUYEN_CHUNG", "H_DAT_DAI", "resolved_early")] == 1000
    assert v[("HUYEN_CHUNG", "H_DAT_DAI", "resolved_late")] == 34


def test_commune_file_into_chosen_unit(district_db, tmp_path):
    path = build_onestop_06b(tmp_path / "xa.xlsx", district_rows=[])
    plan, _ = import_files(district_db, [path], unit="Thị trấn Trà Cú")
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(district_db, "2023")
    assert v[("TT_TRA_CU", "X_CHUNG_THUC", "received_online")] == 2500
    assert {k[0] for k in v} == {"TT_TRA_CU"}


def test_tcvn3_workbook_is_converted_with_a_note(district_db, tmp_path):
    from tracu_desktop.interchange.legacy_encoding import _TCVN3_TABLE

    reverse = {v: k for k, v in _TCVN3_TABLE.items()}

    def encode(text: str) -> str:
        import unicodedata

        return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text.lower()))

    path = build_onestop_06b(tmp_path / "cu.xlsx", encode=encode)
    plan, _ = import_files(district_db, [path])
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(district_db, "2023")
    assert v[("XA_CHUNG", "X_HO_TICH", "received_online")] == 300
    notes = " ".join(str(n) for n in plan.notes)
    assert "TCVN3 (.VnTime) đã được chuyển sang Unicode" in notes
    assert "“cÊp huyÖn” → “cấp huyện”" in notes


def test_unknown_field_suggests_and_mapping_is_remembered(district_db, tmp_path, capsys):
    rows = [("Ho tich (cap xa)", 300, 120, 0, 400, 15, 5, 0, 0)]
    first = build_onestop_06b(tmp_path / "f1.xlsx", district_rows=[], commune_rows=rows)
    plan = plan_import(district_db, [first])
    assert "Không có lĩnh vực “Ho tich (cap xa)” ở Cấp xã. Có phải: Hộ tịch?" in str(
        plan.problems[0]
    )
    assert "dòng 13, cột B" in str(plan.problems[0])
    db_path = str(district_db.path)
    district_db.close()
    code = main(["--db", db_path, "import", str(first), "--map", "Ho tich (cap xa)=X_HO_TICH"])
    assert code == 0, capsys.readouterr().err
    second = build_onestop_06b(tmp_path / "f2.xlsx", district_rows=[], commune_rows=rows)
    assert main(["--db", db_path, "import", str(second), "--dry-run"]) == 0
    db = open_database(db_path)
    assert get_values(db, "2023")[("XA_CHUNG", "X_HO_TICH", "received_online")] == 300
    db.close()


def test_corrupted_file(district_db, tmp_path):
    good = build_onestop_06b(tmp_path / "good.xlsx")
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(good.read_bytes()[:3000])
    plan, done = import_files(district_db, [good, broken])
    assert not plan.ok and done == []
    assert str(plan.problems[0]).startswith("Tệp hong.xlsx: bị hỏng")
    assert get_values(district_db, "2023") == {}  # the good file is not half-imported


def test_not_a_workbook_and_old_xls(district_db, tmp_path):
    txt = tmp_path / "ghichu.xlsx"
    txt.write_text("không phải bảng tính")
    xls = tmp_path / "cu.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    plan = plan_import(district_db, [txt, xls])
    msgs = [str(p) for p in plan.problems]
    assert "không phải tệp Excel" in msgs[0]
    assert "định dạng Excel cũ (.xls)" in msgs[1]


def test_file_of_another_form(district_db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["TỔNG HỢP SỐ LƯỢNG THỦ TỤC HÀNH CHÍNH"])
    ws.append(["STT", "Đơn vị", "Tổng số TTHC", "Cấp tỉnh", "Cấp huyện", "Cấp xã"])
    ws.append([1, "Trà Cú", 435, 0, 270, 165])
    wb.save(tmp_path / "07b.xlsx")
    plan = plan_import(district_db, [tmp_path / "07b.xlsx"])
    assert "Không nhận ra biểu mẫu" in str(plan.problems[0])
    assert get_values(district_db, "2023") == {}


def test_06a_rows_naming_no_unit_are_refused_with_their_row(district_db, tmp_path):
    """A table per unit (06a) whose rows name no known unit: each row is named."""
    path = build_onestop_06b(tmp_path / "06a.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active["B6"] = "Đơn vị"
    wb.save(path)
    plan = plan_import(district_db, [path])
    assert not plan.ok
    assert str(plan.problems[0]).startswith(
        "Tệp 06a.xlsx, trang “Sheet1”, dòng 11, cột B: Không có đơn vị “Đất đai” trong danh mục."
    )


def test_locked_period_refused(district_db, tmp_path):
    from tracu_desktop.db.periods import set_locked

    set_locked(district_db, "2023", True)
    plan = plan_import(district_db, [build_onestop_06b(tmp_path / "x.xlsx")])
    assert not plan.ok and "chốt" in str(plan.problems[0])


def test_cli_import_dry_run_and_errors(district_db, tmp_path, capsys):
    path = build_onestop_06b(tmp_path / "06b.xlsx")
    db_path = str(district_db.path)
    district_db.close()
    assert main(["--db", db_path, "import", str(path), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "2023 HUYEN_CHUNG H_DAT_DAI received_online: trống → 1.234" in text
    assert "Chưa ghi gì" in text
    db = open_database(db_path)
    assert get_values(db, "2023") == {}
    db.close()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    assert main(["--db", db_path, "import", str(bad)]) == 2
    assert "không nhập số liệu nào" in capsys.readouterr().err


def test_own_exported_06b_round_trip(demo_db, fresh_db, tmp_path):
    """The program's own 06b export imports into another database with the same totals."""
    from datetime import date

    from tracu_desktop.db.aggregate import period_totals
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.export.forms_export import export_form

    path = export_form(demo_db, "2023", "06b", "xlsx", tmp_path / "TraCu_2023_06b.xlsx")
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    plan, _ = import_files(fresh_db, [path])  # period read from “(Từ ngày … đến ngày …)”
    assert plan.ok, [str(p) for p in plan.problems]
    got, want = period_totals(fresh_db, "2023"), period_totals(demo_db, "2023")
    for ind in ("received_online", "received_direct", "resolved_early", "resolved_late"):
        assert got[ind] == want[ind]
    assert got["received_total"] == 22278
    assert {k[0] for k in get_values(fresh_db, "2023")} == {"HUYEN_CHUNG", "XA_CHUNG"}


def test_period_must_be_known(district_db, tmp_path):
    path = build_onestop_06b(tmp_path / "x.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active["A3"] = None
    wb.active["A4"] = None
    wb.save(path)
    plan = plan_import(district_db, [path])
    assert "Không xác định được kỳ báo cáo; hãy chọn kỳ (tùy chọn --period)" in str(
        plan.problems[0]
    )
    assert plan_import(district_db, [path], period="2023").ok


def test_vni_workbook_is_converted(district_db, tmp_path):
    rows = [("Chöùng thöïc", 10, 0, 0, 10, 0, 0, 0, 0), ("Hoä tòch", 7, 1, 0, 8, 0, 0, 0, 0)]
    path = build_onestop_06b(tmp_path / "vni.xlsx", district_rows=[], commune_rows=rows)
    plan, _ = import_files(district_db, [path])
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(district_db, "2023")
    assert v[("XA_CHUNG", "X_CHUNG_THUC", "received_online")] == 10
    assert v[("XA_CHUNG", "X_HO_TICH", "received_direct")] == 1
    assert any("mã VNI" in str(n) and "“Chöùng thöïc” → “Chứng thực”" in str(n) for n in plan.notes)


def test_unit_from_title_line_and_unit_mapping(district_db, tmp_path):
    from openpyxl import load_workbook

    path = build_onestop_06b(tmp_path / "kimson.xlsx", district_rows=[])
    wb = load_workbook(path)
    wb.active["H1"] = "- Đơn vị báo cáo: UBND xã Kim Sơn"
    wb.save(path)
    plan, _ = import_files(district_db, [path])
    assert plan.ok, [str(p) for p in plan.problems]
    assert {k[0] for k in get_values(district_db, "2023")} == {"XA_KIM_SON"}

    wb.active["H1"] = "- Đơn vị báo cáo: UBND xã Kim Sơn Mới"
    wb.save(tmp_path / "kimson2.xlsx")
    plan = plan_import(district_db, [tmp_path / "kimson2.xlsx"])
    assert "Không có đơn vị “UBND xã Kim Sơn Mới” trong danh mục. Có phải: Xã Kim Sơn?" in str(
        plan.problems[0]
    )
    mapping = {"unit": {"unit|ubnd xã kim sơn mới": "XA_KIM_SON"}}
    assert plan_import(district_db, [tmp_path / "kimson2.xlsx"], extra_mappings=mapping).ok


def test_own_06b_imported_back_into_the_same_period_is_refused(demo_db, tmp_path):
    """Level totals on the "số liệu chung" units beside the units' own figures would
    double the period (22.278 → 44.556): refused with the reason, nothing written."""
    from tracu_desktop.db.aggregate import period_totals
    from tracu_desktop.db.checks import validate_period
    from tracu_desktop.export.forms_export import export_form

    path = export_form(demo_db, "2023", "06b", "xlsx", tmp_path / "TraCu_2023_06b.xlsx")
    before = get_values(demo_db, "2023")
    plan, done = import_files(demo_db, [path])
    assert not plan.ok and done == []
    text = "\n".join(str(p) for p in plan.problems)
    assert "Kỳ 2023, Cấp huyện: tệp ghi số liệu tổng của cả cấp vào" in text
    assert "bị cộng trùng (gấp đôi), nên không nhập" in text
    assert get_values(demo_db, "2023") == before
    assert period_totals(demo_db, "2023")["received_total"] == 22278
    assert not [i for i in validate_period(demo_db, "2023") if i.rule == "level_mixed"]


def test_unit_figures_beside_level_totals_are_refused_and_validate_warns(demo_db, tmp_path):
    from tracu_desktop.core.models import UnitKind, ValueKey
    from tracu_desktop.db.catalog import unit_map
    from tracu_desktop.db.checks import validate_period
    from tracu_desktop.db.values import Change, apply_changes

    general = next(u for u in unit_map(demo_db).values() if u.kind is UnitKind.GENERAL)
    key = ValueKey("2023", general.code, "", "digitized_dossiers")
    apply_changes(demo_db, [Change(key, 5)], "typed")  # an older mix, typed by hand
    issues = [i for i in validate_period(demo_db, "2023") if i.rule == "level_mixed"]
    assert len(issues) == 1 and issues[0].severity.label == "Cảnh báo"
    assert f"có cả số liệu chung (“{general.name}”)" in issues[0].message
    assert "có thể bị tính trùng" in issues[0].message
