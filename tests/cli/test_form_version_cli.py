"""The command line follows the form specs of the resources folder in use: the export
help lists the forms of the specs, and a period no form version covers is refused with
the spec's own message (no traceback, nothing written)."""

from __future__ import annotations

import shutil

import pytest

from tracu_desktop.cli.main import main
from tracu_desktop.core.resources import resources_dir


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_template_for_a_period_after_the_last_form_version_is_refused(
    tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "resources"
    shutil.copytree(resources_dir(), folder)
    spec = folder / "forms" / "06b-tt01-2020.toml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "valid_from = 2020-12-05\n", "valid_from = 2020-12-05\nvalid_to = 2025-12-31\n"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("TRACU_RESOURCES", str(folder))
    db = tmp_path / "x.sqlite3"
    assert run(capsys, "--db", db, "demo")[0] == 0
    assert run(capsys, "--db", db, "period", "add", "2026")[0] == 0
    out_dir = tmp_path / "mau"
    code, out, err = run(
        capsys,
        "--db",
        db,
        "template",
        "--period",
        "2026",
        "--unit",
        "TT_TRA_CU",
        "-o",
        out_dir / "m.xlsx",
    )
    assert code == 2
    assert "Lỗi: Mẫu biểu 06b" in err and "hết hiệu lực sau ngày 31/12/2025" in err
    assert "Traceback" not in err
    assert not out_dir.exists() or not list(out_dir.glob("*.xlsx"))
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "template",
        "--period",
        "2023",
        "--unit",
        "TT_TRA_CU",
        "-o",
        out_dir / "m.xlsx",
    )
    assert code == 0 and "Tổng cộng 1 tệp." in out


def test_export_help_lists_the_forms_of_the_specs(capsys):
    with pytest.raises(SystemExit) as done:
        main(["export", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "06b, 06a, 05a, 07b, 06ct, dvc, completeness hoặc all" in " ".join(out.split())
