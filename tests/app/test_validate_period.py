"""The validation verb: the period's rules, by path or on an open connection."""

from __future__ import annotations

import pytest

from tracu_desktop.app.validation import validate_period
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.periods import PeriodError
from tracu_desktop.db.values import Change, apply_changes, get_values


def test_clean_period_then_a_broken_rule_named_in_vietnamese(demo_db, demo_db_path):
    clean = validate_period(demo_db_path, "2023")
    assert clean.period == "2023" and clean.label.startswith("năm 2023")
    assert clean.issues == []
    key = ("XA_KIM_SON", "X_HO_TICH", "received_online")
    value = get_values(demo_db, "2023")[key]
    apply_changes(demo_db, [Change(ValueKey("2023", *key), value + 5)])
    checked = validate_period(demo_db, "2023", with_outliers=True)
    assert len(checked.errors) == 1
    assert checked.issues[0] is checked.errors[0]  # errors first
    assert "Hộ tịch" in checked.errors[0].message and "(3)" in checked.errors[0].message


def test_unknown_period_is_refused(demo_db_path):
    with pytest.raises(PeriodError, match="2030"):
        validate_period(demo_db_path, "2030")
