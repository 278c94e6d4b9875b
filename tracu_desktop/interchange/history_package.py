"""History packages: the figures of some units over several periods, sent by a former
district to the commune that took those units over.

``package --period 2024,2025-H1 --units A,B -o FILE`` writes one (no documents: they
describe the whole organisation). The commune's ``import FILE`` maps each sent unit to
one of its own by code (also the former-unit form ``cu-<code>``) or name; a sent unit
without a match becomes a new former unit. Matched or new, each ends the day before the
successor starts (30/06/2025 for the two-tier reform) with the importing commune as its
successor, so the commune's first reports compare with the sum of its predecessors.
Missing periods are created with the sender's dates. All or nothing, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from tracu_desktop import __version__
from tracu_desktop.core.cell_text import original_text
from tracu_desktop.core.models import Detail, Level, Unit, UnitKind, ValueKey
from tracu_desktop.core.periods import PeriodCodeError, normalize_code
from tracu_desktop.core.textnorm import loose_key, nfc
from tracu_desktop.core.vnformat import format_date, format_int
from tracu_desktop.db.catalog import (
    load_fields,
    load_units,
    require_organisation,
    save_unit,
)
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import add_period, ensure_unlocked, get_period, require_period
from tracu_desktop.db.submissions import record_submission
from tracu_desktop.db.values import Change, ChangeResult, apply_changes, now_text, plan_changes
from tracu_desktop.infra.fileio import atomic_write_bytes
from tracu_desktop.interchange.csv_io import period_rows
from tracu_desktop.interchange.datavalues import (
    Catalog,
    CsvFormatError,
    check_value,
    read_csv_text,
    write_csv_text,
)
from tracu_desktop.interchange.exchange import (
    FIGURES,
    METADATA,
    PACKAGE_KIND,
    PACKAGE_VERSION,
    PackageError,
    build_package,
    read_package_file,
)

HISTORY = "history"  # metadata "content" of a history package
FORMER_PREFIX = "cu-"  # code of a former unit kept beside a new one of the same code
REFORM_START = date(2025, 7, 1)  # two-tier local government (Nghị quyết 1687/NQ-UBTVQH15 etc.)


class HistoryError(ValueError):
    """A history package that cannot be written; the message is Vietnamese."""


@dataclass
class HistoryPackageResult:
    path: Path
    figures: int
    periods: list[str]
    units: list[str]


def split_codes(text: str) -> list[str]:
    """``"2024, 2025-H1"`` → ``["2024", "2025-H1"]`` (order kept, repeats dropped)."""
    out: list[str] = []
    for part in text.split(","):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def write_history_package(
    db: Database,
    periods: list[str],
    units: list[str],
    path: Path | str,
    *,
    sign: Callable[[bytes], bytes] | None = None,
) -> HistoryPackageResult:
    """The figures of ``units`` in ``periods`` as one package (``units``: codes or names)."""
    org = require_organisation(db)
    stored = [require_period(db, code) for code in periods]
    catalog = Catalog(load_units(db), load_fields(db), ())
    chosen: list[Unit] = []
    for text in units:
        unit = catalog.unit(text)
        if unit is None:
            raise HistoryError(f"Không có đơn vị “{text}” (xem danh sách: tracu-desktop units).")
        if unit not in chosen:
            chosen.append(unit)
    codes = {u.code for u in chosen}
    rows = [r for p in stored for r in period_rows(db, p.code) if r[1] in codes]
    used_fields = {r[2] for r in rows if r[2]}
    metadata = {
        "kind": PACKAGE_KIND,
        "version": PACKAGE_VERSION,
        "content": HISTORY,
        "program_version": __version__,
        "created_at": now_text(),
        "organisation": org.to_dict(),
        "level": str(org.level),
        "periods": [
            {
                "code": p.code,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "label": p.label(),
            }
            for p in stored
        ],  # fmt: skip
        "units": [
            {
                "code": u.code,
                "name": u.name,
                "level": str(u.level),
                "kind": str(u.kind),
                "valid_from": u.valid_from.isoformat() if u.valid_from else None,
                "valid_to": u.valid_to.isoformat() if u.valid_to else None,
            }
            for u in chosen
        ],
        "fields": [
            {"code": f.code, "name": f.name, "level": str(f.level)}
            for f in load_fields(db)
            if f.code in used_fields
        ],
    }
    members = {
        METADATA: json.dumps(metadata, ensure_ascii=False, indent=2).encode("utf-8"),
        FIGURES: ("\ufeff" + write_csv_text(rows)).encode("utf-8"),
    }
    atomic_write_bytes(path, build_package(members, sign))
    return HistoryPackageResult(Path(path), len(rows), [p.code for p in stored],
                                [u.name for u in chosen])  # fmt: skip


def is_history_package(path: Path | str) -> bool:
    """Whether ``path`` is a readable package whose metadata says it holds history."""
    try:
        return read_package_file(path).metadata.get("content") == HISTORY
    except (PackageError, OSError, AttributeError):
        return False


# --- import ---------------------------------------------------------------------------


@dataclass
class HistoryPlan:
    """What importing a history package would do; ``problems`` non-empty = nothing done."""

    file: str
    successor: Unit | None = None
    units: list[Unit] = field(default_factory=list)  # new or changed former units
    periods: list[tuple[str, date, date]] = field(default_factory=list)  # to create
    changes: list[ChangeResult] = field(default_factory=list)
    figures: int = 0
    mapping: list[tuple[str, str, bool]] = field(default_factory=list)  # sent, own, created
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _batch: list[Change] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems


def _successor(db: Database, units: dict[str, Unit], text: str | None) -> Unit | str:
    """The unit that took the sent units over: ``text`` or the organisation's own body."""
    if text:
        hit = units.get(text) or next(
            (u for u in units.values() if loose_key(u.name) == loose_key(text)), None
        )
        return hit or f"Không có đơn vị “{text}” (xem: tracu-desktop units)."
    org = require_organisation(db)
    bodies = [
        u
        for u in units.values()
        if u.kind is UnitKind.BODY and u.level is org.level and u.active and u.valid_to is None
    ]
    if len(bodies) == 1:
        return bodies[0]
    return "Không xác định được đơn vị kế thừa số liệu cũ; hãy chọn đơn vị bằng tùy chọn --unit."


