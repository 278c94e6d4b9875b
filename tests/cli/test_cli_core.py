import subprocess
import sys
from pathlib import Path

import pytest

from tracu_desktop.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_then_summary_prints_reference_figures(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and "Trà Cú" in out
    code, out, _ = run(capsys, "--db", db, "summary", "--period", "2023")
    assert code == 0
    for figure in (
        "22.278",
        "15.561",
        "6.717",
        "69,85%",
        "21.829",
        "97,98%",
        "449",
        "2,02%",
        "20.432",
        "91,71%",
    ):
        assert figure in out, figure
    assert "năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)" in out


def test_module_entry_point_runs(tmp_path):
    db = tmp_path / "m.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-m", "tracu_desktop", "--db", str(db), "init"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Ủy ban nhân dân huyện Trà Cú" in proc.stdout


def test_units_and_fields_csv(tmp_path, capsys):
    db = tmp_path / "u.sqlite3"
    run(capsys, "--db", db, "init")
    code, out, _ = run(capsys, "--db", db, "units", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "code,name,level,parent,valid_from,valid_to,successors"
    assert "TT_TRA_CU,Thị trấn Trà Cú,commune,HUYEN,,," in lines
    code, out, _ = run(capsys, "--db", db, "fields", "--format", "csv")
    assert "X_HO_TICH,Hộ tịch,commune" in out.splitlines()


def test_indicators_lists_codes_and_columns(capsys, tmp_path):
    code, out, _ = run(capsys, "--db", tmp_path / "i.sqlite3", "indicators")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("received_online "))
    assert "(4)" in line and "Số mới tiếp nhận trực tuyến" in line
    assert any(x.startswith("pakn_published ") and "(12)" in x for x in out.splitlines())


def test_period_add_list_lock(tmp_path, capsys):
    db = tmp_path / "p.sqlite3"
    run(capsys, "--db", db, "init")
    code, out, _ = run(capsys, "--db", db, "period", "add", "2024-Q1")
    assert code == 0 and "Quý I năm 2024" in out and "15/12/2023" in out
    code, out, _ = run(
        capsys, "--db", db, "period", "add", "2023", "--from", "01/01/2023", "--to", "20/11/2023"
    )
    assert code == 0
    code, out, err = run(capsys, "--db", db, "period", "add", "2024-Q1")
    assert code == 2 and "đã có" in err
    code, out, err = run(capsys, "--db", db, "period", "add", "2024-Q9")
    assert code == 2 and "không hợp lệ" in err
    code, out, err = run(capsys, "--db", db, "period", "add", "2024-Q2", "--from", "31/02/2024")
    assert code == 2 and "31/02/2024" in err
    run(capsys, "--db", db, "period", "lock", "2024-Q1")
    code, out, _ = run(capsys, "--db", db, "period", "list")
    assert "2024-Q1" in out and "[đã chốt]" in out
    assert out.index("2023 ") < out.index("2024-Q1")


def test_validate_exit_codes(tmp_path, capsys):
    db = tmp_path / "v.sqlite3"
    run(capsys, "--db", db, "demo")
    code, out, _ = run(capsys, "--db", db, "validate", "--period", "2023")
    assert code == 0 and "0 lỗi" in out
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "period,unit,field,indicator,value\n2023,TT_TRA_CU,X_HO_TICH,resolved_late,100000\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "values", "import", csv)
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "validate", "--period", "2023")
    assert code == 1
    assert "Lỗi: Thị trấn Trà Cú — lĩnh vực Hộ tịch" in out and "1 lỗi" in out


def test_values_import_errors_exit_2_and_write_nothing(tmp_path, capsys):
    db = tmp_path / "x.sqlite3"
    run(capsys, "--db", db, "init")
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "period,unit,field,indicator,value\n2024-Q1,Xa Tan Hiep,Hộ tịch,received_online,1\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", db, "values", "import", csv)
    assert code == 2
    assert "Dòng 2, cột unit" in err and "Xã Tân Hiệp" in err
    code, out, _ = run(capsys, "--db", db, "period", "list")
    assert "Chưa có kỳ" in out


def test_values_dry_run_and_export(tmp_path, capsys):
    db = tmp_path / "y.sqlite3"
    run(capsys, "--db", db, "init")
    csv = tmp_path / "ok.csv"
    csv.write_text(
        "period,unit,field,indicator,value\n2024-Q1,TT_TRA_CU,X_HO_TICH,received_online,1.234\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "values", "import", csv, "--dry-run")
    assert code == 0 and "Sẽ thay đổi 1" in out and "trống → 1.234" in out
    code, out, err = run(
        capsys, "--db", db, "values", "export", "--period", "2024-Q1", "-o", tmp_path / "o.csv"
    )
    assert code == 2 and "Chưa có kỳ báo cáo" in err
    run(capsys, "--db", db, "values", "import", csv)
    code, out, _ = run(
        capsys, "--db", db, "values", "export", "--period", "2024-Q1", "-o", tmp_path / "o.csv"
    )
    assert code == 0
    text = (tmp_path / "o.csv").read_text(encoding="utf-8-sig")
    assert "2024-Q1,TT_TRA_CU,X_HO_TICH,received_online,1234" in text


def test_usage_errors_exit_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "z.sqlite3"), "summary"])
    assert exc.value.code == 2
    assert "Lỗi cú pháp lệnh" in capsys.readouterr().err
    run(capsys, "--db", tmp_path / "z.sqlite3", "init")
    code, _, err = run(capsys, "--db", tmp_path / "z.sqlite3", "summary", "--period", "2023")
    assert code == 2 and "Chưa có kỳ báo cáo" in err
