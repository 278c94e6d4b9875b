"""The form specs list the forms: order, titles, print set, package, template sheets and
the wordings the importer accepts; broken keys give messages naming file and key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracu_desktop.core.formspec import (
    FormSpecError,
    form_codes,
    form_list,
    form_titles,
    load_spec,
    package_documents,
    print_set,
    specs_dir,
    template_specs,
)


def test_forms_are_listed_in_spec_order_with_one_title_each():
    assert form_codes() == ("06b", "06a", "05a", "07b", "06ct", "dvc", "completeness")
    titles = form_titles()
    assert titles["06b"] == "Biểu 06b – Kết quả giải quyết TTHC theo cấp, lĩnh vực"
    assert titles["completeness"] == "Tình hình gửi số liệu của các đơn vị"
    assert [s.order for s in form_list()] == sorted(s.order for s in form_list())


def test_print_set_and_package_come_from_the_specs():
    assert print_set() == ("06b", "05a")
    assert package_documents() == (
        ("06b", "xlsx"),
        ("06a", "xlsx"),
        ("05a", "xlsx"),
        ("06b", "pdf"),
    )


def test_template_sheets_of_06b_and_05a():
    specs = template_specs(date(2023, 12, 31))
    assert [(s.code, s.template.key, s.template.sheet) for s in specs] == [
        ("06b", "06", "Bieu06"),
        ("05a", "05a", "Bieu05a"),
    ]
    t06 = specs[0].template
    assert t06.row_label == "Lĩnh vực, công việc giải quyết"  # one unit, one level
    assert specs[1].template.row_label == specs[1].row_label  # default: the form's caption


def test_header_nodes_carry_accepted_wordings():
    spec = next(s for s in form_list() if s.code == "06b")
    leaves = {leaf.column: leaf.accept for n in spec.header for leaf in n.leaves()}
    assert leaves["resolved_late"] == ("quá hạn", "trễ hạn")
    assert leaves["received_total"] == ()
    groups = {n.text: n.accept for n in spec.header if n.children}
    assert groups["Số hồ sơ đã giải quyết"] == ("đã giải quyết",)


def _base() -> str:
    return (specs_dir() / "06b-tt01-2020.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('package = ["xlsx", "pdf"]', 'package = ["xlsx", "docx"]', "'package'", "'docx'"),
        ('package = ["xlsx", "pdf"]', 'package = ["pdf", "pdf"]', "'package'", "hai lần"),
        ("order = 1\n", 'order = "1"\n', "'order'", "kiểu sai"),
        ("print_set = true", 'print_set = "có"', "'print_set'", "kiểu sai"),
        ('sheet = "Bieu06"', 'sheet = "Biểu:06"', "template.sheet", "31 ký tự"),
        ('tab_label = "Biểu 06"\n', "", "template.tab_label", "thiếu"),
        (
            'accept = ["đã giải quyết"]',
            'accept = ["đã giải quyết", " "]',
            "header[3].accept",
            "trống",
        ),
        ('accept = ["đã giải quyết"]', 'accept = "đã giải quyết"', "header[3].accept", "kiểu sai"),
    ],
)
def test_broken_list_keys_name_file_and_key(tmp_path: Path, old, new, key, problem):
    text = _base()
    assert old in text
    p = tmp_path / "06b-broken.toml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FormSpecError) as exc:
        load_spec(p)
    msg = str(exc.value)
    assert "06b-broken.toml" in msg and key.strip("'") in msg and problem in msg


def test_template_needs_a_field_table(tmp_path: Path):
    text = (specs_dir() / "06a-tt01-2020.toml").read_text(encoding="utf-8")
    text = text.replace(
        "\n[signature]",
        '\n[template]\nkey = "06a"\nsheet = "Bieu06a"\ntitle = "X"\ntab_label = "Biểu 06a"\n'
        'content = "hồ sơ"\n\n[signature]',
        1,
    )
    p = tmp_path / "06a-template.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(FormSpecError, match="06a-template.toml, khóa 'template'.*source = 'field'"):
        load_spec(p)


def test_short_title_defaults_to_the_title(tmp_path: Path):
    text = _base().replace(
        'short_title = "Biểu 06b – Kết quả giải quyết TTHC theo cấp, lĩnh vực"\n', ""
    )
    p = tmp_path / "06b.toml"
    p.write_text(text, encoding="utf-8")
    spec = load_spec(p)
    assert spec.short_title == spec.title
    assert form_titles(tmp_path) == {"06b": spec.title}


def test_two_forms_with_the_same_order_are_refused(tmp_path: Path):
    for name in ("06b-tt01-2020.toml", "06a-tt01-2020.toml"):
        text = (specs_dir() / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("order = 2\n", "order = 1\n"), encoding="utf-8")
    with pytest.raises(FormSpecError) as exc:
        form_codes(tmp_path)
    msg = str(exc.value)
    assert "06a-tt01-2020.toml" in msg and "06b-tt01-2020.toml" in msg and "'order'" in msg
