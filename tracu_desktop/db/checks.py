"""Validation of a stored period: the core rules fed from the database."""

from __future__ import annotations

from tracu_desktop.core.periods import previous_code
from tracu_desktop.core.validation import Issue, Names, validate
from tracu_desktop.db.aggregate import previous_pending
from tracu_desktop.db.catalog import field_map, unit_map
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import get_period, require_period
from tracu_desktop.db.values import get_values


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
        prev = previous_pending(db, p.code, unit)
    issues = validate(values, names(db), prev, on=p.end)
    return issues + _level_mix_issues(db, p.code, unit)


def _level_mix_issues(db: Database, period: str, unit: str | None) -> list[Issue]:
    from tracu_desktop.core.validation import Severity
    from tracu_desktop.db.level_mix import level_mixes, stored_triples, validation_text

    units = unit_map(db)
    out = []
    for mix in level_mixes(units, stored_triples(db, [period])):
        if unit is not None and unit not in mix.general | mix.units:
            continue
        general = sorted(mix.general)[0]
        out.append(
            Issue("level_mixed", Severity.WARNING, validation_text(units, mix), general, "", "")
        )
    return out
