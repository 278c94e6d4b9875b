"""Bad workbooks against the Excel importer: broken containers, XML tricks, huge or odd
sheets, formulas, merged cells, legacy encodings. Each gives a Vietnamese problem
naming the file (or imports cleanly) and never writes partially."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from tracu_desktop.db.periods import add_period
from tracu_desktop.interchange import sheet_reader
from tracu_desktop.interchange.template_xlsx import write_template
from tracu_desktop.interchange.workbook_import import import_files

FUZZ = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def district_db(fresh_db):
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    return fresh_db


@pytest.fixture
def filled(district_db, tmp_path) -> Path:
    """A template with a few real figures, as a commune would send it back."""
    path = write_template(district_db, "2023", "TT_TRA_CU", tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Bieu06"]
    for row in ws.iter_rows(min_row=9):
        if row[1].value == "Hộ tịch":
            r = row[0].row
            ws[f"D{r}"], ws[f"E{r}"], ws[f"H{r}"], ws[f"I{r}"] = 10, 5, 12, 3
            ws[f"J{r}"], ws[f"L{r}"], ws[f"M{r}"] = 0, 0, 0
    out = tmp_path / "da_dien.xlsx"
    wb.save(out)
    return out


def _state(db) -> tuple:
    return (
        db.execute("SELECT * FROM data_values ORDER BY 1, 2, 3, 4").fetchall(),
        db.execute("SELECT count(*) FROM audit").fetchone()[0],
        db.execute("SELECT count(*) FROM submissions").fetchone()[0],
    )


def _import_checked(db, path: Path):
    """The property: no exception; refused ⇒ nothing written and a message naming the file."""
    before = _state(db)
    plan, done = import_files(db, [path])
    if not plan.ok:
        assert done == [] and _state(db) == before
        assert plan.problems and all(str(p).strip() for p in plan.problems)
        assert any(path.name in str(p) for p in plan.problems), plan.problems
    return plan


def _rezip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, replace.get(item.filename, zin.read(item.filename)))
        for name, data in replace.items():
            if name not in zin.namelist():
                zout.writestr(name, data)
    return dst


def test_the_unmodified_file_imports(district_db, filled):
    plan = _import_checked(district_db, filled)
    assert plan.ok and district_db.execute("SELECT count(*) FROM data_values").fetchone()[0] > 0


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "không phải tệp Excel"),
        (b"period,unit\n2023,HUYEN\n", "không phải tệp Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        (b"PK\x03\x04" + b"\x00" * 100, "bị hỏng"),
    ],
)
def test_non_workbooks_are_named_and_refused(district_db, tmp_path, content, words):
    f = tmp_path / "so_lieu.xlsx"
    f.write_bytes(content)
    plan = _import_checked(district_db, f)
    assert not plan.ok and words in str(plan.problems[0])


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
def test_truncated_workbooks(district_db, filled, tmp_path, fraction):
    data = filled.read_bytes()
    f = tmp_path / "cat_ngang.xlsx"
    f.write_bytes(data[: int(len(data) * fraction)])
    assert not _import_checked(district_db, f).ok


def test_billion_laughs_is_refused_quickly(district_db, filled, tmp_path):
    import time

    assert openpyxl.xml.DEFUSEDXML, "openpyxl must parse through defusedxml"
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    with zipfile.ZipFile(filled) as z:
        target = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in z.namelist() else None
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    bomb = _rezip(filled, tmp_path / "bom.xlsx", {target or sheet: lol})
    start = time.perf_counter()
    plan = _import_checked(district_db, bomb)
    assert not plan.ok
    assert time.perf_counter() - start < 10


def test_zip_bomb_refused_before_parsing(district_db, filled, tmp_path, monkeypatch):
    big = _rezip(filled, tmp_path / "phinh.xlsx", {"xl/media/zeros.bin": b"\0" * 3_000_000})
    monkeypatch.setattr(sheet_reader, "MAX_UNPACKED_BYTES", 2_000_000)
    monkeypatch.setattr(openpyxl, "load_workbook", _never)
    plan = _import_checked(district_db, big)
    assert not plan.ok and "giải nén quá lớn" in str(plan.problems[0])


def _never(*a, **k):
    raise AssertionError("the parser must not see a file refused by its size")


def test_file_over_size_limit_refused_before_parsing(district_db, filled, monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(openpyxl, "load_workbook", _never)
    plan = _import_checked(district_db, filled)
    assert not plan.ok and "quá lớn" in str(plan.problems[0])


def test_huge_sheet_is_capped(district_db, tmp_path):
    import time

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Bieu06")
    for i in range(30_000):
        ws.append([i, f"Lĩnh vực {i}", *range(12)])
    f = tmp_path / "rat_lon.xlsx"
    wb.save(f)
    start = time.perf_counter()
    _import_checked(district_db, f)
    assert time.perf_counter() - start < 30


def test_formulas_merged_cells_and_legacy_text(district_db, filled, tmp_path):
    wb = openpyxl.load_workbook(filled)
    ws = wb["Bieu06"]
    for row in ws.iter_rows(min_row=9):
        if row[1].value == "Hộ tịch":
            r = row[0].row
            ws[f"D{r}"] = "=10+5"  # never computed: no cached value
            ws.merge_cells(f"E{r}:G{r + 1}")  # across value columns and into the next row
            ws[f"B{r + 2}"] = "Hé tÞch"  # TCVN3-encoded label
    ws.merge_cells("A1:P3")
    f = tmp_path / "la.xlsx"
    wb.save(f)
    _import_checked(district_db, f)


@pytest.mark.parametrize("value", [1e300, 10**20, "99999999999999999999"])
def test_number_too_big_for_the_database(district_db, filled, tmp_path, value):
    wb = openpyxl.load_workbook(filled)
    ws = wb["Bieu06"]
    for row in ws.iter_rows(min_row=9):
        if row[1].value == "Hộ tịch":
            ws[f"D{row[0].row}"] = value
    f = tmp_path / "so_lon.xlsx"
    wb.save(f)
    plan = _import_checked(district_db, f)
    assert not plan.ok and "quá lớn" in str(plan.problems[0])


@seed(20231125)
@FUZZ
@given(data=st.data())
def test_mutated_containers(district_db, filled, tmp_path, data):
    blob = bytearray(filled.read_bytes())
    for _ in range(data.draw(st.integers(1, 4), label="flips")):
        pos = data.draw(st.integers(0, len(blob) - 1), label="pos")
        blob[pos] ^= data.draw(st.integers(1, 255), label="mask")
    f = tmp_path / "dot_bien.xlsx"
    f.write_bytes(bytes(blob))
    _import_checked(district_db, f)


@seed(20231126)
@settings(FUZZ, max_examples=10)
@given(
    cells=st.lists(
        st.tuples(
            st.integers(1, 40),
            st.integers(1, 16),
            st.one_of(
                st.integers(-(10**12), 10**12),
                st.floats(allow_nan=True, allow_infinity=True),
                st.text(max_size=30),
                st.sampled_from(["=1/0", "=A1", "1.234", "12,5", "-3", "Hộ tịch", "#REF!"]),
                st.dates(),
            ),
        ),
        max_size=25,
    )
)
def test_odd_cell_values(district_db, filled, tmp_path, cells):
    wb = openpyxl.load_workbook(filled)
    ws = wb["Bieu06"]
    for r, c, v in cells:
        try:
            ws.cell(row=r, column=c).value = v
        except (ValueError, TypeError, AttributeError, IllegalCharacterError):
            continue  # openpyxl itself refuses some values (merged cells, illegal chars)
    buf = io.BytesIO()
    wb.save(buf)
    f = tmp_path / "o_la.xlsx"
    f.write_bytes(buf.getvalue())
    _import_checked(district_db, f)
