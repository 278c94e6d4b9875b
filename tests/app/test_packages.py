"""Making a package: one connection, 06b built once, documents and figures inside."""

from __future__ import annotations

import zipfile

from tracu_desktop.app.packages import make_package


def test_package_opens_the_database_once_and_builds_each_form_once(
    demo_db_path, tmp_path, monkeypatch
):
    from tracu_desktop.db import connection
    from tracu_desktop.export import forms_export

    opens: list[object] = []
    real_open = connection.open_database
    built: list[str] = []
    real_table = forms_export.form_table

    def counting_open(*a, **kw):
        opens.append(a)
        return real_open(*a, **kw)

    def counting_table(db, period, code, **kw):
        built.append(code)
        return real_table(db, period, code, **kw)

    monkeypatch.setattr(connection, "open_database", counting_open)
    monkeypatch.setattr(forms_export, "form_table", counting_table)
    seen: list[tuple[int, int]] = []
    result = make_package(
        demo_db_path, "2023", tmp_path / "goi.tracu.zip", progress=lambda d, t: seen.append((d, t))
    )
    assert len(opens) == 1
    assert sorted(built) == ["05a", "06a", "06b"]
    assert result.skipped == []
    assert "documents/TraCu_2023_06b.xlsx" in result.documents
    assert "documents/TraCu_2023_06b.pdf" in result.documents
    assert "documents/TraCu_2023_BaoCao.docx" in result.documents
    with zipfile.ZipFile(result.path) as zf:
        names = set(zf.namelist())
    assert set(result.documents) <= names
    assert seen[-1] == (7, 7)
    assert result.figures > 0


def test_package_without_documents(demo_db_path, tmp_path):
    result = make_package(demo_db_path, "2023", tmp_path / "goi.tracu.zip", with_documents=False)
    assert result.documents == [] and result.skipped == []
    assert result.path.is_file()
