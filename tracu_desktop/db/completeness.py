"""Which units have sent their figures for a period, when, how, and whether on time.

The state of a unit comes from its stored figures; the arrival time and method come from
the latest recorded arrival (``db.submissions``) when there is one, otherwise from
the newest stored figure. Deadlines are settings (day of the period's last month).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.form_roles import DOSSIERS, form_of
from tracu_desktop.core.models import Unit, UnitKind
from tracu_desktop.core.validation import Issue
from tracu_desktop.db.catalog import get_deadlines, load_units, set_setting
from tracu_desktop.db.checks import validate_period
from tracu_desktop.db.compact import TIME_FORMAT
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import require_period
from tracu_desktop.db.submissions import latest_submissions

REPORTING_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE, UnitKind.DISTRICT)
DEFAULT_DEADLINE_DAY = 16


class UnitState(StrEnum):
    NO_DATA = "no_data"
    PARTIAL = "partial"
    COMPLETE = "complete"
    VALIDATED = "validated"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    UnitState.NO_DATA: "Chưa có số liệu",
    UnitState.PARTIAL: "Nhập chưa đủ",
    UnitState.COMPLETE: "Đủ số liệu (còn lỗi)",
    UnitState.VALIDATED: "Đủ số liệu, hợp lệ",
}


@dataclass(frozen=True)
class UnitStatus:
    unit: Unit
    state: UnitState
    received_at: datetime | None
    method: str  # "typed", "file", "package", "demo", … ("" when nothing arrived)
    file_name: str
    deadline: date
    errors: int

    @property
    def sent(self) -> bool:
        return self.state is not UnitState.NO_DATA

    @property
    def late(self) -> bool:
        return self.received_at is not None and self.received_at.date() > self.deadline

    @property
    def note(self) -> str:
        if not self.sent:
            return "Chưa gửi"
        parts = ["Gửi trễ hạn" if self.late else "Đúng hạn"]
        if self.file_name:
            parts.append(f"tệp {self.file_name}")
        return "; ".join(parts)


def deadline_for(period_end: date, day: int) -> date:
    """The first date on or after the period's end that falls on ``day`` of a month."""
    day = max(1, min(28, day))
    if day >= period_end.day:
        return date(period_end.year, period_end.month, day)
    year, month = (
        (period_end.year + 1, 1)
        if period_end.month == 12
        else (period_end.year, period_end.month + 1)
    )
    return date(year, month, day)


def period_deadline(db: Database, period: str, period_end: date) -> date:
    """Deadline for units' figures: a per-period date set by the clerk (setting
    ``deadlines.periods``, e.g. ``{"2023": "2023-11-16"}``) or the day-of-month rule."""
    deadlines = get_deadlines(db)
    override = (deadlines.get("periods") or {}).get(period)
    if override:
        try:
            return date.fromisoformat(str(override))
        except ValueError:
            pass
    return deadline_for(period_end, int(deadlines.get("units_to_district", DEFAULT_DEADLINE_DAY)))


def set_period_deadline(db: Database, period: str, deadline: date | None) -> None:
    """Set (or clear, with ``None``) the deadline of one period."""
    deadlines = get_deadlines(db)
    per_period = dict(deadlines.get("periods") or {})
    if deadline is None:
        per_period.pop(period, None)
    else:
        per_period[period] = deadline.isoformat()
    deadlines["periods"] = per_period
    set_setting(db, "deadlines", deadlines)


def _source_method(source: str) -> tuple[str, str]:
    if source.startswith("import:"):
        return "file", source.split(":", 1)[1]
    return source, ""


def unit_statuses(
    db: Database, period: str, issues: Sequence[Issue] | None = None
) -> list[UnitStatus]:
    """One status per reporting unit in force during the period (offices, departments,
    communes; districts in a province database). ``issues``: the period's check already
    made (the window's validation panel), else the rules are checked here."""
    p = require_period(db, period)
    deadline = period_deadline(db, p.code, p.end)
    submissions = latest_submissions(db, p.code)
    f06 = set(entry_spec(form_of(DOSSIERS), p.end).inputs())
    # Per unit and field: how many form-06 inputs are stored (a province holds tens of
    # thousands of figures: counted in SQL, not row by row in Python).
    marks = ",".join("?" * len(f06))
    counts = db.execute(
        f"SELECT u.code, v.field_id, SUM(i.code IN ({marks})) FROM figures v "
        "JOIN units u ON u.id = v.unit_id JOIN indicators i ON i.id = v.indicator_id "
        "WHERE v.period_id = (SELECT id FROM periods WHERE code = ?) "
        "GROUP BY v.unit_id, v.field_id",
        [*sorted(f06), p.code],
    ).fetchall()
    cells: dict[str, list[int]] = {}  # unit → form-06 inputs present, per field that has any
    for unit, _field, n06 in counts:
        present = cells.setdefault(unit, [])
        if n06:
            present.append(int(n06))
    newest = {
        unit: (at, source)
        for unit, at, source in db.execute(
            f"SELECT u.code, strftime('{TIME_FORMAT}', MAX(e.at), 'unixepoch'), s.name "
            "FROM figures v JOIN units u ON u.id = v.unit_id "
            "JOIN edits e ON e.id = v.edit_id JOIN sources s ON s.id = e.source_id "
            "WHERE v.period_id = (SELECT id FROM periods WHERE code = ?) GROUP BY v.unit_id",
            [p.code],
        ).fetchall()
    }
    errors_by_unit: dict[str, int] = {}
    for issue in validate_period(db, p.code) if issues is None else issues:
        if issue.is_error:
            errors_by_unit[issue.unit] = errors_by_unit.get(issue.unit, 0) + 1

    out: list[UnitStatus] = []
    for unit in load_units(db, include_inactive=False):
        if unit.kind not in REPORTING_KINDS:
            continue
        # Units that did not exist during the period are not expected to report; a
        # straddling period expects both the former units and their successors.
        if not unit.in_force(p.start, p.end) and unit.code not in cells:
            continue
        unit_cells = cells.get(unit.code)
        if unit_cells is None:
            state = UnitState.NO_DATA
        elif not unit_cells or any(n < len(f06) for n in unit_cells):
            state = UnitState.PARTIAL
        elif errors_by_unit.get(unit.code):
            state = UnitState.COMPLETE
        else:
            state = UnitState.VALIDATED
        received_at: datetime | None = None
        method, file_name = "", ""
        if unit.code in submissions:
            arrival = submissions[unit.code]
            received_at = arrival.received_at
            method, file_name = arrival.method, arrival.file_name or ""
        elif unit.code in newest:
            received_at = datetime.fromisoformat(newest[unit.code][0])
            method, file_name = _source_method(newest[unit.code][1])
        out.append(
            UnitStatus(
                unit,
                state,
                received_at,
                method,
                file_name,
                deadline,
                errors_by_unit.get(unit.code, 0),
            )
        )
    return out
