"""Notes on figures that an import filled by a stated rule rather than from a source cell.

An export with one “Đúng và trước hạn” column cannot fill (8) and (9) separately; the
import profile says where it goes, and the clerk must be able to see later which figures
came from such a rule. A note holds while the figure keeps the value the import wrote;
once the clerk changes the figure, it is theirs and the note no longer applies.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracu_desktop.core.models import ValueKey
from tracu_desktop.core.validation import Issue, Severity
from tracu_desktop.db.catalog import field_map, get_setting, set_setting, unit_map
from tracu_desktop.db.handle import Database
from tracu_desktop.db.values import get_values

NOTES_SETTING = "import.rule_notes"
RULE_CODE = "import_rule"


def _cell(unit: str, field: str, indicator: str) -> str:
    return f"{unit}|{field}|{indicator}"


def save_rule_notes(db: Database, notes: Mapping[ValueKey, tuple[int, str]]) -> None:
    """Remember the notes of figures just imported (replacing older notes of those cells)."""
    stored = get_setting(db, NOTES_SETTING, {}) or {}
    for key, (value, note) in notes.items():
        stored.setdefault(key.period, {})[_cell(key.unit, key.field, key.indicator)] = [
            value,
            note,
        ]
    set_setting(db, NOTES_SETTING, stored)


def rule_notes(db: Database, period: str) -> dict[tuple[str, str, str], str]:
    """Notes that still apply: ``{(unit, field, indicator): note}``."""
    stored = (get_setting(db, NOTES_SETTING, {}) or {}).get(period) or {}
    if not stored:
        return {}
    values = get_values(db, period)
    out = {}
    for cell, (value, note) in stored.items():
        unit, field, indicator = cell.split("|", 2)
        if values.get((unit, field, indicator)) == value:
            out[(unit, field, indicator)] = note
    return out


def rule_note_issues(db: Database, period: str) -> list[Issue]:
    """One warning per unit and field whose figures came from a profile's rule."""
    notes = rule_notes(db, period)
    if not notes:
        return []
    units, fields = unit_map(db), field_map(db)
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for (unit, field, indicator), note in sorted(notes.items()):
        grouped.setdefault((unit, field), []).append((indicator, note))
    issues = []
    for (unit, field), items in grouped.items():
        unit_name = units[unit].name if unit in units else unit
        field_name = fields[field].name if field in fields else field
        where = f"{unit_name}, {field_name}" if field_name else unit_name
        issues.append(
            Issue(
                RULE_CODE,
                Severity.WARNING,
                f"{where}: số liệu không lấy trực tiếp từ tệp. {items[0][1]}",
                unit,
                field,
                items[0][0],
            )
        )
    return issues
