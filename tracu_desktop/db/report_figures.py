"""The report's figure context from the database: snapshots of the period and its
comparison periods (previous period, same period last year), turned into placeholders."""

from __future__ import annotations

from collections.abc import Collection

from tracu_desktop.core.periods import default_period
from tracu_desktop.core.report.placeholders import Earlier, FigureSnapshot, build_context
from tracu_desktop.db.aggregate import (
    comparison_periods,
    has_data,
    period_totals,
    sum_by_field,
    sum_by_level,
)
from tracu_desktop.db.catalog import field_map, require_organisation
from tracu_desktop.db.handle import Database
from tracu_desktop.db.lineage import comparison_scope
from tracu_desktop.db.periods import get_period, require_period


def snapshot(db: Database, period: str, units: Collection[str] | None = None) -> FigureSnapshot:
    """The stored figures of one period, summed as the report needs them; of ``units``
    only when given (an earlier period compared across a change of units)."""
    only = ""
    args: list[object] = [period]
    if units is not None:
        only = f" AND unit IN ({','.join('?' * len(units))})"
        args += sorted(units)
    present = frozenset(
        r[0]
        for r in db.execute(
            f"SELECT DISTINCT indicator FROM data_values WHERE period = ?{only}", args
        ).fetchall()
    )
    fields = field_map(db)
    by_field = sum_by_field(
        db,
        period,
        ["simplify_proposed", "pakn_received_conduct", "pakn_received_regulation"],
        units,
    )

    def listed(*indicators: str) -> tuple[tuple[str, int], ...]:
        items = []
        for code, figures in by_field.items():
            n = sum(int(figures.get(i, 0) or 0) for i in indicators)
            f = fields.get(code)
            if n and f is not None:
                items.append((f.level, f.sort, f.name, n))
        items.sort(key=lambda t: (str(t[0]) != "district", t[1], t[2]))
        return tuple((name, n) for _lvl, _s, name, n in items)

    return FigureSnapshot(
        totals=period_totals(db, period, units),
        by_level=sum_by_level(db, period, units),
        simplify_by_field=listed("simplify_proposed"),
        pakn_by_field=listed("pakn_received_conduct", "pakn_received_regulation"),
        present=present,
    )


def _earlier(
    db: Database, code: str, against: str, units: Collection[str] | None = None
) -> Earlier:
    """The earlier period's figures, of ``units`` only when given: a commune formed after
    that period is compared with the sum of the former units it took over."""
    stored = get_period(db, code)
    if stored is None or not has_data(db, code, units):
        return Earlier(against, None)
    return Earlier(against, snapshot(db, code, units))


PHRASES_OFF = "report_phrases_off"  # setting: optional phrases the clerk turned off


def phrases_off(db: Database) -> list[str]:
    """Names of the assessments and comparisons turned off (setting ``report_phrases_off``)."""
    from tracu_desktop.db.catalog import get_setting

    raw = get_setting(db, PHRASES_OFF, []) or []
    return [str(n) for n in raw] if isinstance(raw, list) else []


def set_phrase(db: Database, name: str, on: bool) -> list[str]:
    """Turn one optional phrase on or off; returns the names now off."""
    from tracu_desktop.db.catalog import set_setting

    off = [n for n in phrases_off(db) if n != name]
    if not on:
        off.append(name)
    set_setting(db, PHRASES_OFF, sorted(off))
    return sorted(off)


def report_context(db: Database, period: str) -> dict[str, str | None]:
    """Every placeholder value of the period's report; assessments use the ``targets``
    setting, and the phrases in ``report_phrases_off`` are left out."""
    from tracu_desktop.db.trends import targets

    p = require_period(db, period)
    org = require_organisation(db)
    codes = comparison_periods(p.code)
    prev = default_period(codes["previous"])
    last = default_period(codes["last_year"])
    scope = comparison_scope(db, p)
    return build_context(
        p,
        org,
        snapshot(db, p.code),
        previous=_earlier(db, prev.code, prev.base_label(), scope),
        last_year=_earlier(db, last.code, f"cùng kỳ {last.base_label()}", scope),
        targets=targets(db),
        off=phrases_off(db),
    )
