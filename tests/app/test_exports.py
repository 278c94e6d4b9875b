"""The export verb: standard names, progress, one table per form, cancel and failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracu_desktop.app.exports import ExportFailed, ExportItem, export_files
from tracu_desktop.infra.progress import Cancelled


def test_report_files_get_their_standard_names(demo_db_path: Path, tmp_path: Path):
    seen: list[tuple[int, int]] = []
    result = export_files(
        demo_db_path,
        "2023",
        [ExportItem("report", "report", "docx"), ExportItem("report", "report", "package")],
        tmp_path,
        progress=lambda done, total: seen.append((done, total)),
    )
    names = [p.name for p in result.paths]
    assert names == ["TraCu_2023_BaoCao.docx", "TraCu_2023_BaoCaoPhuLuc.pdf"]
    assert all(p.stat().st_size > 10_000 for p in result.paths)
    assert seen == [(0, 2), (1, 2), (2, 2)]


def test_forms_are_dispatched_to_their_renderers(demo_db_path, tmp_path):
    seen: list[tuple[int, int]] = []
    paths = export_files(
        demo_db_path,
        "2023",
        [ExportItem("form", "05a", "pdf"), ExportItem("form", "dvc", "xlsx")],
        tmp_path,
        progress=lambda done, total: seen.append((done, total)),
    ).paths
    assert [p.name for p in paths] == ["TraCu_2023_05a.pdf", "TraCu_2023_dvc.xlsx"]
    assert paths[0].read_bytes().startswith(b"%PDF") and paths[1].stat().st_size > 1000
    assert seen[-1] == (2, 2)


def test_a_form_in_two_formats_is_built_once(demo_db_path, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from tracu_desktop.export import forms_export

    built: list[str] = []
    real = forms_export.form_table

    def counting(db, period, code, **kw):
        built.append(code)
        return real(db, period, code, **kw)

    monkeypatch.setattr(forms_export, "form_table", counting)
    items = [ExportItem("form", "06b", "xlsx"), ExportItem("form", "06b", "pdf")]
    paths = export_files(demo_db_path, "2023", items, tmp_path).paths
    assert built == ["06b"]
    assert [p.name for p in paths] == ["TraCu_2023_06b.xlsx", "TraCu_2023_06b.pdf"]
    texts = [c.value for row in load_workbook(paths[0]).active.iter_rows() for c in row]
    assert any(isinstance(t, str) and "Biểu số II.06b/VPCP/KSTT" == t for t in texts)


def test_cancel_keeps_finished_files_and_writes_no_more(demo_db_path, tmp_path):
    asked = []

    def is_cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # stop before the second file

    items = [ExportItem("form", "05a", "xlsx"), ExportItem("form", "06b", "xlsx")]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        export_files(demo_db_path, "2023", items, out, is_cancelled=is_cancelled)
    assert sorted(p.name for p in out.iterdir()) == ["TraCu_2023_05a.xlsx"]


def test_failure_names_the_files_written_before_it(demo_db_path, tmp_path):
    blocked = tmp_path / "TraCu_2023_06b.xlsx"
    blocked.mkdir()  # a folder where the file should go: cannot be written
    items = [ExportItem("form", "05a", "xlsx"), ExportItem("form", "06b", "xlsx")]
    with pytest.raises(ExportFailed) as info:
        export_files(demo_db_path, "2023", items, tmp_path)
    assert [p.name for p in info.value.written] == ["TraCu_2023_05a.xlsx"]
    assert "TraCu_2023_06b.xlsx" in str(info.value)
