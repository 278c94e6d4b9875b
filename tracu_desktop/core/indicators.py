"""The indicator catalog (from ``resources/catalogs/indicators.toml``) and the derived figures.

Derived totals of form 06 — (3) received, (7) resolved, (11) pending — and the rates
are computed here from stored components, never stored themselves.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from tracu_desktop.core.models import Aggregation, Detail, Indicator
from tracu_desktop.core.resources import resource_path

FORM06_INPUTS = (
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_on_time",
    "pending_overdue",
)
FORM05A_INPUTS = (
    "pakn_received_conduct",
    "pakn_received_regulation",
    "pakn_done_conduct",
    "pakn_done_regulation",
    "pakn_pending_conduct",
    "pakn_pending_regulation",
    "pakn_published",
)

# Derived columns of the forms: name -> (column, components summed).
FORM06_TOTALS: dict[str, tuple[int, tuple[str, ...]]] = {
    "received_total": (3, ("received_online", "received_direct", "carried_over")),
    "resolved_total": (7, ("resolved_early", "resolved_on_time", "resolved_late")),
    "pending_total": (11, ("pending_on_time", "pending_overdue")),
}
FORM05A_TOTALS: dict[str, tuple[int, tuple[str, ...]]] = {
    "pakn_received_total": (3, ("pakn_received_conduct", "pakn_received_regulation")),
    "pakn_done_total": (6, ("pakn_done_conduct", "pakn_done_regulation")),
    "pakn_pending_total": (9, ("pakn_pending_conduct", "pakn_pending_regulation")),
}
DERIVED_TOTALS = {**FORM06_TOTALS, **FORM05A_TOTALS}


@lru_cache(maxsize=1)
def _load() -> tuple[Indicator, ...]:
    with open(resource_path("catalogs", "indicators.toml"), "rb") as fh:
        raw = tomllib.load(fh)
    return tuple(
        Indicator(
            code=item["code"],
            label=item["label"],
            short=item.get("short", item["label"]),
            form=item["form"],
            detail=Detail(item["detail"]),
            section=int(item["section"]),
            column=item.get("column"),
            aggregation=Aggregation(item.get("aggregation", "none")),
            carried_from=tuple(item.get("carried_from", ())),
        )
        for item in raw["indicator"]
    )


def all_indicators() -> tuple[Indicator, ...]:
    return _load()


@lru_cache(maxsize=1)
def indicator_map() -> dict[str, Indicator]:
    return {i.code: i for i in _load()}


def get_indicator(code: str) -> Indicator | None:
    return indicator_map().get(code)


def indicators_of_form(form: str) -> tuple[Indicator, ...]:
    return tuple(i for i in _load() if i.form == form)


def total(values: Mapping[str, int | None], name: str) -> int:
    """A derived total (e.g. ``received_total``) from component values; missing counts as 0."""
    _, parts = DERIVED_TOTALS[name]
    return sum(int(values.get(p) or 0) for p in parts)


def with_totals(values: Mapping[str, int | None]) -> dict[str, int]:
    """Component values plus every derived total of forms 06 and 05a."""
    out = {k: int(v or 0) for k, v in values.items()}
    for name in DERIVED_TOTALS:
        out[name] = total(values, name)
    return out


_HUNDRED = Decimal(100)


def rate(numerator: int, denominator: int) -> Decimal | None:
    """Percentage with two decimals, rounded half-up; ``None`` when the base is zero."""
    if not denominator:
        return None
    return (Decimal(numerator) * _HUNDRED / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class Rates:
    online: Decimal | None  # (4) / ((4)+(5))
    on_time: Decimal | None  # ((8)+(9)) / (7)
    late: Decimal | None  # (10) / (7)
    digitized: Decimal | None  # digitized_dossiers / ((4)+(5))


def compute_rates(values: Mapping[str, int | None]) -> Rates:
    """The report's rates from summed values (form 06 components and ``digitized_dossiers``)."""
    g = {k: int(v or 0) for k, v in values.items()}
    new = g.get("received_online", 0) + g.get("received_direct", 0)
    resolved = total(g, "resolved_total")
    return Rates(
        online=rate(g.get("received_online", 0), new),
        on_time=rate(g.get("resolved_early", 0) + g.get("resolved_on_time", 0), resolved),
        late=rate(g.get("resolved_late", 0), resolved),
        digitized=rate(g.get("digitized_dossiers", 0), new),
    )
