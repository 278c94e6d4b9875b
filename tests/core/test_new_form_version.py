"""A new version of form 06b is a new file in resources/forms, nothing else: with the
2026 version of ``tests/new_form_version.py`` in force, a 2026 period uses it and 2023
keeps the old one (entry columns, rules and their messages). The same version is checked
in the grid (tests/ui/test_new_form_version_grid.py), the entry template, the importer
and the exports (tests/interchange/test_new_form_version_exchange.py) and the report
page's captions (tests/ui/test_report_figure_captions.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.new_form_version import (
    NEW_START,
    OLD_END,
    PERIOD_2026,
    UNIT,
    VERSION,
    use_resources_2026,
)
from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.models import Level, ValueKey


@pytest.fixture
def resources_2026(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_resources_2026(tmp_path, monkeypatch)


def _numbers(on: date) -> dict[str, int | None]:
    return {c.key: c.number for c in entry_spec("06", on).grid_columns()}


def test_the_grid_columns_follow_the_version_in_force(resources_2026):
    old, new = _numbers(date(2023, 12, 31)), _numbers(date(2026, 3, 31))
    assert "received_nonboundary" not in old
    assert (old["carried_over"], old["resolved_total"], old["pending_total"]) == (6, 7, 11)
    assert new["received_nonboundary"] == 7
    # printed as a column by the new version, so no longer among its detail columns
    detail = [c.key for c in entry_spec("06", NEW_START).grid_columns(detail=True)]
    assert detail.count("received_nonboundary") == 1
    assert "received_postal" in detail
    assert (new["carried_over"], new["resolved_total"], new["pending_total"]) == (6, 8, 12)
    assert entry_spec("06", OLD_END).spec.version == "TT01-2020"
    assert entry_spec("06", NEW_START).spec.version == VERSION


def test_the_validation_message_of_a_2026_period_uses_the_new_numbers(resources_2026, demo_db):
    from tracu_desktop.db.catalog import load_fields
    from tracu_desktop.db.checks import validate_period
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.db.values import Change, apply_changes

    add_period(demo_db, PERIOD_2026)
    field = load_fields(demo_db, Level.COMMUNE)[0]
    apply_changes(
        demo_db,
        [
            Change(ValueKey(PERIOD_2026, UNIT, field.code, "received_online"), 10),
            Change(ValueKey(PERIOD_2026, UNIT, field.code, "resolved_on_time"), 9),
        ],
    )
    issues = [i for i in validate_period(demo_db, PERIOD_2026) if i.rule == "f06_balance"]
    assert [i.message for i in issues] == [
        f"Xã Kim Sơn — lĩnh vực {field.name}: tổng số hồ sơ nhận giải quyết (3) = 10 khác "
        "số đã giải quyết (8) + đang giải quyết (12) = 9 + 0 = 9."
    ]
    cell = (UNIT, field.code, "received_online")
    old_values = {cell: 10, (UNIT, field.code, "resolved_on_time"): 9}
    from tracu_desktop.core.validation import Names, validate

    names = Names({UNIT: "Xã Kim Sơn"}, {field.code: field.name})
    (old,) = validate(old_values, names, on=date(2023, 12, 31))
    assert "số đã giải quyết (7) + đang giải quyết (11) = 9 + 0 = 9." in old.message
