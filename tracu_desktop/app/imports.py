"""Import workbooks and exchange packages (plan, then commit) and data-value CSV files.

The plan reads every file and writes nothing; the commit writes a checked plan in one
transaction (after a backup) and remembers the names the clerk confirmed, so the next
file of the same shape matches by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.app.session import Source, opened
from tracu_desktop.core.models import Level
from tracu_desktop.core.validation import Issue
from tracu_desktop.db.handle import Database
from tracu_desktop.db.values import ChangeResult
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report
from tracu_desktop.interchange.csv_io import ImportOutcome as CsvOutcome
from tracu_desktop.interchange.import_profile import ImportProfile
from tracu_desktop.interchange.workbook_import import ImportPlan

__all__ = [
    "CsvOutcome",
    "ImportPlan",
    "MappingChoice",
    "commit_import",
    "export_csv",
    "import_csv",
    "plan_import",
]


@dataclass(frozen=True)
class MappingChoice:
    """The clerk says ``label`` in a file means field (or unit) ``code``."""

    kind: str  # "field" or "unit"
    level: Level | None  # the field's level; None for a unit
    label: str
    code: str


class UnknownCode(ValueError):
    """A mapping names a code that is neither a field nor a unit."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class ImportPreview:
    plan: ImportPlan
    new_errors: list[Issue] = field(default_factory=list)  # rules the import would break


@dataclass
class ImportResult:
    changes: list[ChangeResult]
    files: int
    figures: int
    periods: list[str]  # periods whose figures or submissions changed


def choices_from_codes(db: Database, maps: dict[str, str]) -> list[MappingChoice]:
    """``{"Tư pháp": "TP"}`` → choices; a code is looked up among fields, then units."""
    from tracu_desktop.db.catalog import field_map, unit_map

    fields = field_map(db)
    units = unit_map(db)
    out: list[MappingChoice] = []
    for label, code in maps.items():
        if code in fields:
            out.append(MappingChoice("field", fields[code].level, label, code))
        elif code in units:
            out.append(MappingChoice("unit", None, label, code))
        else:
            raise UnknownCode(code)
    return out


def _extra(choices: Sequence[MappingChoice]) -> dict[str, dict[str, str]]:
    from tracu_desktop.interchange.workbook_parse import mapping_key

    extra: dict[str, dict[str, str]] = {"field": {}, "unit": {}}
    for c in choices:
        extra[c.kind][mapping_key(c.level if c.kind == "field" else None, c.label)] = c.code
    return extra


def errors_after(db: Database, changes: Sequence[ChangeResult]) -> list[Issue]:
    """The errors the planned changes would add (rules they are about to break)."""
    from tracu_desktop.core.periods import previous_code
    from tracu_desktop.core.validation import validate
    from tracu_desktop.db.aggregate import previous_pending
    from tracu_desktop.db.checks import names
    from tracu_desktop.db.periods import get_period
    from tracu_desktop.db.values import get_values

    found: list[Issue] = []
    labels = names(db)
    for period in sorted({c.key.period for c in changes}):
        p = get_period(db, period)
        if p is None:
            continue
        before = get_values(db, period)
        after = dict(before)
        for c in changes:
            if c.key.period == period:
                k = (c.key.unit, c.key.field, c.key.indicator)
                if c.new is None:
                    after.pop(k, None)
                else:
                    after[k] = c.new
        prev = previous_pending(db, period) if get_period(db, previous_code(period)) else None
        old = {
            (i.rule, i.unit, i.field)
            for i in validate(before, labels, prev, on=p.end)
            if i.is_error
        }
        found += [
            i
            for i in validate(after, labels, prev, on=p.end)
            if i.is_error and (i.rule, i.unit, i.field) not in old
        ]
    return found


def plan_import(
    source: Source,
    files: Sequence[Path],
    *,
    period: str | None = None,
    unit: str | None = None,
    choices: Sequence[MappingChoice] = (),
    check_rules: bool = False,
    profile_name: str | None = None,
    column_maps: Sequence[str] = (),
    profile: ImportProfile | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ImportPreview:
    """Read and check every file; ``check_rules`` also lists the errors it would add.

    ``profile_name`` / ``profile``: read tables through an import profile; ``column_maps``:
    “Cột A+Cột B=mã chỉ tiêu” items for this import."""
    from tracu_desktop.interchange.workbook_import import plan_import as plan_files

    with opened(source) as db:
        plan = plan_files(
            db,
            list(files),
            period=period,
            unit=unit,
            extra_mappings=_extra(choices),
            profile_name=profile_name,
            column_maps=column_maps,
            profile=profile,
            progress=progress,
            is_cancelled=is_cancelled,
        )
        check(is_cancelled)
        new_errors = errors_after(db, plan.changes) if check_rules and plan.ok else []
        return ImportPreview(plan, new_errors)


def commit_import(
    source: Source,
    plan: ImportPlan,
    *,
    remember: Sequence[MappingChoice] = (),
    save_profile: str | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ImportResult:
    """Write a checked plan (all or nothing) and remember the confirmed names for files
    of the same shape. Cancelling is possible only before the writing starts."""
    from tracu_desktop.interchange.workbook_import import commit_import as commit_plan
    from tracu_desktop.interchange.workbook_import import remember_mapping

    with opened(source) as db:
        check(is_cancelled)
        report(progress, 0, 1)
        profile = _used_profile(plan, save_profile) if save_profile else None
        done = commit_plan(db, plan)
        if profile is not None:
            from tracu_desktop.interchange.import_profile import save_profile as keep_profile

            keep_profile(db, profile)
        for parsed in plan.files:
            if not parsed.shape:
                continue
            for c in remember:
                level = "unit" if c.kind == "unit" else str(c.level)
                remember_mapping(db, parsed.shape, c.kind, level, c.label, c.code)
        report(progress, 1, 1)
        periods = sorted({s[0] for s in plan.submissions} | {r.key.period for r in done})
        return ImportResult(done, len(plan.files), plan.figures, periods)


def _used_profile(plan: ImportPlan, name: str) -> ImportProfile:
    """The column mapping a plan read its tables with, as profile ``name``."""
    from tracu_desktop.interchange.import_profile import ProfileError

    used = next((p.profile for p in plan.files if p.profile is not None), None)
    if not isinstance(used, ImportProfile):
        raise ProfileError(
            "Không có bảng nào đọc theo ánh xạ cột: không có gì để lưu thành hồ sơ nhập."
        )
    return ImportProfile(name, dict(used.columns), dict(used.captions), used.rows, used.split)


def import_csv(
    source: Source,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> CsvOutcome:
    """Import a data-value CSV (all rows or none); ``dry_run`` only computes the changes."""
    from tracu_desktop.interchange.csv_io import import_values_csv

    with opened(source) as db:
        check(is_cancelled)
        report(progress, 0, 1)
        outcome = import_values_csv(db, path, dry_run=dry_run)
        report(progress, 1, 1)
        return outcome


@dataclass
class CsvExport:
    path: Path
    values: int


def export_csv(
    source: Source,
    period: str,
    path: Path,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> CsvExport:
    """Write a period's figures as a data-value CSV."""
    from tracu_desktop.interchange.csv_io import export_values_csv

    with opened(source) as db:
        check(is_cancelled)
        return CsvExport(Path(path), export_values_csv(db, period, path))
