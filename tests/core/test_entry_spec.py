"""The entry side of the form specs: grids, rules and key figures read from
resources/forms, and broken entries refused with messages naming the file and the key."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tracu_desktop.core.entry_spec import entry_forms, entry_spec, key_figure_lines
from tracu_desktop.core.formspec import FormSpecError, specs_dir


def test_the_06_grid_reads_like_the_paper_form():
    grid = entry_spec("06")
    assert grid.spec.code == "06b"
    cols = {c.key: c for c in grid.grid_columns()}
    assert [c.number for c in grid.columns] == list(range(3, 14))
    assert cols["received_total"].formula == "(3) = (4) + (5) + (6)"
    assert cols["received_online"].short == "Trực\ntuyến"
    assert cols["on_time_rate"].formula == "((8) + (9)) / (7)"
    assert "late_rate" not in [c.key for c in grid.grid_columns()]  # report only
    assert grid.inputs() == (
        "received_online",
        "received_direct",
        "carried_over",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "pending_on_time",
        "pending_overdue",
    )


def test_every_rule_message_renders_and_names_its_columns():
    figures = dict(where="Xã A", left="1", right="2", right_terms="1 + 1", left_named="x = 1")
    for form in entry_forms():
        for rule in entry_spec(form).rules:
            text = rule.message.format(**figures)
            assert text.startswith("Xã A: ") and "{" not in text
            for number in rule.columns:
                assert f"({number})" in text


def test_key_figures_keep_the_06_lines_before_the_05a_lines():
    lines = key_figure_lines(date(2023, 12, 31))
    assert lines[0].text == "Tổng số hồ sơ nhận giải quyết (3)"
    assert lines[-1].key == "pakn_published"
    assert [x.key for x in lines if x.is_rate] == [
        "online_rate",
        "on_time_rate",
        "late_rate",
        "digitized_rate",
    ]


def test_detail_columns_sit_after_the_column_they_break_down():
    grid = entry_spec("06")
    assert [c.key for c in grid.grid_columns()] == [c.key for c in grid.grid_columns(detail=False)]
    keys = [c.key for c in grid.grid_columns(detail=True)]
    at = keys.index
    assert keys[at("received_online") + 1 : at("received_direct")] == [
        "received_online_full",
        "received_online_partial",
        "received_online_other",
    ]
    assert keys[at("received_direct") + 1 : at("carried_over")] == [
        "received_postal",
        "received_nonboundary",
    ]
    assert keys[at("resolved_late") + 1 : at("pending_total")] == [
        "resolved_late_apology",
        "resolved_late_no_apology",
    ]
    assert keys[at("on_time_rate") + 1 :] == [  # no `after`: at the end, after the rates
        "fee_dossiers",
        "paid_online",
        "results_electronic",
        "digitized_reused",
    ]
    full = grid.grid_columns(detail=True)[at("received_online_full")]
    assert (full.number, full.short, full.long) == (
        None,
        "Toàn\ntrình",
        "Tiếp nhận trực tuyến toàn trình",
    )
    assert full.detail_of == "Chi tiết của cột (4) Trực tuyến"
    assert full.checks == ("Chi tiết: trực tuyến toàn trình + một phần + hình thức khác = (4).",)
    online = next(r for r in grid.rules if r.code == "detail_online")
    assert set(online.highlight) == {*keys[at("received_online") : at("received_direct")]}


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            "{col:resolved_total} + đang giải quyết",
            "{col:resolvd_total} + đang giải quyết",
            "rules[0].message",
            "cột 'resolvd_total' không có trong biểu",
        ),
        (
            'right = ["resolved_total", "pending_total"]',
            'right = ["resolved_total", "pending_totl"]',
            "rules[0].right",
            "'pending_totl' không phải cột của biểu hay chỉ tiêu trong danh mục",
        ),
        ('relation = "="', 'relation = "=="', "rules[0].relation", "không hợp lệ"),
        ('scope = "unit"\napplies = "left"', 'scope = "unit"', "rules[2].applies", "cần applies"),
        ('severity = "error"', 'severity = "fatal"', "rules[0].severity", "không hợp lệ"),
        (
            "= {right_terms} = {right}.",
            "= {right_term} = {right}.",
            "rules[0].message",
            "right_term",
        ),
        (
            'received_total = { short = "Tổng\\nnhận"',
            'received_totl = { short = "Tổng\\nnhận"',
            "entry.captions.received_totl",
            "cột không có trong biểu",
        ),
        (
            'numerator = ["received_online"]',
            'numerator = ["received_onlin"]',
            "entry.rates[0].numerator",
            "received_onlin",
        ),
        ('key = "online_rate"\nshort', 'ky = "online_rate"\nshort', "entry.rates[0].key", "thiếu"),
        (
            'after = "received_direct"',
            'after = "received_direkt"',
            "entry.detail[1].after",
            "cột 'received_direkt' không có trong biểu",
        ),
        (
            'indicators = ["received_postal", "received_nonboundary"]',
            'indicators = ["received_postal", "received_nonbondary"]',
            "entry.detail[1].indicators",
            "'received_nonbondary' không có trong danh mục",
        ),
        (
            'indicators = ["received_postal", "received_nonboundary"]',
            'indicators = ["received_postal", "digitized_dossiers"]',
            "entry.detail[1].indicators",
            "không nhập được theo lĩnh vực",
        ),
        (
            'indicators = ["received_postal", "received_nonboundary"]',
            'indicators = ["received_postal", "received_postal"]',
            "entry.detail[1].indicators",
            "bị lặp",
        ),
        (
            'captions = { received_postal = "Bưu',
            'captions = { received_postl = "Bưu',
            "entry.detail[1].captions",
            "received_postl",
        ),
        (
            'highlight = ["received_postal", "received_direct"]',
            'highlight = ["received_postal", "received_direkt"]',
            "rules[5].highlight",
            "received_direkt",
        ),
    ],
)
def test_broken_entry_names_file_and_key(tmp_path: Path, old, new, key, problem):
    folder = tmp_path / "forms"
    folder.mkdir()
    for name in ("06b-tt01-2020.toml", "05a-tt01-2020.toml"):
        shutil.copy(specs_dir() / name, folder / name)
    path = folder / "06b-tt01-2020.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FormSpecError) as exc:
        entry_spec("06", folder=folder)
    message = str(exc.value)
    assert message.startswith("Mẫu biểu 06b-tt01-2020.toml, khóa ")
    assert f"'{key}'" in message and problem in message


def test_two_specs_cannot_claim_the_same_entry_grid(tmp_path: Path):
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(specs_dir() / "06b-tt01-2020.toml", folder / "06b-tt01-2020.toml")
    text = (specs_dir() / "05a-tt01-2020.toml").read_text(encoding="utf-8")
    (folder / "05a-tt01-2020.toml").write_text(
        text.replace('form = "05a"', 'form = "06"', 1), encoding="utf-8"
    )
    with pytest.raises(FormSpecError, match="khóa 'entry.form': lưới nhập '06' đã thuộc biểu"):
        entry_spec("06", folder=folder)
