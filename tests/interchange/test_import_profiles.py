"""Import profiles: an export's columns mapped once, reused by shape, handed on as a file;
tables per unit landing on their units."""

from __future__ import annotations

from datetime import date

import pytest

from tests.interchange.onestop_detail import DETAIL_ROWS, build_detail_export, summed_06
from tests.interchange.workbooks import build_onestop_06b
from tracu_desktop.cli.main import main
from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.figure_notes import rule_note_issues
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import get_values, set_value
from tracu_desktop.interchange.workbook_import import import_files, plan_import

MAPS = (
    "Tiếp nhận trực tiếp+Qua bưu chính / BCCI=received_direct",
    "Trực tuyến toàn trình+Trực tuyến một phần+Trực tuyến hình thức khác=received_online",
    "Trực tuyến toàn trình=received_online_full",
    "Trực tuyến một phần=received_online_partial",
    "Trực tuyến hình thức khác=received_online_other",
    "Qua bưu chính / BCCI=received_postal",
    "Tiếp nhận phi địa giới=received_nonboundary",
    "Kỳ trước chuyển qua=carried_over",
    "Đúng và trước hạn=resolved_early_or_on_time",
    "Đã có thư xin lỗi+Chưa có thư xin lỗi=resolved_late",
    "Đã có thư xin lỗi=resolved_late_apology",
    "Chưa có thư xin lỗi=resolved_late_no_apology",
    "Chưa đến hạn=pending_on_time",
    "Số hồ sơ đang giải quyết / Quá hạn=pending_overdue",
)
OTHER_ROWS = [
    ("Chứng thực", 0, "2.310", 40, 5, 0, 12, 3, "2.350", 0, 2, 10, 0),
    ("Hộ tịch", 1, 70, 900, 120, 9, 4, 0, 1090, 5, 1, 8, 0),
]


