"""The organisation's lists of units and fields as CSV: written out, read back in."""

from __future__ import annotations

from pathlib import Path

from tracu_desktop.db.handle import Database
from tracu_desktop.interchange.catalog_io import CatalogPlan

UNITS, FIELDS = "units", "fields"


def _kind(kind: str) -> str:
    if kind not in (UNITS, FIELDS):
        raise ValueError(f"unknown catalog {kind!r}")
    return kind


def catalog_csv(db: Database, kind: str, *, include_inactive: bool = False) -> str:
    """The list ``kind`` (``units`` or ``fields``) as CSV text with ``\\n`` line ends."""
    from tracu_desktop.interchange.catalog_io import fields_csv, units_csv

    write = units_csv if _kind(kind) == UNITS else fields_csv
    return write(db, include_inactive=include_inactive).rstrip("\r\n").replace("\r\n", "\n")


def import_catalog(
    db: Database, kind: str, path: Path | str, *, dry_run: bool = False
) -> CatalogPlan:
    """Read a CSV list of ``kind``: all rows or none; ``dry_run`` only plans."""
    from tracu_desktop.interchange import catalog_io

    importer = (
        catalog_io.import_units_file if _kind(kind) == UNITS else catalog_io.import_fields_file
    )
    return importer(db, path, dry_run=dry_run)
