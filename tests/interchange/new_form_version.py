"""A copy of ``resources/`` with a second version of form 06b, valid from 01/01/2026.

The new version rewords "Trực tuyến" as "Qua Cổng DVC" (with its own accepted wordings)
and adds an optional column "Không phụ thuộc địa giới" (received_nonboundary) inside the
received group, so the columns after it move one place right.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tracu_desktop.core.resources import resources_dir

NEW_ONLINE = "Qua Cổng DVC"
NEW_COLUMN = "Không phụ thuộc địa giới"


def _new_version(old: str) -> str:
    text = old.replace('version = "TT01-2020"', 'version = "TT09-2025"')
    text = text.replace("valid_from = 2020-12-05", "valid_from = 2026-01-01")
    text = text.replace(
        '{ text = "Trực tuyến", column = "received_online", accept = ["trực tuyến"] }',
        f'{{ text = "{NEW_ONLINE}", column = "received_online", '
        'accept = ["cổng dvc", "cổng dịch vụ công"] }',
    )
    text = text.replace(
        'top_accept = ["kỳ trước"] },\n]',
        'top_accept = ["kỳ trước"] },\n'
        f'    {{ text = "{NEW_COLUMN}", column = "received_nonboundary", '
        'accept = ["địa giới"] },\n]',
    )
    text = text.replace(
        '[[columns]]\nkey = "resolved_total"',
        '[[columns]]\nkey = "received_nonboundary"\nkind = "indicator"\n'
        'indicator = "received_nonboundary"\n\n[[columns]]\nkey = "resolved_total"',
    )
    assert text.count(NEW_ONLINE) == 1
    assert text.count('column = "received_nonboundary"') == 1  # the header's new leaf
    assert text.count('key = "received_nonboundary"') == 1  # and its column
    return text


def copy_with_new_06b(tmp_path: Path) -> Path:
    """``tmp_path/resources``: the bundled resources plus the 2026 version of 06b."""
    folder = tmp_path / "resources"
    shutil.copytree(resources_dir(), folder)
    old = folder / "forms" / "06b-tt01-2020.toml"
    text = old.read_text(encoding="utf-8")
    old.write_text(
        text.replace(
            "valid_from = 2020-12-05\n", "valid_from = 2020-12-05\nvalid_to = 2025-12-31\n"
        ),
        encoding="utf-8",
    )
    (folder / "forms" / "06b-tt09-2025.toml").write_text(_new_version(text), encoding="utf-8")
    return folder
