"""The per-file summary of an import plan, for a clerk checking a hundred packages."""

from __future__ import annotations

from tracu_desktop.db.handle import Database
from tracu_desktop.interchange.workbook_import import ImportPlan


def file_summary(db: Database, plan: ImportPlan) -> list[str]:
    """One line per file: sender, receiving unit, period and totals."""
    from tracu_desktop.db.catalog import unit_map
    from tracu_desktop.interchange.import_summary import summarise, summary_lines

    return list(summary_lines(summarise(plan, unit_map(db))))
