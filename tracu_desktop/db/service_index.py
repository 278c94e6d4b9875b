"""The service-index rates of a period and of the periods before it, for the dashboard.

Sums come from :func:`tracu_desktop.db.aggregate.period_totals` (one query per period);
the arithmetic is :func:`tracu_desktop.core.service_index.compute_service_rates`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracu_desktop.core.service_index import RateValue, compute_service_rates
from tracu_desktop.db.aggregate import has_data, period_totals
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import get_period
from tracu_desktop.db.trends import trend_periods


@dataclass(frozen=True)
class PeriodRates:
    period: str
    label: str
    rates: list[RateValue]

    def value_of(self, code: str) -> RateValue:
        return next(r for r in self.rates if r.definition.code == code)


def service_rates(db: Database, period: str) -> PeriodRates | None:
    """The rates of one stored period, or ``None`` when it does not exist."""
    p = get_period(db, period)
    if p is None:
        return None
    return PeriodRates(p.code, p.base_label(), compute_service_rates(period_totals(db, p.code)))


def service_trend(db: Database, period: str, limit: int = 8) -> list[PeriodRates]:
    """The period and earlier periods of the same kind that have figures, oldest first."""
    out = []
    for p in trend_periods(db, period, limit):
        if has_data(db, p.code):
            totals = period_totals(db, p.code)
            out.append(PeriodRates(p.code, p.base_label(), compute_service_rates(totals)))
    return out
