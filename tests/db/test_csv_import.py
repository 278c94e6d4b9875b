from pathlib import Path

import pytest

from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.db.periods import PeriodLockedError, add_period, get_period, set_locked
from tracu_desktop.db.values import get_values
from tracu_desktop.interchange.csv_io import export_values_csv, import_values_csv
from tracu_desktop.interchange.datavalues import CsvFormatError

HEADER = "period,unit,field,indicator,value\n"


def write(tmp_path: Path, body: str, name="data.csv", bom=False) -> Path:
    p = tmp_path / name
    p.write_text(("\ufeff" if bom else "") + HEADER + body, encoding="utf-8")
    return p


def test_import_by_code_and_by_name(fresh_db, tmp_path):
    path = write(
        tmp_path,
        (
            "2024-Q1,TT_TRA_CU,X_HO_TICH,received_online,1.234\n"
            "2024-Q1,  thị trấn  trà cú ,hộ tịch,received_direct,22 278\n"
            "2024-Q1,Ủy ban nhân dân huyện Trà Cú,,tthc_assessed,02\n"
            "2024-Q1,Xã Tân Hiệp,Chứng thực,received_online,0\n"
        ),
        bom=True,
    )
    outcome = import_values_csv(fresh_db, path)
    assert outcome.ok, outcome.errors
    assert outcome.new_periods == ["2024-Q1"]
    values = get_values(fresh_db, "2024-Q1")
    assert values == {
        ("TT_TRA_CU", "X_HO_TICH", "received_online"): 1234,
        ("TT_TRA_CU", "X_HO_TICH", "received_direct"): 22278,
        ("HUYEN", "", "tthc_assessed"): 2,
        ("XA_TAN_HIEP", "X_CHUNG_THUC", "received_online"): 0,
    }
    sources = {r[0] for r in fresh_db.execute("SELECT source FROM audit")}
    assert sources == {"import:data.csv"}
    assert get_period(fresh_db, "2024-Q1") is not None


def test_file_with_bad_50th_row_changes_nothing(fresh_db, tmp_path):
    add_period(fresh_db, "2024-Q1")
    units = [
        "TT_TRA_CU",
        "TT_DINH_AN",
        "XA_DAI_AN",
        "XA_KIM_SON",
        "XA_TAN_SON",
        "XA_TAP_SON",
        "XA_HAM_TAN",
    ]
    inds = entry_spec("06").inputs()[:7]
    rows = [
        f"2024-Q1,{u},X_HO_TICH,{i},{n}\n"
        for n, (u, i) in enumerate((u, i) for u in units for i in inds)
    ]
    assert len(rows) == 49
    rows.append("2024-Q1,TT_TRA_CU,X_CHUNG_THUC,received_online,12,5\n")  # line 51 = 50th data row
    path = write(tmp_path, "".join(rows))
    outcome = import_values_csv(fresh_db, path)
    assert not outcome.ok
    assert [e.line for e in outcome.errors] == [51]
    assert "nhiều cột hơn" in outcome.errors[0].message
    assert get_values(fresh_db, "2024-Q1") == {}
    assert fresh_db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == 0


