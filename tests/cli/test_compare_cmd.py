"""``tracu-desktop compare`` prints both periods per unit or field, in Vietnamese."""

import csv
import io

from tests.lineage_fixture import build_successor_commune
from tracu_desktop.cli.main import main
from tracu_desktop.db import open_database


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _commune(tmp_path):
    path = tmp_path / "tap-son.sqlite3"
    db = open_database(path)
    build_successor_commune(db)
    db.close()
    return path


def test_compare_csv_names_the_predecessors(tmp_path, capsys):
    path = _commune(tmp_path)
    code, out, err = run(
        capsys, "--db", path, "compare", "--period", "2026-Q1", "--with", "2025-Q1",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    head = rows[0]
    assert head[:3] == ["Đơn vị", "Gồm đơn vị trước đây", "Tiếp nhận mới 2026-Q1"]
    assert "Tỷ lệ số hóa chênh lệch (điểm %)" in head
    body = {r[0]: dict(zip(head, r, strict=True)) for r in rows[1:]}
    tap_son = body["Xã Tập Sơn (từ 01/07/2025)"]
    assert tap_son["Gồm đơn vị trước đây"] == "Xã Phước Hưng; Xã Tập Sơn; Xã Tân Sơn"
    assert tap_son["Tiếp nhận mới 2025-Q1"] == "250"
    assert tap_son["Tỷ lệ trực tuyến 2026-Q1"] == "60,00%"
    assert tap_son["Tỷ lệ trực tuyến chênh lệch (điểm %)"] == "+28,00"
    assert body["Tổng cộng"]["Quá hạn chênh lệch"] == "+3"
    assert "Xã Kim Sơn" in err


def test_compare_text_by_field(tmp_path, capsys):
    path = _commune(tmp_path)
    code, out, _ = run(
        capsys, "--db", path, "compare", "--period", "2026-Q1", "--with", "2025-Q1",
        "--by", "field",
    )  # fmt: skip
    assert code == 0
    assert "So sánh Quý I năm 2026 với Quý I năm 2025" in out
    assert "Hộ tịch" in out and "Đất đai" in out
    assert "Tỷ lệ trực tuyến: 60,00% / 20,00% / +40,00 điểm %" in out


def test_compare_with_a_missing_period_says_so(tmp_path, capsys):
    path = _commune(tmp_path)
    code, _out, err = run(capsys, "--db", path, "compare", "--period", "2026-Q1", "--with", "2024")
    assert code != 0
    assert "Chưa có kỳ báo cáo “2024”" in err
