"""Rates over time and per commune, for the dashboard.

Pure queries (no Qt): the dashboard draws what these return, and tests check the numbers
without a window. Rates are the report's rates (:func:`tracu_desktop.core.rates.compute_rates`),
so the dashboard never disagrees with the printed report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracu_desktop.core.models import UnitKind
from tracu_desktop.core.periods import sort_key
from tracu_desktop.core.rates import compute_rates
from tracu_desktop.db.aggregate import has_data, period_totals, sum_by_unit
from tracu_desktop.db.catalog import get_setting, load_units
from tracu_desktop.db.handle import Database
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


def trend(db: Database, period: str, limit: int = 8) -> list[TrendPoint]:
    """The period and up to ``limit - 1`` earlier periods of the same kind, oldest first.

    Periods without figures are left out, so a gap does not draw a false zero.
    """
    current = get_period(db, period)
    if current is None:
        return []
    same_kind = [p for p in list_periods(db) if p.kind == current.kind]
    upto = [p for p in same_kind if p.code == current.code or _before(p.code, current.code)]
    points: list[TrendPoint] = []
    for p in upto[-limit:]:
        if not has_data(db, p.code):
            continue
        r = compute_rates(period_totals(db, p.code))
        points.append(TrendPoint(p.code, p.base_label(), r.online, r.on_time, r.digitized))
    return points


def _before(a: str, b: str) -> bool:
    return sort_key(a) < sort_key(b)


def commune_online_rates(db: Database, period: str) -> list[UnitRate]:
    """Online rate of each active commune (in catalog order) for the period."""
    sums = sum_by_unit(db, period, _RATE_INPUTS)
    out: list[UnitRate] = []
    for unit in load_units(db, include_inactive=False):
        if unit.kind is not UnitKind.COMMUNE:
            continue
        g = sums.get(unit.code, {})
        r = compute_rates(g)
        received = int(g.get("received_online", 0)) + int(g.get("received_direct", 0))
        out.append(UnitRate(unit.code, unit.name, r.online, received))
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
