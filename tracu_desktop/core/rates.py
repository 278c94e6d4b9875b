"""The report's rates of form 06, with their formulas taken from the form spec.

``online``, ``on_time`` and ``late`` are the spec's ``[[entry.rates]]`` of form "06"
(``online_rate``, ``on_time_rate``, ``late_rate``); ``digitized`` puts the per-unit
``digitized_dossiers`` over the same base as the online rate (the new dossiers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.form_roles import DOSSIERS, form_of
from tracu_desktop.core.indicators import rate


@dataclass(frozen=True)
class Rates:
    online: Decimal | None
    on_time: Decimal | None
    late: Decimal | None
    digitized: Decimal | None


def compute_rates(values: Mapping[str, int | None], on: date | None = None) -> Rates:
    """The report's rates from summed values (form 06 components and ``digitized_dossiers``)."""
    g = {k: int(v or 0) for k, v in values.items()}
    spec = entry_spec(form_of(DOSSIERS), on)
    online = spec.column("online_rate")
    new = sum(g.get(p, 0) for p in online.denominator)
    return Rates(
        online=online.ratio(g),
        on_time=spec.column("on_time_rate").ratio(g),
        late=spec.column("late_rate").ratio(g),
        digitized=rate(g.get("digitized_dossiers", 0), new),
    )