def test_every_bad_row_reported_with_line_column_reason(fresh_db, tmp_path):
    path = write(
        tmp_path,
        (
            "2024-Q1,Xã Tân Hiêp,Hộ tịch,received_online,5\n"  # line 2: near-miss unit
            "2024-Q1,TT_TRA_CU,Hộ tịch,received_onlin,5\n"  # line 3: unknown indicator
            '2024-Q1,TT_TRA_CU,Hộ tịch,received_online,"12,5"\n'  # line 4: fraction
            "2024-Q1,TT_TRA_CU,Hộ tịch,received_direct,-3\n"  # line 5: negative
            "2024-Q5,TT_TRA_CU,Hộ tịch,carried_over,1\n"  # line 6: bad period
            "2024-Q1,TT_TRA_CU,Đất đai lâu năm,carried_over,1\n"  # line 7: unknown field
            "2024-Q1,TT_TRA_CU,Nuôi con nuôi,carried_over,1\n"  # line 8: district field at commune
            "2024-Q1,HUYEN,Đất đai,tthc_assessed,1\n"  # line 9: per-unit indicator with field
            "2024-Q1,TT_TRA_CU,Hộ tịch,resolved_late,abc\n"  # line 10: text
            "2024-Q1,TT_TRA_CU,Hộ tịch,resolved_early,\n"  # line 11: empty
        ),
    )
    outcome = import_values_csv(fresh_db, path)
    found = {(e.line, e.column): e.message for e in outcome.errors}
    assert "Có phải: Xã Tân Hiệp" in found[(2, "unit")]
    assert "Không có chỉ tiêu “received_onlin”" in found[(3, "indicator")]
    assert "received_online" in found[(3, "indicator")]
    assert "không phải là số nguyên" in found[(4, "value")]
    assert "Số âm" in found[(5, "value")]
    assert "2024-Q5" in found[(6, "period")]
    assert "Không có lĩnh vực “Đất đai lâu năm” ở Cấp xã" in found[(7, "field")]
    assert "thuộc Cấp huyện" in found[(8, "field")]
    assert "để trống cột field" in found[(9, "field")]
    assert (10, "value") in found
    assert "ghi 0" in found[(11, "value")]
    assert str(outcome.errors[0]).startswith("Dòng 2, cột unit:")
    assert fresh_db.execute("SELECT COUNT(*) FROM data_values").fetchone()[0] == 0


def test_duplicate_rows_reported(fresh_db, tmp_path):
    path = write(
        tmp_path,
        (
            "2024-Q1,TT_TRA_CU,X_HO_TICH,received_online,1\n"
            "2024-Q1,Thị trấn Trà Cú,Hộ tịch,received_online,2\n"
        ),
    )
    outcome = import_values_csv(fresh_db, path)
    assert [str(e) for e in outcome.errors] == ["Dòng 3: Trùng số liệu với dòng 2."]


def test_dry_run_reports_changes_without_writing(fresh_db, tmp_path):
    add_period(fresh_db, "2024-Q1")
    first = write(tmp_path, "2024-Q1,TT_TRA_CU,X_HO_TICH,received_online,5\n")
    import_values_csv(fresh_db, first)
    second = write(
        tmp_path,
        (
            "2024-Q1,TT_TRA_CU,X_HO_TICH,received_online,7\n"
            "2024-Q1,TT_TRA_CU,X_HO_TICH,received_direct,3\n"
        ),
        name="second.csv",
    )
    outcome = import_values_csv(fresh_db, second, dry_run=True)
    assert sorted((c.key.indicator, c.old, c.new) for c in outcome.changes) == [
        ("received_direct", None, 3),
        ("received_online", 5, 7),
    ]
    assert get_values(fresh_db, "2024-Q1")[("TT_TRA_CU", "X_HO_TICH", "received_online")] == 5


def test_locked_period_refuses_import(fresh_db, tmp_path):
    add_period(fresh_db, "2024-Q1")
    set_locked(fresh_db, "2024-Q1", True)
    path = write(tmp_path, "2024-Q1,TT_TRA_CU,X_HO_TICH,received_online,5\n")
    with pytest.raises(PeriodLockedError):
        import_values_csv(fresh_db, path)
    with pytest.raises(PeriodLockedError):
        import_values_csv(fresh_db, path, dry_run=True)
    assert get_values(fresh_db, "2024-Q1") == {}


