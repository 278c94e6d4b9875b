"""The one new version of form 06b used by every test that shows a new form version
needs no code change (``tests/*/test_new_form_version*.py``,
tests/ui/test_report_figure_captions.py).

``add_06b_2026`` closes the TT 01/2020 version of 06b on 31/12/2025 and adds a version
valid from 01/01/2026 with one column caption reworded ("Trực tuyến" -> "Qua Cổng DVC",
with its own accepted wordings for the importer and its own grid caption) and one extra
optional column ("Không phụ thuộc địa giới", the catalog's ``received_nonboundary``,
printed as (7) after "Từ kỳ trước", so the columns after it move on by one: the
resolved total becomes (8), the pending total (12), the last column (14)).
``use_resources_2026`` copies ``resources/``, adds the version and points the program at
the copy through ``TRACU_RESOURCES``.
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
VERSION = "TEST-2026"
OLD_ONLINE, NEW_ONLINE = "Trực tuyến", "Qua Cổng DVC"
NEW_COLUMN = "Không phụ thuộc địa giới"
NEW_ONLINE_SHORT, NEW_COLUMN_SHORT = "Qua Cổng\nDVC", "Phi\nđịa giới"


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
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
    new = _replace(old, 'version = "TT01-2020"', f'version = "{VERSION}"')
    new = _replace(new, "valid_from = 2020-12-05", "valid_from = 2026-01-01")
    # the reworded caption: printed header, importer's wordings, grid caption
    new = _replace(
        new,
        f'{{ text = "{OLD_ONLINE}", column = "received_online", accept = ["trực tuyến"] }}',
        f'{{ text = "{NEW_ONLINE}", column = "received_online", '
        'accept = ["cổng dvc", "cổng dịch vụ công"] }',
    )
    new = _replace(
        new,
        'received_online = { short = "Trực\\ntuyến" }',
        'received_online = { short = "Qua Cổng\\nDVC" }',
    )
    # the extra optional column after "Từ kỳ trước": an optional indicator of the catalog
    new = _replace(
        new,
        'top_accept = ["kỳ trước"] },\n]',
        'top_accept = ["kỳ trước"] },\n'
        f'    {{ text = "{NEW_COLUMN}", column = "received_nonboundary", '
        'accept = ["địa giới"] },\n]',
    )
    new = _replace(
        new,
        '[[columns]]\nkey = "resolved_total"',
        '[[columns]]\nkey = "received_nonboundary"\nkind = "indicator"\n'
        'indicator = "received_nonboundary"\n\n[[columns]]\nkey = "resolved_total"',
    )
    new = _replace(
        new,
        "resolved_total = { short",
        'received_nonboundary = { short = "Phi\\nđịa giới" }\nresolved_total = { short',
    )
    path = forms / "06b-test-2026.toml"
    path.write_text(new, encoding="utf-8")
    return path


def copy_with_new_06b(tmp_path: Path) -> Path:
    """``tmp_path/resources``: the bundled resources plus the 2026 version of 06b."""
    folder = tmp_path / "resources"
    shutil.copytree(resources_dir(), folder)
    add_06b_2026(folder)
    return folder


def use_resources_2026(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``resources/`` with the 2026 version of 06b, in force for the program."""
    folder = copy_with_new_06b(tmp_path)
    monkeypatch.setenv(ENV_RESOURCES, str(folder))
    return folder
