"""Import of a history package (:mod:`tracu_desktop.interchange.history_package`) into
the commune that took the sent units over.

Each sent unit maps to one of this database's units by code (also ``cu-<code>``) or by
name, preferring units that already ended; a unit without a match becomes a new former
unit. Mapped or new, it ends the day before the successor starts (30/06/2025 when the
successor has no start date) and names the successor, so the commune's reports compare
with the sum of its predecessors. Missing periods are created with the sender's dates.
Everything is checked first (:func:`plan_history_import`), then written in one
transaction (:func:`commit_history_import`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from tracu_desktop.core.cell_text import original_text
from tracu_desktop.core.indicators import all_indicators
from tracu_desktop.core.lineage import dated_name
from tracu_desktop.core.models import Detail, Level, Unit, UnitKind, ValueKey
from tracu_desktop.core.periods import PeriodCodeError, normalize_code
from tracu_desktop.core.textnorm import loose_key, nfc
from tracu_desktop.core.vnformat import format_date, format_int
from tracu_desktop.db.catalog import load_fields, load_units, require_organisation, save_unit
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import add_period, ensure_unlocked, get_period
from tracu_desktop.db.submissions import record_submission
from tracu_desktop.db.values import Change, ChangeResult, apply_changes
from tracu_desktop.interchange.datavalues import (
    Catalog,
    CsvFormatError,
    check_value,
    read_csv_text,
)
from tracu_desktop.interchange.exchange import FIGURES, PackageError, read_package_file
from tracu_desktop.interchange.history_package import FORMER_PREFIX, HISTORY, REFORM_START


@dataclass
class HistoryPlan:
    """What importing a history package would do; ``problems`` non-empty = nothing done."""

    file: str
    successor: Unit | None = None
    units: list[Unit] = field(default_factory=list)  # new or changed former units
    periods: list[tuple[str, date, date]] = field(default_factory=list)  # to create
    batch: list[Change] = field(default_factory=list)  # the figures, to the own units
    mapping: list[tuple[str, str, bool]] = field(default_factory=list)  # sent, own, created
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def figures(self) -> int:
        return len(self.batch)


def _successor(db: Database, units: dict[str, Unit], text: str | None) -> Unit | str:
    """The unit that took the sent units over (``text``, else the organisation's own
    body), or a Vietnamese problem."""
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


def _map_units(
    plan: HistoryPlan, sent_units: list, units: dict[str, Unit], sender: str
) -> dict[str, Unit]:
    """``{sent code: own unit}``; new and changed own units go to ``plan.units``."""
    succ = plan.successor
    assert succ is not None
    end = (succ.valid_from or REFORM_START) - timedelta(days=1)
    own_of: dict[str, Unit] = {}
    for sent in sent_units:
        if not isinstance(sent, dict) or not sent.get("code") or not sent.get("name"):
            plan.problems.append(f"{plan.file}: metadata.json: một đơn vị thiếu mã hoặc tên.")
            continue
        name, sent_code = nfc(str(sent["name"])), str(sent["code"])
        hit = _match(sent, units, succ)
        if isinstance(hit, list):
            plan.problems.append(
                f"Đơn vị “{name}” (mã {sent_code}) của {sender} trùng tên nhiều đơn vị: "
                + "; ".join(f"{u.name} (mã {u.code})" for u in hit)
                + ". Hãy đổi tên cho rõ rồi nhập lại."
            )
            continue
        if hit is None:
            code = FORMER_PREFIX + sent_code
            while code in units:
                code += "-1"
            try:
                level = Level(str(sent.get("level", "commune")))
                kind = UnitKind(str(sent.get("kind", "commune")))
            except ValueError:
                level, kind = Level.COMMUNE, UnitKind.COMMUNE
            linked = Unit(code, name, level, kind, sort=9000 + len(units),
                          valid_from=_day(sent.get("valid_from")), valid_to=end,
                          successors=(succ.code,))  # fmt: skip
            plan.mapping.append((name, code, True))
        else:
            linked = hit
            if hit.valid_to is None or hit.valid_to > end:
                linked = replace(linked, valid_to=end)
            if not hit.successors:
                linked = replace(linked, successors=(succ.code,))
            plan.mapping.append((name, hit.code, False))
        if linked != units.get(linked.code):
            units[linked.code] = linked
            plan.units.append(linked)
        own_of[sent_code] = linked
    return own_of


def _plan_periods(db: Database, plan: HistoryPlan, sent_periods: list) -> dict[str, tuple]:
    """``{period: (start, end)}`` of the sent periods; missing ones go to ``plan.periods``
    with the sender's dates (a stored period keeps its own, with a note if they differ)."""
    spans: dict[str, tuple] = {}
    for sent in sent_periods:
        sent = sent if isinstance(sent, dict) else {}
        try:
            code = normalize_code(str(sent.get("code", "")))
        except PeriodCodeError as exc:
            plan.problems.append(f"{plan.file}: metadata.json: {exc}")
            continue
        start, stop = _day(sent.get("start")), _day(sent.get("end"))
        stored = get_period(db, code)
        if stored is not None:
            spans[code] = (stored.start, stored.end)
            if start and stop and (start, stop) != spans[code]:
                plan.notes.append(
                    f"Kỳ {code}: bên gửi tính từ {format_date(start)} đến {format_date(stop)}, "
                    f"cơ sở dữ liệu này từ {format_date(stored.start)} "
                    f"đến {format_date(stored.end)}."
                )
        elif start is None or stop is None or stop < start:
            plan.problems.append(f"{plan.file}: metadata.json: kỳ {code} thiếu ngày.")
        else:
            spans[code] = (start, stop)
            plan.periods.append((code, start, stop))
    return spans


