"""The indicator catalog (from ``resources/catalogs/indicators.toml``) and percentages.

An indicator is a stored figure: code, label, level of detail, how sub-periods add up.
Where it sits on a form (columns, totals, rates, rules) is the form spec's business
(:mod:`core.formspec`, :mod:`core.entry_spec`).
"""

from __future__ import annotations

import tomllib
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from tracu_desktop.core.models import Aggregation, Detail, Indicator
from tracu_desktop.core.resources import resource_path


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


_HUNDRED = Decimal(100)


def rate(numerator: int, denominator: int) -> Decimal | None:
    """Percentage with two decimals, rounded half-up; ``None`` when the base is zero."""
    if not denominator:
        return None
    return (Decimal(numerator) * _HUNDRED / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
