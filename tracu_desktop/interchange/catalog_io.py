"""Units and fields files against the database: import all or nothing, export.

The checking is :mod:`tracu_desktop.interchange.catalog_csv`'s; this module reads the
file, stores the plan in one transaction (or, for a dry run, only reports it) and writes
exports to a temporary name first.
"""

from __future__ import annotations

from pathlib import Path

from tracu_desktop.db.catalog import load_fields, load_units, save_fields, save_units
from tracu_desktop.db.handle import Database
from tracu_desktop.infra.fileio import atomic_write_text
from tracu_desktop.interchange.catalog_csv import (
    CatalogPlan,
    fields_csv_text,
    plan_fields_import,
    plan_units_import,
    units_csv_text,
)
from tracu_desktop.interchange.csv_io import _read_text as read_import_text


def import_units_file(db: Database, path: Path | str, *, dry_run: bool = False) -> CatalogPlan:
    """Add or update the units of a CSV file; any bad row means nothing is written."""
    path = Path(path)
    plan = plan_units_import(read_import_text(path), path.name, load_units(db))
    if plan.ok and not dry_run and plan.to_save:
        save_units(db, plan.to_save)
    return plan


def import_fields_file(db: Database, path: Path | str, *, dry_run: bool = False) -> CatalogPlan:
    """Add or update the fields of a CSV file; any bad row means nothing is written."""
    path = Path(path)
    plan = plan_fields_import(read_import_text(path), path.name, load_fields(db))
    if plan.ok and not dry_run and plan.to_save:
        save_fields(db, plan.to_save)
    return plan


def units_csv(db: Database, include_inactive: bool = True) -> str:
    return units_csv_text(load_units(db, include_inactive=include_inactive))


def fields_csv(db: Database, include_inactive: bool = True) -> str:
    return fields_csv_text(load_fields(db, include_inactive=include_inactive))


def export_units_file(db: Database, path: Path | str) -> int:
    """Write every unit (inactive ones too) to ``path`` (UTF-8 with BOM, for Excel)."""
    units = load_units(db)
    atomic_write_text(Path(path), "\ufeff" + units_csv_text(units))
    return len(units)


def export_fields_file(db: Database, path: Path | str) -> int:
    fields = load_fields(db)
    atomic_write_text(Path(path), "\ufeff" + fields_csv_text(fields))
    return len(fields)
