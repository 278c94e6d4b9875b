"""Import of workbooks and exchange packages: plan (preview), then commit all-or-nothing.

:func:`plan_import` reads every file, resolves names against the catalogs and the
confirmed mappings, and computes the value changes (old → new) without writing;
:func:`commit_import` writes them in one transaction through ``apply_changes`` and
records a submission (file name, SHA-256) per unit and period.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.core.indicators import all_indicators
from tracu_desktop.core.models import ValueKey
from tracu_desktop.core.periods import PeriodCodeError, normalize_code
from tracu_desktop.db.catalog import get_setting, load_fields, load_units, set_setting
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import ensure_unlocked, get_period, list_periods
from tracu_desktop.db.submissions import record_submission
from tracu_desktop.db.values import Change, ChangeResult, apply_changes, plan_changes
from tracu_desktop.interchange.datavalues import Catalog
from tracu_desktop.interchange.sheet_reader import WorkbookError, read_workbook
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

    @property
    def ok(self) -> bool:
        return not self.problems


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


def _period_from_titles(db: Database, parsed_sheet_rows: list[list[object]]) -> str | None:
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


def parse_file(
    db: Database,
    path: Path,
    catalog: Catalog,
    *,
    period: str | None,
    unit: str | None,
    extra_mappings: dict[str, dict[str, str]] | None = None,
) -> tuple[ParsedWorkbook, str]:
    """One file parsed, with its period resolved; returns it and the method."""
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
    first = parse_sheets(sheets, path.name, catalog, unit_code=unit)
    mappings = load_mappings(db, first.shape)
    if extra_mappings:
        for kind, items in extra_mappings.items():
            mappings.setdefault(kind, {}).update(items)
    if mappings["field"] or mappings["unit"]:
        result = parse_sheets(sheets, path.name, catalog, unit_code=unit, mappings=mappings)
    else:
        result = first
    if result.kind == KIND_TABLE and result.period is None:
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


def plan_import(
    db: Database,
    paths: list[Path | str],
    *,
    period: str | None = None,
    unit: str | None = None,
    extra_mappings: dict[str, dict[str, str]] | None = None,
) -> ImportPlan:
    """Read and check every file and compute the changes; writes nothing."""
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
    for raw in paths:
        path = Path(raw)
        parsed, method = parse_file(
            db, path, catalog, period=period, unit=unit, extra_mappings=extra_mappings
        )
        plan.files.append(parsed)
        plan.notes.extend(parsed.notes)
        plan.problems.extend(parsed.problems)
        if parsed.problems or parsed.period is None:
            continue
        if get_period(db, parsed.period) is None:
            plan.problems.append(
                Message(Where(path.name), f"Cơ sở dữ liệu chưa có kỳ báo cáo {parsed.period}.")
            )
            continue
        checksum = sha256_file(path)
        units: set[str] = set()
        batch: list[Change] = []
        plan.batches.append((path.name, batch))
        for f in parsed.figures:
            key = ValueKey(parsed.period, f.unit, f.field, f.indicator)
            if key in seen:
                plan.problems.append(Message(f.where, f"Trùng số liệu với {seen[key]}."))
                continue
            seen[key] = f.where
            changes.append(Change(key, f.value))
            batch.append(Change(key, f.value))
            units.add(f.unit)
        plan.figures += len(parsed.figures)
        for u in sorted(units):
            plan.submissions.append((parsed.period, u, method, path.name, checksum, ""))
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
        for name, batch in plan.batches:
            done += apply_changes(db, batch, source=f"import:{name}")
        for period, unit, method, name, checksum, note in plan.submissions:
            record_submission(
                db, period, unit, method, file_name=name, checksum=checksum, note=note or None
            )
    return done


def import_files(
    db: Database, paths: list[Path | str], **kwargs: object
) -> tuple[ImportPlan, list[ChangeResult]]:
    plan = plan_import(db, paths, **kwargs)  # type: ignore[arg-type]
    if not plan.ok:
        return plan, []
    return plan, commit_import(db, plan)