def test_bad_header_and_encoding(fresh_db, tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("ky,donvi,giatri\n1,2,3\n", encoding="utf-8")
    with pytest.raises(CsvFormatError, match="thiếu cột period, unit, indicator, value"):
        import_values_csv(fresh_db, p)
    p.write_bytes(HEADER.encode() + "2024-Q1,Trà Cú,X,received_online,1\n".encode("latin-1"))
    with pytest.raises(CsvFormatError, match="không phải UTF-8"):
        import_values_csv(fresh_db, p)


def test_export_then_import_round_trip(demo_db, fresh_db, tmp_path):
    out = tmp_path / "2023.csv"
    n = export_values_csv(demo_db, "2023", out)
    assert n == len(get_values(demo_db, "2023"))
    outcome = import_values_csv(fresh_db, out)
    assert outcome.ok
    assert get_values(fresh_db, "2023") == get_values(demo_db, "2023")


def test_csv_outputs_neutralise_formula_text_and_read_back(tmp_path, capsys):
    """Text that Excel would run as a formula gets an apostrophe in every CSV the program
    writes; numbers stay numbers, and ``values import`` reads its own export back."""
    from tracu_desktop.cli.main import main
    from tracu_desktop.core.models import Level, Unit, UnitKind, ValueKey
    from tracu_desktop.db.catalog import save_unit
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.db.values import Change, apply_changes, get_values
    from tracu_desktop.interchange.csv_io import export_values_csv, import_values_csv

    db_path = tmp_path / "d.sqlite3"
    db = open_database(db_path)
    from tracu_desktop.db.catalog import apply_preset

    apply_preset(db, "tra-cu")
    add_period(db, "2023")
    save_unit(db, Unit("=HYPERLINK(1)", "@SUM(1+1)", Level.DISTRICT, UnitKind.OFFICE))
    apply_changes(db, [Change(ValueKey("2023", "=HYPERLINK(1)", "", "digitized_dossiers"), 7)])
    out = tmp_path / "ra.csv"
    export_values_csv(db, "2023", out)
    text = out.read_text(encoding="utf-8-sig")
    assert "2023,'=HYPERLINK(1),,digitized_dossiers,7\n" in text
    assert not any(line.startswith(("=", "+", "-", "@")) for line in text.splitlines())
    apply_changes(db, [Change(ValueKey("2023", "=HYPERLINK(1)", "", "digitized_dossiers"), None)])
    outcome = import_values_csv(db, out)
    assert outcome.ok, outcome.errors
    assert get_values(db, "2023")[("=HYPERLINK(1)", "", "digitized_dossiers")] == 7
    db.close()
    assert main(["--db", str(db_path), "units", "--format", "csv"]) == 0
    units_csv = capsys.readouterr().out
    assert "'=HYPERLINK(1),'@SUM(1+1),district," in units_csv


@pytest.mark.parametrize("code", ["0000", "0001-Q1", "0999", "2101"])
def test_period_years_out_of_range_are_row_errors(fresh_db, tmp_path, code):
    f = tmp_path / "nam.csv"
    f.write_text(
        f"period,unit,field,indicator,value\n{code},TT_TRA_CU,X_HO_TICH,received_online,5\n",
        encoding="utf-8",
    )
    outcome = import_values_csv(fresh_db, f, dry_run=True)
    assert [str(e) for e in outcome.errors] == [
        f"Dòng 2, cột period: Mã kỳ báo cáo “{code}” có năm {code[:4]} không hợp lệ "
        "(chỉ nhận năm từ 1900 đến 2100)."
    ]


def test_level_totals_beside_unit_figures_are_refused(demo_db, tmp_path):
    from tracu_desktop.db.values import get_values as values_of

    f = tmp_path / "tong.csv"
    f.write_text(
        "period,unit,field,indicator,value\n2023,XA_CHUNG,X_HO_TICH,received_online,22252\n",
        encoding="utf-8",
    )
    before = values_of(demo_db, "2023")
    outcome = import_values_csv(demo_db, f)
    assert not outcome.ok and values_of(demo_db, "2023") == before
    text = str(outcome.errors[0])
    assert text.startswith("Dòng 2, cột unit: Kỳ 2023, Cấp xã: tệp ghi số liệu tổng của cả cấp")
    assert "(received_online)" in text