def _db(path):
    db = open_database(path)
    from tracu_desktop.db.catalog import apply_preset

    apply_preset(db, "tra-cu")
    add_period(db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    return db


def _form06(db, unit):
    wanted = set(entry_spec("06").inputs())
    return {
        (f, i): v for (u, f, i), v in get_values(db, "2023").items() if u == unit and i in wanted
    }


def _cli(db_path, *args):
    return main(["--db", str(db_path), *args])


def test_unknown_columns_are_not_read_silently(district_db, tmp_path, capsys):
    path = build_detail_export(tmp_path / "xa.xlsx", unit_line="Xã Tân Sơn")
    plan = plan_import(district_db, [path])
    assert not plan.ok and not plan.changes
    text = str(plan.problems[0])
    assert "cột số liệu chưa nhận ra" in text and "Trực tuyến một phần" in text
    assert plan.files[0].layout is not None  # the header, for the mapping dialog
    assert _cli(district_db.path, "import", str(path)) != 0
    shown = capsys.readouterr().err
    # The CLI shows the header it found with a suggested target per column.
    assert "Trực tuyến toàn trình → received_online+received_online_full" in shown
    assert "Đúng và trước hạn → resolved_early_or_on_time" in shown


def test_saved_profile_gives_the_hand_summed_form_06(tmp_path, capsys):
    """Map the detail export once (CLI), save it; a second export of the same layout is
    recognised by its header and gives the figures its hand-summed 06b gives."""
    a = _db(tmp_path / "a.sqlite3")
    a.close()
    first = build_detail_export(tmp_path / "tan_son.xlsx", unit_line="Xã Tân Sơn")
    args = ["import", str(first), "--save-profile", "Một cửa tỉnh 2023"]
    for m in MAPS:
        args += ["--map", m]
    assert _cli(tmp_path / "a.sqlite3", *args) == 0
    assert "Đã lưu hồ sơ nhập “Một cửa tỉnh 2023”" in capsys.readouterr().out
    second = build_detail_export(
        tmp_path / "long_hiep.xlsx", OTHER_ROWS, unit_line="UBND xã Long Hiệp", as_text=False
    )
    assert _cli(tmp_path / "a.sqlite3", "import", str(second)) == 0
    out = capsys.readouterr().out
    assert "Đọc bảng theo hồ sơ nhập “Một cửa tỉnh 2023”" in out
    assert "(theo quy tắc của hồ sơ nhập)" in out

    b = _db(tmp_path / "b.sqlite3")
    for unit, rows, name in (
        ("Xã Tân Sơn", DETAIL_ROWS, "ts"),
        ("Xã Long Hiệp", OTHER_ROWS, "lh"),
    ):
        summed = []
        for row in rows:
            s = summed_06(row)
            summed.append(
                (row[0], s["received_online"], s["received_direct"], s["carried_over"],
                 s["resolved_early"], s["resolved_on_time"], s["resolved_late"],
                 s["pending_on_time"], s["pending_overdue"])
            )  # fmt: skip
        path = build_onestop_06b(
            tmp_path / f"{name}_06b.xlsx", district_rows=[], commune_rows=summed
        )
        plan, _ = import_files(b, [path], unit=unit)
        assert plan.ok, [str(p) for p in plan.problems]
    a = open_database(tmp_path / "a.sqlite3")
    for unit in ("XA_TAN_SON", "XA_LONG_HIEP"):
        got = _form06(a, unit)
        assert got == _form06(b, unit)
        assert len(got) == 2 * 8
    # Spot checks a clerk would make: (4) of Đất đai = 1200 + 30 + 4; (5) = 100 + 20.
    v = get_values(a, "2023")
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_online")] == 1234
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_direct")] == 120
    assert v[("XA_TAN_SON", "X_HO_TICH", "received_online")] == 1802  # "1.000" as text
    # The detail is kept too, and agrees with form 06 (validation has nothing to say).
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_online_full")] == 1200
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_postal")] == 20
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_nonboundary")] == 15
    assert v[("XA_TAN_SON", "X_DAT_DAI", "resolved_late_apology")] == 40
    # The total row and the signature lines are not figures.
    assert 99999 not in v.values()
    a.close()
    b.close()


def test_figures_from_the_split_rule_are_flagged_until_changed(district_db, tmp_path):
    path = build_detail_export(tmp_path / "xa.xlsx", unit_line="Xã Tân Sơn")
    plan, _ = import_files(district_db, [path], column_maps=MAPS)
    assert plan.ok, [str(p) for p in plan.problems]
    issues = rule_note_issues(district_db, "2023")
    assert {(i.unit, i.field) for i in issues} == {
        ("XA_TAN_SON", "X_DAT_DAI"),
        ("XA_TAN_SON", "X_HO_TICH"),
    }
    message = next(i.message for i in issues if i.field == "X_DAT_DAI")
    assert message.startswith("Xã Tân Sơn, Đất đai: số liệu không lấy trực tiếp từ tệp.")
    assert "“Số hồ sơ đã giải quyết / Đúng và trước hạn” không tách trước hạn/đúng hạn" in message
    assert "toàn bộ tính là đã giải quyết đúng hạn (9), trước hạn (8) ghi 0" in message
    # The clerk enters the real split: the figures are theirs, the note goes.
    set_value(district_db, ValueKey("2023", "XA_TAN_SON", "X_DAT_DAI", "resolved_early"), 900)
    set_value(district_db, ValueKey("2023", "XA_TAN_SON", "X_DAT_DAI", "resolved_on_time"), 400)
    assert {i.field for i in rule_note_issues(district_db, "2023")} == {"X_HO_TICH"}


def test_split_rule_none_fills_neither_column(district_db, tmp_path):
    from tracu_desktop.interchange.header_grid import scan_workbook
    from tracu_desktop.interchange.import_profile import ImportProfile, apply_maps
    from tracu_desktop.interchange.sheet_reader import read_workbook

    path = build_detail_export(tmp_path / "xa.xlsx", unit_line="Xã Tân Sơn")
    grid = scan_workbook(read_workbook(path))
    profile = apply_maps(ImportProfile("Không tách", split="none"), grid, MAPS)
    profile.columns.update({k: ("ignore",) for k in grid.shape() if k not in profile.columns})
    plan, _ = import_files(district_db, [path], profile=profile)
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(district_db, "2023")
    assert ("XA_TAN_SON", "X_DAT_DAI", "resolved_on_time") not in v
    assert ("XA_TAN_SON", "X_DAT_DAI", "resolved_early") not in v
    assert any("không điền trước hạn (8) và đúng hạn (9)" in str(n) for n in plan.notes)


def test_profile_travels_from_one_database_to_another(tmp_path, capsys):
    _db(tmp_path / "province.sqlite3").close()
    _db(tmp_path / "commune.sqlite3").close()
    first = build_detail_export(tmp_path / "a.xlsx", unit_line="Xã Tân Sơn")
    args = ["import", str(first), "--dry-run", "--save-profile", "VNPT iGate"]
    for m in MAPS:
        args += ["--map", m]
    # A dry run saves nothing, not even the profile.
    assert _cli(tmp_path / "province.sqlite3", *args) == 0
    assert _cli(tmp_path / "province.sqlite3", "import-profile", "list") == 0
    assert "Chưa có hồ sơ nhập nào." in capsys.readouterr().out
    args.remove("--dry-run")
    assert _cli(tmp_path / "province.sqlite3", *args) == 0
    profile_file = tmp_path / "igate.tracu-profile.json"
    assert _cli(tmp_path / "province.sqlite3", "import-profile", "export", "vnpt igate",
                "-o", str(profile_file)) == 0  # fmt: skip
    assert profile_file.stat().st_size < 8000
    assert _cli(tmp_path / "commune.sqlite3", "import-profile", "import", str(profile_file)) == 0
    capsys.readouterr()
    assert _cli(tmp_path / "commune.sqlite3", "import-profile", "list") == 0
    listed = capsys.readouterr().out
    assert "VNPT iGate: 16 cột (12 cột lấy số liệu), dòng theo lĩnh vực" in listed
    assert "toàn bộ tính là đã giải quyết đúng hạn (9)" in listed
    # The same layout, other figures, in the other database: recognised, no option needed.
    second = build_detail_export(tmp_path / "b.xlsx", OTHER_ROWS, unit_line="Xã Long Hiệp")
    assert _cli(tmp_path / "commune.sqlite3", "import", str(second)) == 0
    assert "Đọc bảng theo hồ sơ nhập “VNPT iGate”" in capsys.readouterr().out
    db = open_database(tmp_path / "commune.sqlite3")
    v = get_values(db, "2023")
    assert v[("XA_LONG_HIEP", "X_CHUNG_THUC", "received_online")] == 45
    assert v[("XA_LONG_HIEP", "X_CHUNG_THUC", "received_direct")] == 2322
    db.close()


def test_a_broken_profile_file_is_refused_by_name(district_db, tmp_path, capsys):
    bad = tmp_path / "x.tracu-profile.json"
    bad.write_text('{"kind": "tracu-import-profile", "version": 1, "profile": {"name": "X", '
                   '"columns": [{"caption": "A", "targets": ["no_such"]}]}}', encoding="utf-8")  # fmt: skip
    assert _cli(district_db.path, "import-profile", "import", str(bad)) != 0
    assert "Tệp x.tracu-profile.json" in capsys.readouterr().err


@pytest.mark.parametrize("as_text", [True, False])
def test_per_unit_table_lands_on_its_units(district_db, tmp_path, as_text):
    """Rows are units (by name, “UBND xã …”, or code); figures go under each level's
    “Không phân theo lĩnh vực”, which the 06b prints as its own row."""
    rows = [
        ("Xã Tân Sơn", *DETAIL_ROWS[0][1:]),
        ("UBND xã Long Hiệp", *DETAIL_ROWS[1][1:]),
        ("TT_TRA_CU", *OTHER_ROWS[0][1:]),
        ("Phòng Tư pháp", *OTHER_ROWS[1][1:]),
    ]
    path = build_detail_export(tmp_path / "06a.xlsx", rows, label="Đơn vị", as_text=as_text)
    plan, _ = import_files(district_db, [path], column_maps=MAPS)
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(district_db, "2023")
    assert v[("XA_TAN_SON", "KHONG_PHAN_LV_COMMUNE", "received_online")] == 1234
    assert v[("XA_LONG_HIEP", "KHONG_PHAN_LV_COMMUNE", "received_online")] == 1802
    assert v[("TT_TRA_CU", "KHONG_PHAN_LV_COMMUNE", "received_direct")] == 2322
    assert v[("P_TP", "KHONG_PHAN_LV_DISTRICT", "received_online")] == 1029
    assert {u for u, _f, _i in v} == {"XA_TAN_SON", "XA_LONG_HIEP", "TT_TRA_CU", "P_TP"}
    # The 06b shows the figures in their own row per level; totals include them.
    from tracu_desktop.core.formtable import RowKind
    from tracu_desktop.export.form_data import build_form_table

    table = build_form_table(district_db, "2023", "06b")
    own = [
        r for r in table.rows if r.kind is RowKind.DATA and "Không phân theo lĩnh vực" in r.cells
    ]
    assert len(own) == 2
    total = table.total_row()
    assert table.value(total, "received_online") == 1234 + 1802 + 45 + 1029


def test_unknown_unit_in_a_per_unit_table_names_sheet_and_row(district_db, tmp_path):
    rows = [("Xã Tân Sơn", *DETAIL_ROWS[0][1:]), ("Xã Không Có", *DETAIL_ROWS[1][1:])]
    path = build_detail_export(tmp_path / "06a.xlsx", rows, label="Đơn vị")
    plan, _ = import_files(district_db, [path], column_maps=MAPS)
    assert not plan.ok and not plan.changes
    assert [str(p) for p in plan.problems] == [
        "Tệp 06a.xlsx, trang “BaoCao”, dòng 11, cột C: Không có đơn vị “Xã Không Có” trong "
        "danh mục." + str(plan.problems[0]).split("danh mục.", 1)[1]
    ]
    assert get_values(district_db, "2023") == {}


def test_a_saved_profile_wins_over_caption_recognition(district_db, tmp_path):
    """A standard 06b (read by its captions by default) read through a profile that sums
    “Trước hạn” and “Đúng hạn” into (9): the profile wins, by name or by shape."""
    from tracu_desktop.interchange.header_grid import scan_workbook
    from tracu_desktop.interchange.import_profile import (
        ImportProfile,
        apply_maps,
        save_profile,
    )
    from tracu_desktop.interchange.profile_import import caption_profile
    from tracu_desktop.interchange.sheet_reader import read_workbook

    path = build_onestop_06b(tmp_path / "06b.xlsx", district_rows=[])
    plan = plan_import(district_db, [path])
    assert plan.ok and plan.files[0].profile is None  # captions, as before
    sheets = read_workbook(path)
    grid = scan_workbook(sheets)
    base, unknown = caption_profile(sheets[0], grid)
    assert unknown == []
    profile = apply_maps(
        ImportProfile("Gộp đúng hạn", dict(base.columns), dict(base.captions)),
        grid,
        ["Trước hạn+Đúng hạn=resolved_on_time"],
    )
    save_profile(district_db, profile)
    for kwargs in ({"profile_name": "gộp đúng hạn"}, {}):
        plan = plan_import(district_db, [path], **kwargs)
        assert plan.ok, [str(p) for p in plan.problems]
        assert plan.files[0].profile.name == "Gộp đúng hạn"
        new = {(c.key.field, c.key.indicator): c.new for c in plan.changes}
        assert new[("X_CHUNG_THUC", "resolved_on_time")] == 3000 + 450
        assert ("X_CHUNG_THUC", "resolved_early") not in new
    plan = plan_import(district_db, [path], profile_name="Không có")
    assert "Không có hồ sơ nhập “Không có” (đã lưu: “Gộp đúng hạn”)." in str(plan.problems[0])


def test_an_ambiguous_or_unknown_column_name_is_explained(district_db, tmp_path):
    path = build_detail_export(tmp_path / "xa.xlsx", unit_line="Xã Tân Sơn")
    plan = plan_import(district_db, [path], column_maps=("Tổng số=ignore",))
    text = str(plan.problems[0])
    assert "Tên cột “Tổng số” khớp nhiều cột" in text and "Hãy ghi cả tên nhóm." in text
    assert "“Số hồ sơ đang giải quyết / Tổng số”" in text
    plan = plan_import(district_db, [path], column_maps=("Trực tuyến mức 4=received_online",))
    assert "Không có cột “Trực tuyến mức 4” trong bảng." in str(plan.problems[0])
    # Columns left unmapped are named, nothing is read past them.
    plan = plan_import(district_db, [path], column_maps=MAPS[:2])
    assert not plan.ok and not plan.changes
    assert any("Cột “Số hồ sơ đã giải quyết / Đúng và trước hạn” chưa có trong hồ sơ nhập" in str(p)
               for p in plan.problems)  # fmt: skip


def test_a_plain_06a_table_is_read_per_unit_by_its_captions(district_db, tmp_path):
    """No profile needed when the captions are form 06's: rows per unit land on units."""
    from openpyxl import load_workbook

    district = [("Phòng Tư pháp", 20, 5, 1, 20, 5, 1, 0, 0)]
    communes = [("Xã Tân Sơn", "2.500", "1.000", 0, 3000, 450, 50, 0, 0),
                ("XA_KIM_SON", 300, 120, 0, 400, 15, 5, 0, 0)]  # fmt: skip
    path = build_onestop_06b(tmp_path / "06a.xlsx", district_rows=district, commune_rows=communes)
    wb = load_workbook(path)
    wb.active["B6"] = "Tên đơn vị"
    wb.save(path)
    plan, _ = import_files(district_db, [path])
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(district_db, "2023")
    assert v[("XA_TAN_SON", "KHONG_PHAN_LV_COMMUNE", "received_online")] == 2500
    assert v[("XA_KIM_SON", "KHONG_PHAN_LV_COMMUNE", "resolved_early")] == 400
    assert v[("P_TP", "KHONG_PHAN_LV_DISTRICT", "carried_over")] == 1
    assert len(v) == 3 * 8  # totals, subtotals and section rows are not figures


def test_an_export_with_an_empty_column_keeps_its_profile(district_db, tmp_path):
    """No dossier used “hình thức khác” this period, so the export leaves the column
    blank: the header keeps its shape and the saved profile still reads it."""
    from openpyxl import load_workbook

    from tracu_desktop.interchange.import_profile import save_profile

    first = build_detail_export(tmp_path / "a.xlsx", unit_line="Xã Tân Sơn")
    plan = plan_import(district_db, [first], column_maps=MAPS)
    assert plan.ok
    profile = plan.files[0].profile
    profile.name = "Một cửa"
    profile.columns.update(
        {k: ("ignore",) for k in plan.files[0].layout.shape() if k not in profile.columns}
    )
    save_profile(district_db, profile)
    second = build_detail_export(tmp_path / "b.xlsx", OTHER_ROWS, unit_line="Xã Long Hiệp")
    wb = load_workbook(second)
    for r in (10, 11):
        wb.active[f"I{r}"] = None  # “Trực tuyến hình thức khác”
    wb.save(second)
    plan, _ = import_files(district_db, [second])
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.files[0].profile.name == "Một cửa"
    v = get_values(district_db, "2023")
    assert v[("XA_LONG_HIEP", "X_HO_TICH", "received_online")] == 900 + 120
    assert v[("XA_LONG_HIEP", "X_HO_TICH", "received_online_other")] == 0


def test_numbered_and_prefixed_field_names(district_db, tmp_path):
    rows = [("1. Đất đai", *DETAIL_ROWS[0][1:]), ("Lĩnh vực HỘ TỊCH", *DETAIL_ROWS[1][1:])]
    path = build_detail_export(tmp_path / "xa.xlsx", rows, unit_line="Xã Tân Sơn")
    plan, _ = import_files(district_db, [path], column_maps=MAPS)
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(district_db, "2023")
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_online")] == 1234
    assert v[("XA_TAN_SON", "X_HO_TICH", "received_online")] == 1802
