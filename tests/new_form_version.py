"""A new version of form 06b in a temporary resources folder, for the tests that show a
new form version needs no code change (tests/core/test_new_form_version.py and the
tests of the other parts named ``test_new_form_version*``).

``add_06b_2026`` closes the TT 01/2020 version of 06b on 31/12/2025 and adds a version
valid from 01/01/2026 with one column caption reworded ("Từ kỳ trước" -> "Từ kỳ trước
chuyển sang") and one extra optional column ("Qua bưu chính công ích", printed as (6),
so the columns after it move on by one). ``use_resources_2026`` copies ``resources/``,
adds the version and points the program at the copy through ``TRACU_RESOURCES``.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tracu_desktop.core.resources import ENV_RESOURCES, resources_dir

OLD_END, NEW_START = date(2025, 12, 31), date(2026, 1, 1)
PERIOD_2026 = "2026-Q1"
UNIT = "XA_KIM_SON"


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def add_06b_2026(resources: Path) -> Path:
    """Write the 2026 version of 06b into ``resources/forms``; returns its path."""
    forms = resources / "forms"
    old_path = forms / "06b-tt01-2020.toml"
    old = old_path.read_text(encoding="utf-8")
    old_path.write_text(
        _replace(
            old, "valid_from = 2020-12-05\n", "valid_from = 2020-12-05\nvalid_to = 2025-12-31\n"
        ),
        encoding="utf-8",
    )
    new = _replace(old, 'version = "TT01-2020"', 'version = "TEST-2026"')
    new = _replace(new, "valid_from = 2020-12-05", "valid_from = 2026-01-01")
    # the reworded caption, on the printed header and in the grid
    new = _replace(
        new,
        '{ text = "Từ kỳ trước", column = "carried_over",',
        '{ text = "Từ kỳ trước chuyển sang", column = "carried_over",',
    )
    new = _replace(
        new,
        'carried_over = { short = "Kỳ trước\\nchuyển qua" }',
        'carried_over = { short = "Kỳ trước\\nchuyển sang" }',
    )
    # the extra optional column after (5): an indicator of the catalog's optional detail
    new = _replace(
        new,
        '[[columns]]\nkey = "carried_over"',
        '[[columns]]\nkey = "received_postal"\nkind = "indicator"\nindicator = "received_postal"\n\n'
        '[[columns]]\nkey = "carried_over"',
    )
    new = _replace(
        new,
        'column = "received_direct", accept = ["trực tiếp", "bưu chính"] },\n',
        'column = "received_direct", accept = ["trực tiếp", "bưu chính"] },\n'
        '    { text = "Qua bưu chính công ích", column = "received_postal", '
        'accept = ["bưu chính công ích"] },\n',
    )
    new = _replace(
        new,
        "pending_overdue = { short",
        'received_postal = { short = "Qua bưu\\nchính" }\npending_overdue = { short',
    )
    path = forms / "06b-test-2026.toml"
    path.write_text(new, encoding="utf-8")
    return path


def use_resources_2026(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``resources/`` with the 2026 version of 06b, in force for the program."""
    folder = tmp_path / "resources"
    shutil.copytree(resources_dir(), folder)
    add_06b_2026(folder)
    monkeypatch.setenv(ENV_RESOURCES, str(folder))
    return folder
