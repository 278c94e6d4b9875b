"""Fuzzing the CSV importer: any input gives an outcome or a documented Vietnamese error,
and a refused file writes nothing. Fixed seed and budget, so CI is repeatable."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tracu_desktop.db.connection import open_database
from tracu_desktop.db.periods import PeriodError, set_locked
from tracu_desktop.interchange.csv_io import export_values_csv, import_values_csv
from tracu_desktop.interchange.datavalues import CsvFormatError

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DOCUMENTED = (CsvFormatError, PeriodError)
HEADER = "period,unit,field,indicator,value"
CELLS = st.one_of(
    st.sampled_from(
        [
            "2023",
            "2024-Q1",
            "2023-13",
            "TT_TRA_CU",
            "Thị trấn Trà Cú",
            "HUYEN",
            "X_HO_TICH",
            "Hộ tịch",
            "received_online",
            "tthc_assessed",
            "1.234",
            "22 278",
            "12,5",
            "-3",
            "",
            " ",
            "=1+2",
            "@SUM(A1)",
            "99999999999999999999999",
            "0x10",
            "１２３",
            "NaN",
            "\u0301",
            "Tra\u0300 Cu\u0301",
            '"',
            "\x00",
            "\r",
            "\n",
            "a" * 300,
        ]
    ),
    st.text(max_size=20),
)


def _snapshot(db_path: Path) -> tuple[list[tuple], int, list[tuple]]:
    db = open_database(db_path)
    try:
        values = db.execute("SELECT * FROM data_values ORDER BY 1, 2, 3, 4").fetchall()
        audit = db.execute("SELECT count(*) FROM audit").fetchone()[0]
        periods = db.execute("SELECT code FROM periods ORDER BY code").fetchall()
    finally:
        db.close()
    return values, audit, periods


def _import(db_path: Path, file: Path):
    db = open_database(db_path)
    try:
        return import_values_csv(db, file)
    finally:
        db.close()


def _check(db_path: Path, file: Path) -> None:
    """The property: documented outcome only; nothing written unless fully accepted."""
    before = _snapshot(db_path)
    try:
        outcome = _import(db_path, file)
    except DOCUMENTED as exc:
        assert str(exc).strip(), "a refusal must say why"
        assert _snapshot(db_path) == before
        return
    after = _snapshot(db_path)
    if not outcome.ok:
        assert after == before, "a file with errors must write nothing"
        for e in outcome.errors:
            assert e.line >= 1 and e.message
    else:
        assert after[1] == before[1] + len(outcome.changes)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory) -> Path:
    from tracu_desktop.db.demo import create_demo

    path = tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3"
    db = open_database(path)
    create_demo(db)
    set_locked(db, "2022", True, "đã chốt")
    db.close()
    return path


@pytest.fixture(scope="module")
def real_csv(fuzz_db: Path, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("real") / "real.csv"
    db = open_database(fuzz_db)
    export_values_csv(db, "2023", out)
    db.close()
    return out.read_bytes()[:6000]  # a few dozen real rows keep each example fast


@seed(20231121)
@FUZZ
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=8), header=st.booleans())
def test_structured_rows(fuzz_db, tmp_path, rows, header):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    if header:
        buf.write(HEADER + "\n")
    for r in rows:
        w.writerow(r)
    f = tmp_path / "rows.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    _check(fuzz_db, f)


@seed(20231122)
@FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(fuzz_db, tmp_path, data):
    f = tmp_path / "bytes.csv"
    f.write_bytes(codecs.BOM_UTF8 + HEADER.encode() + b"\n" + data if data[:1] == b"\x00" else data)
    _check(fuzz_db, f)


MUTATIONS = ("truncate", "flip", "insert", "delete_line", "duplicate", "encode", "nul", "long")


@seed(20231123)
@FUZZ
@given(data=st.data())
def test_mutated_real_files(fuzz_db, real_csv, tmp_path, data):
    blob = bytearray(real_csv)
    for _ in range(data.draw(st.integers(1, 3), label="rounds")):
        kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
        pos = data.draw(st.integers(0, max(0, len(blob) - 1)), label="pos")
        if kind == "truncate":
            blob = blob[:pos]
        elif kind == "flip" and blob:
            blob[pos] ^= data.draw(st.integers(1, 255), label="mask")
        elif kind == "insert":
            blob[pos:pos] = data.draw(
                st.sampled_from([b",", b'"', b"\r\n", b"\xff\xfe", b";", b"\t", b"-"])
            )
        elif kind == "delete_line":
            lines = bytes(blob).split(b"\n")
            del lines[pos % len(lines)]
            blob = bytearray(b"\n".join(lines))
        elif kind == "duplicate":
            blob += blob[pos : pos + 200]
        elif kind == "encode":
            enc = data.draw(st.sampled_from(["utf-16", "cp1258", "latin-1", "utf-8"]), label="enc")
            blob = bytearray(bytes(blob).decode("utf-8", "replace").encode(enc, "replace"))
        elif kind == "nul":
            blob[pos:pos] = b"\x00"
        elif kind == "long":
            blob[pos:pos] = b"9" * 200_000
    f = tmp_path / "mutated.csv"
    f.write_bytes(bytes(blob))
    _check(fuzz_db, f)


def test_locked_period_import_is_refused_whole(fuzz_db, tmp_path):
    f = tmp_path / "locked.csv"
    f.write_text(
        f"{HEADER}\n2023,HUYEN,,tthc_assessed,3\n2022,HUYEN,,tthc_assessed,4\n", encoding="utf-8"
    )
    before = _snapshot(fuzz_db)
    with pytest.raises(PeriodError, match="2022"):
        _import(fuzz_db, f)
    assert _snapshot(fuzz_db) == before


def test_nul_byte_and_huge_field_give_vietnamese_errors(fuzz_db, tmp_path):
    f = tmp_path / "nul.csv"
    f.write_bytes(f"{HEADER}\n2023,HUYEN,,tthc_assessed,3\x00\n".encode())
    outcome = _import(fuzz_db, f)
    assert not outcome.ok and [(e.line, e.column) for e in outcome.errors] == [(2, "value")]
    f.write_bytes(f"{HEADER}\n2023,HUYEN,,tthc_assessed,{'9' * 200_000}\n".encode())
    with pytest.raises(CsvFormatError, match="dòng 2"):
        _import(fuzz_db, f)


def test_file_over_the_size_limit_is_refused_before_parsing(fuzz_db, tmp_path, monkeypatch):
    from tracu_desktop.infra import fileio

    monkeypatch.setattr(fileio, "MAX_IMPORT_BYTES", 1000)
    f = tmp_path / "big.csv"
    f.write_text(HEADER + "\n" + "2023,HUYEN,,tthc_assessed,3\n" * 100, encoding="utf-8")
    with pytest.raises(CsvFormatError, match="quá lớn"):
        _import(fuzz_db, f)


def test_number_too_big_for_the_database_is_a_row_error(fuzz_db, tmp_path):
    f = tmp_path / "big_number.csv"
    f.write_text(f"{HEADER}\n2023,HUYEN,,tthc_assessed,99999999999999999999999\n", "utf-8")
    before = _snapshot(fuzz_db)
    outcome = _import(fuzz_db, f)
    assert not outcome.ok and outcome.errors[0].line == 2 and "quá lớn" in outcome.errors[0].message
    assert _snapshot(fuzz_db) == before