def _match(sent: dict, units: dict[str, Unit], successor: Unit) -> Unit | list[Unit] | None:
    """The own unit a sent unit is: by code (or ``cu-`` + code), then by name; a list when
    the name fits several units (former units are preferred to current ones)."""
    code = str(sent.get("code", ""))
    for candidate in (code, FORMER_PREFIX + code):
        hit = units.get(candidate)
        if hit is not None and hit.code != successor.code:
            return hit
    key = loose_key(str(sent.get("name", "")))
    hits = [u for u in units.values() if loose_key(u.name) == key and u.code != successor.code]
    former = [u for u in hits if u.valid_to is not None or u.successors]
    hits = former or hits
    if len(hits) == 1:
        return hits[0]
    return hits or None


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def plan_history_import(
    db: Database, path: Path | str, *, successor: str | None = None
) -> HistoryPlan:
    """Read and check a history package and compute every change; writes nothing."""
    path = Path(path)
    plan = HistoryPlan(path.name)
    try:
        pkg = read_package_file(path)
    except PackageError as exc:
        plan.problems.append(str(exc))
        return plan
    from tracu_desktop.interchange.package_signature import package_signature_check

    sig_notes, sig_problems = package_signature_check(db, pkg)
    plan.notes += sig_notes
    if sig_problems:
        plan.problems += sig_problems
        return plan
    meta = pkg.metadata
    sender = str((meta.get("organisation") or {}).get("name", "?"))
    sent_units, sent_periods = meta.get("units"), meta.get("periods")
    if (
        meta.get("content") != HISTORY
        or not isinstance(sent_units, list)
        or not isinstance(sent_periods, list)
    ):
        plan.problems.append(
            f"{path.name}: không phải gói số liệu cũ của đơn vị (thiếu units, periods)."
        )
        return plan
    units = {u.code: u for u in load_units(db)}
    succ = _successor(db, units, successor)
    if isinstance(succ, str):
        plan.problems.append(succ)
        return plan
    plan.successor = succ
    end = (
        (succ.valid_from - timedelta(days=1))
        if succ.valid_from
        else REFORM_START - timedelta(days=1)
    )

    # Units: each sent unit becomes (or already is) a former unit of the successor.
    own_of: dict[str, Unit] = {}
    for sent in sent_units:
        if not isinstance(sent, dict) or not sent.get("code") or not sent.get("name"):
            plan.problems.append(f"{path.name}: metadata.json: một đơn vị thiếu mã hoặc tên.")
            continue
        name = nfc(str(sent["name"]))
        hit = _match(sent, units, succ)
        if isinstance(hit, list):
            plan.problems.append(
                f"Đơn vị “{name}” (mã {sent['code']}) của {sender} trùng tên nhiều đơn vị: "
                + "; ".join(f"{u.name} (mã {u.code})" for u in hit)
                + ". Hãy đổi tên cho rõ rồi nhập lại."
            )
            continue
        if hit is None:
            code = FORMER_PREFIX + str(sent["code"])
            while code in units:
                code += "-1"
            try:
                level = Level(str(sent.get("level", "commune")))
                kind = UnitKind(str(sent.get("kind", "commune")))
            except ValueError:
                level, kind = Level.COMMUNE, UnitKind.COMMUNE
            new = Unit(code, name, level, kind, sort=9000 + len(units),
                       valid_from=_day(sent.get("valid_from")), valid_to=end,
                       successors=(succ.code,))  # fmt: skip
            units[code] = new
            plan.units.append(new)
            plan.mapping.append((name, new.code, True))
            own_of[str(sent["code"])] = new
            continue
        linked = hit
        if hit.valid_to is None or hit.valid_to > end:
            linked = replace(linked, valid_to=end)
        if not hit.successors:
            linked = replace(linked, successors=(succ.code,))
        if linked != hit:
            units[hit.code] = linked
            plan.units.append(linked)
        plan.mapping.append((name, hit.code, False))
        own_of[str(sent["code"])] = linked
    if plan.problems:
        return plan

    # Periods: created with the sender's dates where this database has none.
    wanted: set[str] = set()
    for sent in sent_periods:
        try:
            code = normalize_code(str((sent or {}).get("code", "")))
        except PeriodCodeError as exc:
            plan.problems.append(f"{path.name}: metadata.json: {exc}")
            continue
        wanted.add(code)
        start, stop = _day(sent.get("start")), _day(sent.get("end"))
        stored = get_period(db, code)
        if stored is None:
            if start is None or stop is None or stop < start:
                plan.problems.append(f"{path.name}: metadata.json: kỳ {code} thiếu ngày.")
                continue
            plan.periods.append((code, start, stop))
        elif (start, stop) != (stored.start, stored.end) and start and stop:
            plan.notes.append(
                f"Kỳ {code}: bên gửi tính từ {format_date(start)} đến {format_date(stop)}, "
                f"cơ sở dữ liệu này từ {format_date(stored.start)} đến {format_date(stored.end)}."
            )
    if plan.problems:
        return plan

    # Figures: the rules of ``values import``, to the own units and fields.
    catalog = Catalog(units.values(), load_fields(db), _indicators())
    field_names = {
        f.get("code"): f.get("name") for f in meta.get("fields", []) if isinstance(f, dict)
    }
    try:
        rows = read_csv_text(pkg.figures_csv, FIGURES)
    except CsvFormatError as exc:
        plan.problems.append(f"{path.name}: {exc}")
        return plan
    seen: set[ValueKey] = set()
    for line, row in rows:
        where = f"{path.name} ({FIGURES}), dòng {line}"
        period = nfc(original_text(row.get("period") or ""))
        sent_unit = original_text(row.get("unit") or "")
        sent_field = original_text(row.get("field") or "")
        ind = original_text(row.get("indicator") or "")
        value, why = check_value(row.get("value"))
        if value is None:
            plan.problems.append(f"{where}: {why}")
            continue
        if period not in wanted:
            plan.problems.append(f"{where}: kỳ “{period}” không có trong danh sách kỳ của gói.")
            continue
        own = own_of.get(sent_unit)
        if own is None:
            plan.problems.append(f"{where}: đơn vị “{sent_unit}” không có trong danh sách của gói.")
            continue
        indicator = catalog.indicators.get(ind)
        if indicator is None:
            plan.problems.append(f"{where}: không có chỉ tiêu “{ind}”.")
            continue
        field_code = ""
        if indicator.detail is Detail.UNIT_FIELD:
            name = str(field_names.get(sent_field) or sent_field)
            fld = catalog.field(name, own.level)
            if fld is None:
                hint = catalog.field_suggestions(name, own.level)
                plan.problems.append(
                    f"{where}: không có lĩnh vực “{name}” ở {own.level.label}."
                    + (f" Có phải: {', '.join(hint)}?" if hint else "")
                )
                continue
            field_code = fld.code
        key = ValueKey(period, own.code, field_code, ind)
        if key in seen:
            plan.problems.append(f"{where}: trùng số liệu đã có ở dòng trước.")
            continue
        seen.add(key)
        plan._batch.append(Change(key, value))
    plan.figures = len(plan._batch)
    if plan.problems:
        return plan
    # A sent figure must fall while its unit existed (a former commune has no 2026 figures).
    spans = {code: (start, stop) for code, start, stop in plan.periods}
    for code in wanted - set(spans):
        stored = get_period(db, code)
        if stored is not None:
            spans[code] = (stored.start, stored.end)
    late = sorted({(c.key.period, c.key.unit) for c in plan._batch
                   if not units[c.key.unit].in_force(*spans[c.key.period])})  # fmt: skip
    for period, code in late:
        plan.problems.append(
            f"{path.name}: {units[code].name} kết thúc ngày "
            f"{format_date(units[code].valid_to)}, không nhận số liệu kỳ {period} sau ngày đó."
        )
    if plan.problems:
        return plan
    existing = {p for p in wanted if get_period(db, p) is not None}
    try:
        ensure_unlocked(db, existing)
    except Exception as exc:  # PeriodLockedError carries a Vietnamese message
        plan.problems.append(str(exc))
        return plan
    plan.notes.insert(
        0,
        f"Gói số liệu cũ của {sender}: {format_int(plan.figures)} số liệu, kỳ "
        + ", ".join(sorted(wanted))
        + f"; đơn vị kế thừa: {succ.name}.",
    )
    # Changes against what is stored; periods about to be created hold nothing yet.
    if not plan.periods and not any(u.code not in _stored_codes(db) for u in plan.units):
        plan.changes = plan_changes(db, plan._batch)
    return plan


