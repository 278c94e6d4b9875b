"""Outlier warnings of a stored period against the same kind of periods before it."""

from __future__ import annotations

from tracu_desktop.db.checks import names
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import list_periods, require_period
from tracu_desktop.db.values import get_values
from tracu_desktop.indicators import indicator_map
from tracu_desktop.outliers import HISTORY_LENGTH, find_outliers
from tracu_desktop.periods import sort_key
from tracu_desktop.validation import Issue


def history_periods(db: Database, period: str, length: int = HISTORY_LENGTH) -> list[str]:
    """Codes of the last ``length`` stored periods of the same kind that end before ``period``."""
    p = require_period(db, period)
    earlier = [
        q.code for q in list_periods(db) if q.kind == p.kind and sort_key(q.code) < sort_key(p.code)
    ]
    earlier.sort(key=sort_key)
    return earlier[-length:]


def outlier_issues(db: Database, period: str, unit: str | None = None) -> list[Issue]:
    """Outlier warnings of a period (optionally one unit); none without earlier periods."""
    codes = history_periods(db, period)
    if not codes:
        return []
    history = [get_values(db, c, unit) for c in codes]
    labels = {code: ind.label for code, ind in indicator_map().items()}
    return find_outliers(get_values(db, period, unit), history, names(db), labels)
