"""Validation of a stored period: the core rules fed from the database."""

from __future__ import annotations

from tracu_desktop.db.aggregate import previous_pending
from tracu_desktop.db.catalog import field_map, unit_map
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import get_period, require_period
from tracu_desktop.db.values import get_values
from tracu_desktop.periods import previous_code
from tracu_desktop.validation import Issue, Names, validate


def names(db: Database) -> Names:
    return Names(
        units={c: u.name for c, u in unit_map(db).items()},
        fields={c: f.name for c, f in field_map(db).items()},
    )


def validate_period(db: Database, period: str, unit: str | None = None) -> list[Issue]:
    """Every issue of a period (optionally of one unit); the carry-over check runs when the
    contiguous previous period exists."""
    p = require_period(db, period)
    values = get_values(db, p.code, unit)
    prev = None
    if get_period(db, previous_code(p.code)) is not None:
        prev = previous_pending(db, p.code)
        if unit is not None:
            prev = {k: v for k, v in prev.items() if k[0] == unit}
    return validate(values, names(db), prev)