def _stored_codes(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT code FROM units").fetchall()}


def _indicators():
    from tracu_desktop.core.indicators import all_indicators

    return all_indicators()


def commit_history_import(db: Database, plan: HistoryPlan) -> list[ChangeResult]:
    """Write a checked plan in one transaction (units, periods, figures, arrivals)."""
    if not plan.ok:
        raise ValueError("plan has problems")
    file_path = getattr(db, "path", None)
    if file_path is not None and str(file_path) != ":memory:":
        from tracu_desktop.db.backup import KIND_IMPORT, create_backup

        create_backup(file_path, KIND_IMPORT)
    with db.atomic():
        for unit in plan.units:
            save_unit(db, unit)
        for code, start, end in plan.periods:
            add_period(db, code, start, end)
        done = apply_changes(db, plan._batch, source=f"import:{plan.file}")
        for period, unit in sorted({(c.key.period, c.key.unit) for c in plan._batch}):
            record_submission(db, period, unit, "package", file_name=plan.file)
    return done


def unit_errors(db: Database, periods: list[str], units: list[str]) -> list[str]:
    """Validation errors of the chosen units in the chosen periods (other units' errors do
    not hold back their history), as Vietnamese lines."""
    from tracu_desktop.db.checks import validate_period

    catalog = Catalog(load_units(db), (), ())
    codes = {u.code for u in (catalog.unit(t) for t in units) if u is not None}
    out: list[str] = []
    for code in periods:
        p = require_period(db, code)
        out += [
            f"{p.label()}: {i.message}"
            for i in validate_period(db, p.code)
            if i.is_error and i.unit in codes
        ]
    return out
