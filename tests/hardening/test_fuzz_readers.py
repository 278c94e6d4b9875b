"""Fuzzing the three readers through the command line: CSV (``values import``),
workbooks and packages (``import``). Whatever the bytes, the command ends with exit 0
or 2 and a message, never "Lỗi không mong muốn", and a refused file writes nothing.
Fixed seeds and small budgets keep the run repeatable and short in CI."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tracu_desktop.cli.main import main
from tracu_desktop.db.connection import open_database
from tracu_desktop.interchange.exchange import MANIFEST, build_package

FUZZ = settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _state(db_path: Path) -> tuple:
    db = open_database(db_path)
    try:
        return (
            db.execute("SELECT * FROM data_values ORDER BY 1, 2, 3, 4").fetchall(),
            db.execute("SELECT count(*) FROM audit").fetchone()[0],
            db.execute("SELECT count(*) FROM submissions").fetchone()[0],
        )
    finally:
        db.close()


def _check(capsys, db_path: Path, *argv: str) -> int:
    before = _state(db_path)
    code = main(["--db", str(db_path), *argv])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Lỗi không mong muốn" not in err, err
    assert "Traceback" not in err
    if code == 2:
        assert err.strip()
        assert _state(db_path) == before, "a refused file must write nothing"
    return code


def _mutate(data: bytes, draw) -> bytes:
    blob = bytearray(data)
    for _ in range(draw(st.integers(1, 6), label="changes")):
        pos = draw(st.integers(0, len(blob) - 1), label="pos")
        action = draw(st.sampled_from(["flip", "cut", "dup"]), label="action")
        if action == "flip":
            blob[pos] ^= draw(st.integers(1, 255), label="mask")
        elif action == "cut":
            del blob[pos : pos + draw(st.integers(1, 64), label="len")]
        else:
            blob[pos:pos] = blob[pos : pos + draw(st.integers(1, 64), label="len")]
        if not blob:
            blob = bytearray(b"P")
    return bytes(blob)


@pytest.fixture(scope="module")
def samples(tmp_path_factory, _demo_template) -> dict[str, bytes]:
    """A real CSV export, 06b workbook and package of the demo database."""
    import shutil

    from tracu_desktop.export.forms_export import export_form
    from tracu_desktop.interchange.package import write_package

    folder = tmp_path_factory.mktemp("samples")
    db_path = folder / "demo.sqlite3"
    shutil.copy(_demo_template, db_path)
    assert main(["--db", str(db_path), "values", "export", "--period", "2023",
                 "-o", str(folder / "a.csv")]) == 0  # fmt: skip
    db = open_database(db_path)
    try:
        export_form(db, "2023", "06b", "xlsx", folder / "b.xlsx")
        write_package(db, "2023", folder / "c.tracu.zip")
    finally:
        db.close()
    return {
        "csv": (folder / "a.csv").read_bytes(),
        "xlsx": (folder / "b.xlsx").read_bytes(),
        "pkg": (folder / "c.tracu.zip").read_bytes(),
    }


@seed(20261201)
@FUZZ
@given(data=st.data())
def test_csv_reader(demo_db_path, samples, tmp_path, capsys, data):
    f = tmp_path / "so_lieu.csv"
    f.write_bytes(_mutate(samples["csv"][:4000], data.draw))
    _check(capsys, demo_db_path, "values", "import", str(f))


@seed(20261202)
@FUZZ
@given(data=st.data())
def test_workbook_reader(demo_db_path, samples, tmp_path, capsys, data):
    f = tmp_path / "bieu.xlsx"
    f.write_bytes(_mutate(samples["xlsx"], data.draw))
    _check(capsys, demo_db_path, "import", "--period", "2023", str(f))


@seed(20261203)
@FUZZ
@given(data=st.data())
def test_package_reader_bytes(demo_db_path, samples, tmp_path, capsys, data):
    name = data.draw(st.sampled_from(["goi.tracu.zip", "goi.zip", "goi.pkg"]), label="name")
    f = tmp_path / name
    f.write_bytes(_mutate(samples["pkg"], data.draw))
    _check(capsys, demo_db_path, "import", "--unit", "TT_TRA_CU", str(f))


_CELLS = st.one_of(
    st.sampled_from(["2023", "2024", "0999", "", "-5", "1_000", "1.234", "10" * 8, "=1+1",
                     "'=1+1", "X_HO_TICH", "received_online", "abc", "\x00", "12,5"]),
    st.text(max_size=12),
)  # fmt: skip


@seed(20261204)
@FUZZ
@given(rows=st.lists(st.lists(_CELLS, min_size=3, max_size=6), max_size=8), meta=st.data())
def test_package_content(demo_db_path, samples, tmp_path, capsys, rows, meta):
    """Well-formed packages (the manifest matches) with odd figures and metadata."""
    with zipfile.ZipFile(io.BytesIO(samples["pkg"])) as zf:
        members = {n: zf.read(n) for n in zf.namelist() if n != MANIFEST}
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["period", "unit", "field", "indicator", "value"])
    writer.writerows(rows)
    members["figures.csv"] = buf.getvalue().encode("utf-8")
    if meta.draw(st.booleans(), label="break metadata"):
        members["metadata.json"] = meta.draw(
            st.sampled_from([b"{", b"[]", b'{"period": 5}', b'{"fields": "x"}', b"\xff"]),
            label="metadata",
        )
    f = tmp_path / "goi.tracu.zip"
    f.write_bytes(build_package(members))
    _check(capsys, demo_db_path, "import", "--unit", "TT_TRA_CU", str(f))


@seed(20261205)
@settings(FUZZ, max_examples=4)
@given(
    rows=st.integers(1, 6000),
    cols=st.integers(1, 70),
    strings=st.integers(1, 260_000),
    length=st.integers(1, 60),
    padding=st.integers(0, 3),
)
def test_workbook_shapes_stay_in_bounded_memory(tmp_path, rows, cols, strings, length, padding):
    """Workbooks around every limit: read or refused with a WorkbookError, and the
    memory the reader allocates stays far below the 300 MB target."""
    import tracemalloc

    from tools.hostile_files import build_workbook
    from tracu_desktop.interchange.sheet_reader import WorkbookError, read_workbook

    f = build_workbook(
        tmp_path / "hinh.xlsx", rows=rows, cols=cols, strings=strings,
        string_length=length, padding_mb=padding,
    )  # fmt: skip
    tracemalloc.start()
    try:
        read_workbook(f)
    except WorkbookError as exc:
        assert str(exc).startswith("Tệp hinh.xlsx")
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 150 * 1024 * 1024, f"{peak / 1e6:.0f} MB"
