"""Import of workbooks and exchange packages: plan (preview), then commit all-or-nothing.

:func:`plan_import` reads every file, resolves names against the catalogs and the
confirmed mappings, and computes the value changes (old → new) without writing;
:func:`commit_import` writes them in one transaction through ``apply_changes`` and
records a submission (file name, SHA-256) per unit and period.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.core.indicators import all_indicators
from tracu_desktop.core.models import Field, ValueKey
from tracu_desktop.core.periods import PeriodCodeError, normalize_code
from tracu_desktop.db.catalog import get_setting, load_fields, load_units, save_field, set_setting
from tracu_desktop.db.figure_notes import save_rule_notes
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import ensure_unlocked, get_period, list_periods
from tracu_desktop.db.submissions import record_submission
from tracu_desktop.db.values import Change, ChangeResult, apply_changes, plan_changes
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report
from tracu_desktop.interchange.datavalues import Catalog
from tracu_desktop.interchange.import_profile import ImportProfile
from tracu_desktop.interchange.profile_import import parse_profiled
from tracu_desktop.interchange.sheet_reader import SheetData, WorkbookError, read_workbook
from tracu_desktop.interchange.subperiod_import import (
    RolledUpWorkbook,
    SubPeriodRollup,
    SubSource,
    inferred_period,
    roll_up_sources,
    skipped_sheet_notes,
    sub_period_files,
    sub_period_sheets,
)
from tracu_desktop.interchange.template_layout import META_SHEET
from tracu_desktop.interchange.unit_table import unassigned_field
from tracu_desktop.interchange.workbook_parse import (
    KIND_TABLE,
    Message,
    ParsedWorkbook,
    Where,
    mapping_key,
    parse_sheets,
)

MAPPINGS_SETTING = "import.mappings"
PACKAGE_SUFFIXES = (".tracu.zip", ".zip")


@dataclass
class ImportPlan:
    files: list[ParsedWorkbook] = field(default_factory=list)
    changes: list[ChangeResult] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    # (period, unit, method, file name, checksum, note)
    submissions: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    figures: int = 0
    # The checked figures per file name, as written by :func:`commit_import`.
    batches: list[tuple[str, list[Change]]] = field(default_factory=list)
    # Figures a profile's stated rule filled: key -> (value, note), kept after the import.
    rule_notes: dict[ValueKey, tuple[int, str]] = field(default_factory=dict)
    # Fields a per-unit table needs (“Không phân theo lĩnh vực”), created on commit.
    new_fields: dict[str, Field] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rollups(self) -> list[SubPeriodRollup]:
        """Monthly or weekly sheets (or files) that were summed into one period."""
        return [f.rollup for f in self.files if isinstance(f, RolledUpWorkbook) and f.rollup]

    @property
    def replaced(self) -> list[ChangeResult]:
        """Changes that overwrite a figure already entered with a different one."""
        return [c for c in self.changes if c.old is not None and c.old != c.new]


def build_catalog(db: Database) -> Catalog:
    return Catalog(load_units(db), load_fields(db), all_indicators())


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --- remembered mappings ----------------------------------------------------------


def load_mappings(db: Database, shape: str) -> dict[str, dict[str, str]]:
    """Mappings the clerk confirmed for files of this shape (plus those for every shape)."""
    stored = get_setting(db, MAPPINGS_SETTING, {}) or {}
    out: dict[str, dict[str, str]] = {"field": {}, "unit": {}}
    for key in ("*", shape):
        for kind, items in (stored.get(key) or {}).items():
            out.setdefault(kind, {}).update(items)
    return out


def remember_mapping(
    db: Database, shape: str, kind: str, level: str | None, label: str, code: str
) -> None:
    """Remember that ``label`` means ``code`` (a field, or a unit when ``kind`` is "unit")
    in files of ``shape``."""
    stored = get_setting(db, MAPPINGS_SETTING, {}) or {}
    key = mapping_key(None if kind == "unit" else level, label)
    stored.setdefault(shape, {}).setdefault(kind, {})[key] = code
    set_setting(db, MAPPINGS_SETTING, stored)


# --- periods from titles ------------------------------------------------------------

_RANGE = re.compile(r"từ ngày\s*(\d{1,2}/\d{1,2}/\d{4})\s*đến ngày\s*(\d{1,2}/\d{1,2}/\d{4})", re.I)
_YEAR = re.compile(r"năm\s+(\d{4})", re.I)


def _period_from_titles(db: Database, parsed_sheet_rows: Sequence[Sequence[object]]) -> str | None:
    from tracu_desktop.core.vnformat import ParseError, parse_date

    texts = [str(v) for row in parsed_sheet_rows for v in row if isinstance(v, str)]
    for t in texts:
        m = _RANGE.search(t)
        if m:
            try:
                start, end = parse_date(m.group(1)), parse_date(m.group(2))
            except ParseError:
                continue
            for p in list_periods(db):
                if p.start == start and p.end == end:
                    return p.code
    for t in texts:
        m = _YEAR.search(t)
        if m and "kỳ" in t.lower() and get_period(db, m.group(1)) is not None:
            return m.group(1)
    return None


# --- planning -------------------------------------------------------------------------


def _is_package(path: Path) -> bool:
    """A package by its content (a zip with the package manifest), whatever its name;
    a ``.zip`` that is no workbook is also read as a package, to say what it lacks."""
    from tracu_desktop.interchange.exchange import is_package_file

    if is_package_file(path):
        return True
    if not path.name.lower().endswith(PACKAGE_SUFFIXES):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" not in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return True


@dataclass(frozen=True)
class ProfileUse:
    """How tables are read besides their captions: a saved import profile by name (or the
    profile itself) and column maps given for this import (“Cột A+Cột B=mã chỉ tiêu”)."""

    name: str | None = None
    column_maps: tuple[str, ...] = ()
    profile: ImportProfile | None = None


NO_PROFILE = ProfileUse()


def _parse_mapped(
    db: Database,
    sheets: list[SheetData],
    name: str,
    catalog: Catalog,
    unit: str | None,
    extra_mappings: dict[str, dict[str, str]] | None,
    use: ProfileUse = NO_PROFILE,
) -> ParsedWorkbook:
    """Parse sheets through a profile when one applies, else by captions, with the
    mappings remembered for their shape and those just confirmed."""

    def profiled_with(mappings: dict[str, dict[str, str]]) -> ParsedWorkbook | None:
        return parse_profiled(
            db, sheets, name, catalog, unit_code=unit, mappings=mappings,
            profile_name=use.name, column_maps=use.column_maps, profile=use.profile,
        )  # fmt: skip

    profiled = profiled_with(load_mappings(db, "*"))
    first = profiled or parse_sheets(sheets, name, catalog, unit_code=unit)
    mappings = load_mappings(db, first.shape)
    if extra_mappings:
        for kind, items in extra_mappings.items():
            mappings.setdefault(kind, {}).update(items)
    confirmed = bool(mappings["field"] or mappings["unit"])
    if profiled is not None:
        return (
            (profiled_with(mappings) or profiled) if confirmed and profiled.unmatched else profiled
        )
    if confirmed:
        return parse_sheets(sheets, name, catalog, unit_code=unit, mappings=mappings)
    return first


def _rolled_up_sheets(
    db: Database,
    name: str,
    sheets: list[SheetData],
    catalog: Catalog,
    period: str | None,
    unit: str | None,
    extra_mappings: dict[str, dict[str, str]] | None,
    use: ProfileUse = NO_PROFILE,
) -> ParsedWorkbook:
    """One sheet per month or week: each parsed on its own, then summed like a roll-up."""
    named = sub_period_sheets(sheets)
    subs = [
        SubSource(
            sub, sheet.name, _parse_mapped(db, [sheet], name, catalog, unit, extra_mappings, use)
        )
        for sub, sheet in named
    ]
    result = roll_up_sources(subs, name, catalog, period or inferred_period(subs))
    result.notes[:0] = skipped_sheet_notes(sheets, [s for _, s in named], name)
    return result


def _rolled_up_files(
    db: Database,
    paths: list[Path],
    catalog: Catalog,
    period: str | None,
    unit: str | None,
    extra_mappings: dict[str, dict[str, str]] | None,
    use: ProfileUse = NO_PROFILE,
) -> ParsedWorkbook | None:
    """Several files, one per month or week (named so): summed like a roll-up."""
    if any(_is_package(p) for p in paths):
        return None
    names = sub_period_files([p.name for p in paths])
    if names is None:
        return None
    subs = []
    for sub, path in zip(names, paths, strict=True):
        parsed, _method = parse_file(
            db, path, catalog, period=None, unit=unit, extra_mappings=extra_mappings,
            profile_name=use.name, column_maps=use.column_maps, profile=use.profile,
        )  # fmt: skip
        parsed.problems = [
            m for m in parsed.problems if not m.text.startswith("Không xác định được kỳ")
        ]
        if parsed.kind != KIND_TABLE:
            return None  # entry templates carry their own period: imported one by one
        subs.append(SubSource(sub, path.name, parsed))
    label = ", ".join(p.name for p in paths)
    return roll_up_sources(subs, label, catalog, period or inferred_period(subs), files=True)


def parse_file(
    db: Database,
    path: Path,
    catalog: Catalog,
    *,
    period: str | None,
    unit: str | None,
    extra_mappings: dict[str, dict[str, str]] | None = None,
    profile_name: str | None = None,
    column_maps: Sequence[str] = (),
    profile: ImportProfile | None = None,
) -> tuple[ParsedWorkbook, str]:
    """One file parsed, with its period resolved; returns it and the method."""
    use = ProfileUse(profile_name, tuple(column_maps), profile)
    if _is_package(path):
        from tracu_desktop.interchange.package_import import parse_package

        parsed = parse_package(db, path, catalog, unit=unit)
        if period and parsed.period and parsed.period != period:
            parsed.problems.append(
                Message(
                    Where(path.name),
                    f"Gói là số liệu kỳ {parsed.period}, không phải kỳ {period} đã chọn.",
                )
            )
        return parsed, "package"
    try:
        sheets = read_workbook(path)
    except WorkbookError as exc:
        result = ParsedWorkbook(path.name)
        if exc.sheet:
            where = Where(path.name, exc.sheet, exc.row, exc.col)
            result.problems.append(Message(where, exc.detail[:1].upper() + exc.detail[1:]))
        else:
            text = str(exc).removeprefix(f"Tệp {path.name}").lstrip(" :")
            result.problems.append(Message(Where(path.name), text))
        return result, "file"
    if sub_period_sheets(sheets) and all(s.name != META_SHEET for s in sheets):
        result = _rolled_up_sheets(
            db, path.name, sheets, catalog, period, unit, extra_mappings, use
        )
    else:
        result = _parse_mapped(db, sheets, path.name, catalog, unit, extra_mappings, use)
    if (
        result.kind == KIND_TABLE
        and result.period is None
        and not isinstance(result, RolledUpWorkbook)
    ):
        # Not for summed sheets: a month's title (“tháng 1 năm 2026”) would name the year.
        result.period = period or _period_from_titles(db, [r for s in sheets for r in s.rows[:12]])
    if period and result.period and result.period != period:
        result.problems.append(
            Message(
                Where(path.name),
                f"Tệp là số liệu kỳ {result.period}, không phải kỳ {period} đã chọn.",
            )
        )
    if result.period is None and not result.problems:
        result.problems.append(
            Message(
                Where(path.name), "Không xác định được kỳ báo cáo; hãy chọn kỳ (tùy chọn --period)."
            )
        )
    return result, "file"


def _checksum(paths: list[Path]) -> str:
    """SHA-256 of one file, or of the list of the files' checksums for a rolled-up group."""
    if len(paths) == 1:
        return sha256_file(paths[0])
    joined = "\n".join(f"{sha256_file(p)}  {p.name}" for p in paths)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def plan_import(
    db: Database,
    paths: Sequence[Path | str],
    *,
    period: str | None = None,
    unit: str | None = None,
    extra_mappings: dict[str, dict[str, str]] | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    profile_name: str | None = None,
    column_maps: Sequence[str] = (),
    profile: ImportProfile | None = None,
) -> ImportPlan:
    """Read and check every file and compute the changes; writes nothing.

    ``progress(done, total)`` counts files read; ``is_cancelled()`` is asked before each
    (:class:`~tracu_desktop.infra.progress.Cancelled`). ``profile_name`` (a saved import
    profile) or ``profile`` reads tables through it; ``column_maps`` (“Cột A+Cột B=mã chỉ
    tiêu”) maps columns for this import.
    """
    plan = ImportPlan()
    if period:
        try:
            period = normalize_code(period)
        except PeriodCodeError as exc:
            plan.problems.append(Message(Where("--period"), str(exc)))
            return plan
        if get_period(db, period) is None:
            plan.problems.append(Message(Where("--period"), f"Chưa có kỳ báo cáo {period}."))
            return plan
    catalog = build_catalog(db)
    seen: dict[ValueKey, Where] = {}
    changes: list[Change] = []
    use = ProfileUse(profile_name, tuple(column_maps), profile)
    files = [Path(raw) for raw in paths]
    rolled = _rolled_up_files(db, files, catalog, period, unit, extra_mappings, use)
    sources = [(files, rolled)] if rolled is not None else [([f], None) for f in files]
    for done, (group, parsed_group) in enumerate(sources):
        check(is_cancelled)
        report(progress, done, len(sources))
        path = group[0]
        if parsed_group is None:
            parsed, method = parse_file(
                db, path, catalog, period=period, unit=unit, extra_mappings=extra_mappings,
                profile_name=use.name, column_maps=use.column_maps, profile=use.profile,
            )  # fmt: skip
        else:
            parsed, method = parsed_group, "file"
            if parsed.period is None and not parsed.problems:
                parsed.problems.append(
                    Message(Where(parsed.file), "Không xác định được kỳ báo cáo; hãy chọn kỳ.")
                )
        plan.files.append(parsed)
        plan.notes.extend(parsed.notes)
        plan.problems.extend(parsed.problems)
        if parsed.problems or parsed.period is None:
            continue
        if get_period(db, parsed.period) is None:
            plan.problems.append(
                Message(Where(parsed.file), f"Cơ sở dữ liệu chưa có kỳ báo cáo {parsed.period}.")
            )
            continue
        checksum = _checksum(group)
        name = ", ".join(p.name for p in group)
        units: set[str] = set()
        batch: list[Change] = []
        plan.batches.append((name, batch))
        for f in parsed.figures:
            key = ValueKey(parsed.period, f.unit, f.field, f.indicator)
            if key in seen:
                plan.problems.append(Message(f.where, f"Trùng số liệu với {seen[key]}."))
                continue
            seen[key] = f.where
            if f.note:
                plan.rule_notes[key] = (f.value, f.note)
            if f.field and f.field not in catalog.fields and f.field not in plan.new_fields:
                plan.new_fields[f.field] = unassigned_field(catalog, catalog.units[f.unit].level)
            changes.append(Change(key, f.value))
            batch.append(Change(key, f.value))
            units.add(f.unit)
        plan.figures += len(parsed.figures)
        for u in sorted(units):
            plan.submissions.append((parsed.period, u, method, name, checksum, ""))
    report(progress, len(sources), len(sources))
    if plan.problems:
        return plan
    from tracu_desktop.db.lineage import not_in_force

    pairs = {(c.key.period, c.key.unit) for c in changes}
    plan.problems += [Message(Where("kỳ báo cáo"), t) for t in not_in_force(db, pairs).values()]
    if plan.problems:
        return plan
    _refuse_level_mix(db, plan, catalog, changes)
    if plan.problems:
        return plan
    try:
        ensure_unlocked(db, {c.key.period for c in changes})
    except Exception as exc:  # PeriodLockedError carries a Vietnamese message
        plan.problems.append(Message(Where("kỳ báo cáo"), str(exc)))
        return plan
    plan.changes = plan_changes(db, changes)
    return plan


