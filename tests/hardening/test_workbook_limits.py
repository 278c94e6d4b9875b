"""Workbooks that are small zipped and big unpacked, formulas without results, rows past
the limit, counts in date cells, odd compression: bounded memory and clear messages."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tools.hostile_files import build_workbook
from tracu_desktop.db.periods import add_period
from tracu_desktop.interchange import sheet_reader
from tracu_desktop.interchange.sheet_reader import FormulaWithoutValue, WorkbookError, read_workbook
from tracu_desktop.interchange.template_xlsx import write_template
from tracu_desktop.interchange.workbook_import import import_files

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM")


@pytest.fixture
def district_db(fresh_db):
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    return fresh_db


@pytest.fixture
def template(district_db, tmp_path) -> Path:
    return write_template(district_db, "2023", "TT_TRA_CU", tmp_path / "mau.xlsx")


def _fill(template: Path, out: Path, **cells) -> Path:
    """The template with the "Hộ tịch" row filled; ``cells`` override columns (D=…)."""
    wb = openpyxl.load_workbook(template)
    ws = wb["Bieu06"]
    row = next(r[0].row for r in ws.iter_rows(min_row=9) if r[1].value == "Hộ tịch")
    values = {"D": 10, "E": 5, "H": 12, "I": 3, "J": 0, "L": 0, "M": 0, **cells}
    for col, value in values.items():
        ws[f"{col}{row}"] = value
    wb.save(out)
    return out


def _state(db) -> tuple:
    return (
        db.execute("SELECT * FROM data_values ORDER BY 1, 2, 3, 4").fetchall(),
        db.execute("SELECT count(*) FROM audit").fetchone()[0],
    )


def _refused(db, path: Path) -> str:
    before = _state(db)
    plan, done = import_files(db, [path])
    assert not plan.ok and done == [] and _state(db) == before
    return "\n".join(str(p) for p in plan.problems)


def _peak(kind: str, path: Path) -> tuple[float, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "tools.hostile_files", "peak", kind, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    peak, outcome = proc.stdout.splitlines()[:2]
    return float(peak), outcome


# --- item 1: bounded memory -------------------------------------------------------------


@linux_only
def test_flood_of_tiny_strings_is_refused_in_bounded_memory(tmp_path):
    """1 million one-cell strings: 0,3 MB zipped. Loading them all cost ~200 MB and half a
    minute; the streaming reader stops at the limit."""
    f = build_workbook(
        tmp_path / "chuoi.xlsx", rows=1, cols=1, strings=1_000_000, string_length=1, padding_mb=0
    )
    assert f.stat().st_size < 1024 * 1024
    peak, outcome = _peak("workbook", f)
    assert outcome.startswith("refused") and "quá nhiều chuỗi chữ" in outcome
    assert peak < 80, f"peak {peak:.0f} MB"


@linux_only
def test_big_unpacked_workbook_under_the_caps_reads_in_bounded_memory(tmp_path):
    f = build_workbook(tmp_path / "lon.xlsx", rows=2000, cols=20, strings=40_000, padding_mb=40)
    peak, outcome = _peak("workbook", f)
    assert outcome == "read: 2000 rows"
    assert peak < 80, f"peak {peak:.0f} MB"


def test_cells_limit(tmp_path, monkeypatch):
    f = build_workbook(tmp_path / "o.xlsx", rows=100, cols=10, strings=10, padding_mb=0)
    monkeypatch.setattr(sheet_reader, "MAX_CELLS", 500)
    with pytest.raises(WorkbookError, match="quá nhiều ô có dữ liệu .hơn 500.*trang “Bieu06”, ô"):
        read_workbook(f)


def test_time_limit(tmp_path):
    f = build_workbook(tmp_path / "cham.xlsx", rows=10, cols=2, strings=10, padding_mb=2)
    with pytest.raises(WorkbookError, match="đọc quá lâu .hơn 0 giây"):
        read_workbook(f, max_seconds=0.0)


def test_giant_token_is_refused(tmp_path):
    src = build_workbook(tmp_path / "a.xlsx", rows=1, cols=1, strings=1, padding_mb=0)
    f = tmp_path / "dai.xlsx"
    giant = b'<sst><si x="' + b"a" * 3_000_000 + b'"><t>a</t></si></sst>'
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = giant if item.filename == "xl/sharedStrings.xml" else zin.read(item.filename)
            zout.writestr(item.filename, data)
    with pytest.raises(WorkbookError, match="đoạn XML dài bất thường"):
        read_workbook(f)


def test_values_and_sheets_read_like_excel_shows_them(template, tmp_path):
    f = _fill(template, tmp_path / "f.xlsx", D=1234, E="5")
    sheets = {s.name: s for s in read_workbook(f)}
    ws = openpyxl.load_workbook(f, read_only=True, data_only=True)
    for name, sheet in sheets.items():
        expected = [list(r) for r in ws[name].iter_rows(values_only=True, max_col=60)]
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, FormulaWithoutValue):  # openpyxl shows None
                    value = None
                assert value == expected[r - 1][c - 1], (name, r, c)
    assert sheets["Bieu06"].hidden is False


# --- item 4: formulas without cached values ---------------------------------------------


def test_formula_without_cached_value_is_an_error_naming_sheet_and_cell(
    district_db, template, tmp_path
):
    f = _fill(template, tmp_path / "cong_thuc.xlsx", D="=10+5")
    wb = openpyxl.load_workbook(f)
    row = next(r[0].row for r in wb["Bieu06"].iter_rows(min_row=9) if r[1].value == "Hộ tịch")
    text = _refused(district_db, f)
    assert f"trang “Bieu06”, dòng {row}, cột D: Ô D{row} có công thức “=10+5”" in text
    assert "Không đọc là 0" in text


def test_a_row_of_formulas_is_not_skipped(district_db, template, tmp_path):
    cells = {c: f"={c}1" for c in "DEHIJLM"}
    text = _refused(district_db, _fill(template, tmp_path / "hang.xlsx", **cells))
    assert text.count("có công thức") == 7


# --- item 5: rows past the limit -------------------------------------------------------


def test_rows_past_the_limit_are_refused_with_row_and_limit(district_db, template, tmp_path):
    wb = openpyxl.load_workbook(_fill(template, tmp_path / "a.xlsx"))
    wb["Bieu06"]["B5001"] = "Dòng ghi chú"
    wb.save(tmp_path / "dai.xlsx")
    text = _refused(district_db, tmp_path / "dai.xlsx")
    assert "Tệp dai.xlsx, trang “Bieu06”, dòng 5001, cột B: Ô B5001 có số liệu ở dòng 5.001" in text
    assert "quá giới hạn 5.000 dòng" in text


def test_empty_formatted_rows_past_the_limit_are_harmless(district_db, template, tmp_path):
    wb = openpyxl.load_workbook(_fill(template, tmp_path / "a.xlsx"))
    wb["Bieu06"]["B6000"].number_format = "0"  # styled, but no value
    wb["Bieu06"]["B6000"].value = None
    wb.save(tmp_path / "dinh_dang.xlsx")
    plan, _ = import_files(district_db, [tmp_path / "dinh_dang.xlsx"])
    assert plan.ok, plan.problems


# --- item 8: dates and compression ------------------------------------------------------


def test_count_in_a_date_formatted_cell(district_db, template, tmp_path):
    wb = openpyxl.load_workbook(_fill(template, tmp_path / "a.xlsx"))
    ws = wb["Bieu06"]
    row = next(r[0].row for r in ws.iter_rows(min_row=9) if r[1].value == "Hộ tịch")
    ws[f"D{row}"].number_format = "dd/mm/yyyy"
    wb.save(tmp_path / "ngay.xlsx")
    text = _refused(district_db, tmp_path / "ngay.xlsx")
    assert f"Ô D{row} được định dạng ngày tháng (hiện “09/01/1900”)" in text
    assert "Nếu đây là số 10, hãy đổi định dạng ô sang Số" in text
    assert "00:00:00" not in text


def test_unsupported_compression_is_named(district_db, template, tmp_path):
    f = _fill(template, tmp_path / "a.xlsx")
    out = tmp_path / "nen_la.xlsx"
    with zipfile.ZipFile(f) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            method = (
                zipfile.ZIP_LZMA if item.filename.endswith("sheet1.xml") else zipfile.ZIP_DEFLATED
            )
            zout.writestr(item.filename, zin.read(item.filename), compress_type=method)
    text = _refused(district_db, out)
    assert "kiểu nén không được hỗ trợ (mã 14" in text


@pytest.mark.parametrize("index", ["-1", "5", "x"])
def test_bad_shared_string_reference(tmp_path, index):
    src = build_workbook(tmp_path / "a.xlsx", rows=1, cols=1, strings=2, padding_mb=0)
    f = tmp_path / "tham_chieu.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(f, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"<v>0</v>", f"<v>{index}</v>".encode())
            zout.writestr(item.filename, data)
    with pytest.raises(WorkbookError, match="trang “Bieu06”, ô A1: tham chiếu chuỗi chữ") as info:
        read_workbook(f)
    assert (info.value.sheet, info.value.row, info.value.col) == ("Bieu06", 1, 1)