def _read_figures(
    plan: HistoryPlan, csv_text: str, meta: dict, catalog: Catalog,
    own_of: dict[str, Unit], spans: dict[str, tuple],
) -> None:  # fmt: skip
    """The sent figures to the own units and fields, by the rules of ``values import``."""
    field_names = {
        f.get("code"): f.get("name") for f in meta.get("fields", []) if isinstance(f, dict)
    }
    try:
        rows = read_csv_text(csv_text, FIGURES)
    except CsvFormatError as exc:
        plan.problems.append(f"{plan.file}: {exc}")
        return
    seen: set[ValueKey] = set()
    for line, row in rows:
        where = f"{plan.file} ({FIGURES}), dòng {line}"
        period = nfc(original_text(row.get("period") or ""))
        sent_unit, sent_field, ind = (
            original_text(row.get(c) or "") for c in ("unit", "field", "indicator")
        )
        value, why = check_value(row.get("value"))
        own = own_of.get(sent_unit)
        indicator = catalog.indicators.get(ind)
        if value is None:
            plan.problems.append(f"{where}: {why}")
        elif period not in spans:
            plan.problems.append(f"{where}: kỳ “{period}” không có trong danh sách kỳ của gói.")
        elif own is None:
            plan.problems.append(f"{where}: đơn vị “{sent_unit}” không có trong danh sách của gói.")
        elif indicator is None:
            plan.problems.append(f"{where}: không có chỉ tiêu “{ind}”.")
        elif not own.in_force(*spans[period]):
            plan.problems.append(
                f"{where}: đơn vị {dated_name(own, *spans[period])} không tồn tại trong kỳ "
                f"{period}; không nhận số liệu của kỳ đó."
            )
        else:
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
            plan.batch.append(Change(key, value))


def plan_history_import(
    db: Database, path: Path | str, *, successor: str | None = None
) -> HistoryPlan:
    """Read and check a history package and plan every change; writes nothing."""
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
    plan.problems += sig_problems
    meta = pkg.metadata
    sent_units, sent_periods = meta.get("units"), meta.get("periods")
    if (
        meta.get("content") != HISTORY
        or not isinstance(sent_units, list)
        or not isinstance(sent_periods, list)
    ):
        plan.problems.append(f"{path.name}: không phải gói số liệu cũ của đơn vị.")
        return plan
    if plan.problems:
        return plan
    sender = str((meta.get("organisation") or {}).get("name", "?"))
    units = {u.code: u for u in load_units(db)}
    succ = _successor(db, units, successor)
    if isinstance(succ, str):
        plan.problems.append(succ)
        return plan
    plan.successor = succ
    own_of = _map_units(plan, sent_units, units, sender)
    spans = _plan_periods(db, plan, sent_periods)
    if plan.problems:
        return plan
    catalog = Catalog(units.values(), load_fields(db), all_indicators())
    _read_figures(plan, pkg.figures_csv, meta, catalog, own_of, spans)
    if plan.problems:
        return plan
    try:
        ensure_unlocked(db, {c for c in spans if get_period(db, c) is not None})
    except Exception as exc:  # PeriodLockedError carries a Vietnamese message
        plan.problems.append(str(exc))
        return plan
    plan.notes.insert(
        0,
        f"Gói số liệu cũ của {sender}: {format_int(plan.figures)} số liệu, kỳ "
        f"{', '.join(sorted(spans))}; đơn vị kế thừa: {succ.name}.",
    )
    return plan


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
        done = apply_changes(db, plan.batch, source=f"import:{plan.file}")
        for period, code in sorted({(c.key.period, c.key.unit) for c in plan.batch}):
            record_submission(db, period, code, "package", file_name=plan.file)
    return done
