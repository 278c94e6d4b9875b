"""Rates over time and per commune, for the dashboard.

Pure queries (no Qt): the dashboard draws what these return, and tests check the numbers
without a window. Rates are the report's rates (:func:`tracu_desktop.core.rates.compute_rates`),
so the dashboard never disagrees with the printed report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracu_desktop.core.models import UnitKind
from tracu_desktop.core.periods import Period, sort_key
from tracu_desktop.core.rates import compute_rates
from tracu_desktop.db.aggregate import has_data, period_totals, sum_by_unit
from tracu_desktop.db.catalog import get_setting, load_units
from tracu_desktop.db.handle import Database
from tracu_desktop.db.lineage import comparison_scope
from tracu_desktop.db.periods import get_period, list_periods

RATE_NAMES = ("online", "on_time", "digitized")
RATE_LABELS = {
    "online": "Tỷ lệ tiếp nhận trực tuyến",
    "on_time": "Tỷ lệ giải quyết trước và đúng hạn",
    "digitized": "Tỷ lệ số hóa hồ sơ",
}
_RATE_INPUTS = (
    "received_online",
    "received_direct",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "digitized_dossiers",
)


@dataclass(frozen=True)
class TrendPoint:
    """The three rates of one period (``None`` where the base is zero)."""

    period: str
    label: str
    online: Decimal | None
    on_time: Decimal | None
    digitized: Decimal | None

    def rate(self, name: str) -> Decimal | None:
        return getattr(self, name)


@dataclass(frozen=True)
class UnitRate:
    unit: str
    name: str
    online: Decimal | None
    received: int  # (4)+(5): the base of the online rate
    on_time: Decimal | None = None
    digitized: Decimal | None = None

    def rate(self, name: str) -> Decimal | None:
        return getattr(self, name)


def trend(db: Database, period: str, limit: int = 8) -> list[TrendPoint]:
    """The period and up to ``limit - 1`` earlier periods of the same kind, oldest first.

    Periods without figures are left out, so a gap does not draw a false zero. Earlier
    periods count the units in force in ``period`` and the former units they took over,
    so a commune formed in 2025 is drawn against the sum of its predecessors.
    """
    current = get_period(db, period)
    if current is None:
        return []
    scope = comparison_scope(db, current)
    points: list[TrendPoint] = []
    for p in trend_periods(db, period, limit):
        units = None if p.code == current.code else scope
        if not has_data(db, p.code, units):
            continue
        r = compute_rates(period_totals(db, p.code, units))
        points.append(TrendPoint(p.code, p.base_label(), r.online, r.on_time, r.digitized))
    return points


def trend_periods(db: Database, period: str, limit: int = 8) -> list[Period]:
    """The period and up to ``limit - 1`` earlier stored periods of the same kind."""
    current = get_period(db, period)
    if current is None:
        return []
    same_kind = [p for p in list_periods(db) if p.kind == current.kind]
    upto = [p for p in same_kind if p.code == current.code or _before(p.code, current.code)]
    return upto[-limit:]


def _before(a: str, b: str) -> bool:
    return sort_key(a) < sort_key(b)


def commune_online_rates(db: Database, period: str) -> list[UnitRate]:
    """Online rate of each active commune in force during the period (catalog order)."""
    sums = sum_by_unit(db, period, _RATE_INPUTS)
    p = get_period(db, period)
    out: list[UnitRate] = []
    for unit in load_units(db, include_inactive=False):
        if unit.kind is not UnitKind.COMMUNE:
            continue
        if p is not None and not unit.in_force(p.start, p.end):
            continue  # a former commune after it ended
        g = sums.get(unit.code, {})
        r = compute_rates(g)
        received = int(g.get("received_online", 0)) + int(g.get("received_direct", 0))
        out.append(UnitRate(unit.code, unit.name, r.online, received))
    return out


def commune_rates(db: Database, period: str) -> list[UnitRate]:
    """The three rates of every commune in force during the period (a province's 124)."""
    p = get_period(db, period)
    if p is None:
        return []
    sums = sum_by_unit(db, period, _RATE_INPUTS)
    out: list[UnitRate] = []
    for unit in load_units(db, include_inactive=False):
        if unit.kind is not UnitKind.COMMUNE or not unit.in_force(p.start, p.end):
            continue
        g = sums.get(unit.code, {})
        r = compute_rates(g)
        received = int(g.get("received_online", 0)) + int(g.get("received_direct", 0))
        out.append(UnitRate(unit.code, unit.name, r.online, received, r.on_time, r.digitized))
    return out


def ranked(rates: list[UnitRate], name: str) -> list[tuple[int, UnitRate]]:
    """Units best first by rate ``name``, with their rank (equal rates share a rank);
    units without figures come last, unranked (rank 0)."""
    known = sorted((r for r in rates if r.rate(name) is not None),
                   key=lambda r: (-(r.rate(name) or 0), r.name))  # fmt: skip
    out: list[tuple[int, UnitRate]] = []
    for i, r in enumerate(known, start=1):
        same = out and out[-1][1].rate(name) == r.rate(name)
        out.append((out[-1][0] if same else i, r))
    out += [(0, r) for r in rates if r.rate(name) is None]
    return out


def targets(db: Database) -> dict[str, Decimal]:
    """Target rates from the ``targets`` setting (e.g. ``{"online": 50}``); bad entries ignored."""
    raw = get_setting(db, "targets", {}) or {}
    out: dict[str, Decimal] = {}
    if not isinstance(raw, dict):
        return out
    for name, value in raw.items():
        if name not in RATE_NAMES or isinstance(value, bool):
            continue
        try:
            d = Decimal(str(value))
        except ArithmeticError:
            continue
        if 0 <= d <= 100:
            out[name] = d
    return out
