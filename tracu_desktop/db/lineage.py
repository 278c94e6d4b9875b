"""Which stored units a comparison with a period counts (units in force then and the
former units they took over), read from the catalog."""

from __future__ import annotations

from tracu_desktop.core.lineage import lineage_scope
from tracu_desktop.core.periods import Period
from tracu_desktop.db.catalog import load_units
from tracu_desktop.db.handle import Database


def comparison_scope(db: Database, period: Period) -> set[str] | None:
    """Codes of the units whose figures count when another period is compared with
    ``period``; ``None`` (all units) for a catalog without lineage, e.g. the 2023 district."""
    return lineage_scope(load_units(db), period.start, period.end)
