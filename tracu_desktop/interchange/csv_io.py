"""``values import`` / ``values export``: the CSV data-value format against the database."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.core.indicators import all_indicators
from tracu_desktop.db.catalog import load_fields, load_units
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import add_period, ensure_unlocked, get_period, require_period
from tracu_desktop.db.values import Change, ChangeResult, apply_changes, plan_changes
from tracu_desktop.infra.fileio import FileTooLargeError, atomic_write_text, check_import_size
from tracu_desktop.interchange.datavalues import (
    Catalog,
    CsvFormatError,
    RowError,
    read_csv_text,
    resolve_rows,
    write_csv_text,
)


@dataclass
class ImportOutcome:
    """What an import did or, for a dry run, would do."""

    file: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[ChangeResult] = field(default_factory=list)
    new_periods: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def build_catalog(db: Database) -> Catalog:
    return Catalog(load_units(db), load_fields(db), all_indicators())


def _read_text(path: Path) -> str:
    try:
        check_import_size(path)
        data = path.read_bytes()
    except FileTooLargeError as exc:
        raise CsvFormatError(str(exc)) from None
    except FileNotFoundError:
        raise CsvFormatError(f"Không tìm thấy tệp {path}.") from None
    except OSError as exc:
        from tracu_desktop.infra.oserror_text import os_error_reason

        raise CsvFormatError(f"Không đọc được tệp {path}: {os_error_reason(exc)}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFormatError(
            f"Tệp {path.name} không phải UTF-8 (byte lạ ở vị trí {exc.start}). "
            "Trong Excel hãy lưu dạng “CSV UTF-8 (Comma delimited)”."
        ) from None


def import_values_csv(db: Database, path: Path | str, *, dry_run: bool = False) -> ImportOutcome:
    """Import a data-value CSV all-or-nothing; any bad row means nothing is written."""
    # A large file makes hundreds of thousands of small objects and no reference cycles:
    # pausing the cycle collector keeps it from rescanning them again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _import_values_csv(db, Path(path), dry_run)
    finally:
        if was_enabled:
            gc.enable()


def _level_mix_errors(db: Database, values: list) -> list[RowError]:
    """Level totals beside the same level's unit figures (or the reverse) are refused."""
    from tracu_desktop.db.level_mix import import_mixes, mix_message

    first: dict[tuple[str, str, str], int] = {}
    for line, key, _value in values:
        first.setdefault((key[0], key[1], key[3]), line)
    units = {u.code: u for u in load_units(db)}
    return [
        RowError(min(first[t] for t in involved), "unit", mix_message(units, mix, totals))
        for mix, totals, involved in import_mixes(db, units, first)
    ]


def _not_in_force_errors(db: Database, values: list) -> list[RowError]:
    """Figures of a unit for a period it did not exist in are refused, at their first row."""
    from tracu_desktop.db.lineage import not_in_force

    first: dict[tuple[str, str], int] = {}
    for line, key, _value in values:
        first.setdefault((key[0], key[1]), line)
    return [RowError(first[pair], "unit", text) for pair, text in not_in_force(db, first).items()]


def _import_values_csv(db: Database, p: Path, dry_run: bool) -> ImportOutcome:
    outcome = ImportOutcome(file=p.name, dry_run=dry_run)
    rows = read_csv_text(_read_text(p), p.name)
    outcome.rows = len(rows)
    values, errors = resolve_rows(rows, build_catalog(db))
    outcome.errors = errors
    if errors:
        return outcome
    outcome.errors = _level_mix_errors(db, values) + _not_in_force_errors(db, values)
    if outcome.errors:
        return outcome
    periods = sorted({key[0] for _line, key, _value in values})
    outcome.new_periods = [code for code in periods if get_period(db, code) is None]
    changes = [Change(key, value) for _line, key, value in values]
    if dry_run:
        outcome.changes = plan_changes(db, changes)
        existing = [c for c in periods if c not in outcome.new_periods]
        ensure_unlocked(db, set(existing))
        return outcome
    file_path = getattr(db, "path", None)
    if file_path is not None:
        from tracu_desktop.db.backup import KIND_IMPORT, create_backup

        create_backup(file_path, KIND_IMPORT)
    with db.atomic():
        for code in outcome.new_periods:
            add_period(db, code)
        outcome.changes = apply_changes(db, changes, source=f"import:{p.name}")
    return outcome


def period_rows(db: Database, period: str) -> list[tuple[str, str, str, str, int]]:
    """Every stored figure of a period as CSV rows (period, unit, field, indicator, value)."""
    return db.execute(
        "SELECT period, unit, field, indicator, value FROM data_values WHERE period = ? "
        "ORDER BY unit, field, indicator",
        [period],
    ).fetchall()


def export_values_csv(db: Database, period: str, path: Path | str) -> int:
    """Write every stored figure of a period; returns the number of rows."""
    p = require_period(db, period)
    rows = period_rows(db, p.code)
    atomic_write_text(path, "\ufeff" + write_csv_text(rows))
    return len(rows)