def _refuse_level_mix(
    db: Database, plan: ImportPlan, catalog: Catalog, changes: list[Change]
) -> None:
    """Refuse figures that would put level totals beside the same level's unit figures."""
    from tracu_desktop.db.level_mix import import_mixes, mix_message

    planned = {(c.key.period, c.key.unit, c.key.indicator) for c in changes}
    for mix, adding_totals, _ in import_mixes(db, catalog.units, planned):
        plan.problems.append(
            Message(Where("kỳ báo cáo"), mix_message(catalog.units, mix, adding_totals))
        )


def commit_import(db: Database, plan: ImportPlan) -> list[ChangeResult]:
    """Write a checked plan in one transaction; refuses a plan with problems."""
    if not plan.ok:
        raise ValueError("plan has problems")
    done: list[ChangeResult] = []
    file_path = getattr(db, "path", None)
    if file_path is not None:
        from tracu_desktop.db.backup import KIND_IMPORT, create_backup

        create_backup(file_path, KIND_IMPORT)
    with db.atomic():
        for new_field in plan.new_fields.values():
            save_field(db, new_field)
        for name, batch in plan.batches:
            done += apply_changes(db, batch, source=f"import:{name}")
        for period, unit, method, name, checksum, note in plan.submissions:
            record_submission(
                db, period, unit, method, file_name=name, checksum=checksum, note=note or None
            )
        if plan.rule_notes:
            save_rule_notes(db, plan.rule_notes)
    return done


def import_files(
    db: Database, paths: list[Path | str], **kwargs: object
) -> tuple[ImportPlan, list[ChangeResult]]:
    plan = plan_import(db, paths, **kwargs)  # type: ignore[arg-type]
    if not plan.ok:
        return plan, []
    return plan, commit_import(db, plan)
