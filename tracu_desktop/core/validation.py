"""Validation of a period's figures by the rules of the form specs (domain guide §3–§4).

The rules and their Vietnamese messages live in ``resources/forms/*.toml`` (``[[rules]]``,
read by :mod:`core.entry_spec`); this module evaluates them on plain mappings, so they
are testable without a database. Every issue
names the unit, the field and the printed column numbers in Vietnamese, and points at
one cell (``indicator``) the UI can jump to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracu_desktop.core.entry_spec import PREVIOUS, EntryRule, entry_specs
from tracu_desktop.core.indicators import get_indicator
from tracu_desktop.core.vnformat import format_int

CellKey = tuple[str, str, str]  # (unit, field, indicator); field "" for per-unit indicators


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "Lỗi" if self is Severity.ERROR else "Cảnh báo"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    description: str
    columns: tuple[int, ...] = ()  # printed form columns involved
    form: str = ""


NONNEGATIVE = Rule("nonnegative", Severity.ERROR, "Mọi số liệu là số nguyên không âm.")


def rules(on: date | None = None) -> tuple[Rule, ...]:
    """Every rule in force on ``on``: the form specs' rules after the sign check."""
    return (NONNEGATIVE,) + tuple(
        Rule(r.code, Severity(r.severity), r.description, r.columns, r.form)
        for e in entry_specs(on)
        for r in e.rules
    )


@dataclass(frozen=True)
class Issue:
    rule: str
    severity: Severity
    message: str
    unit: str
    field: str
    indicator: str  # the cell to select when the clerk jumps to the issue

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Names:
    """Display names used in messages; unknown codes are shown as they are."""

    units: Mapping[str, str]
    fields: Mapping[str, str]

    def where(self, unit: str, field: str) -> str:
        u = self.units.get(unit, unit)
        return f"{u} — lĩnh vực {self.fields.get(field, field)}" if field else u


def _group(values: Mapping[CellKey, int]) -> dict[tuple[str, str], dict[str, int]]:
    grouped: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (unit, field, indicator), v in values.items():
        grouped[(unit, field)][indicator] = v
    return grouped


def _named(cells: Mapping[str, int], present: list[str]) -> str:
    """ "tiếp nhận trực tuyến toàn trình + … = 1 + 2 = 3" for the figures a rule sums."""
    shorts = {p: ind.short for p in present if (ind := get_indicator(p)) is not None}
    labels = [shorts.get(p, p).lower() for p in present]
    detail = sum(cells.get(p, 0) for p in present)
    if len(present) > 1:
        shown = " + ".join(format_int(cells.get(p, 0)) for p in present)
        return f"{' + '.join(labels)} = {shown} = {format_int(detail)}"
    return f"{labels[0]} = {format_int(detail)}"


def _check(
    rule: EntryRule,
    unit: str,
    field: str,
    cells: Mapping[str, int],
    where: str,
    right_cells: Mapping[str, int],
) -> Issue | None:
    """One rule on one row; ``right_cells`` feed the right side (the unit's sums or the row)."""
    if rule.applies == "left":
        present = [p for p in rule.left if p in cells]
        if not present:
            return None
    else:
        present = list(rule.left)
    left = sum(int(cells.get(p, 0)) for p in present)
    terms = [sum(int(right_cells.get(p, 0)) for p in term) for term in rule.right_terms]
    right = sum(terms)
    if rule.holds(left, right):
        return None
    message = rule.message.format(
        where=where,
        left=format_int(left),
        right=format_int(right),
        right_terms=" + ".join(format_int(t) for t in terms),
        left_named=_named(cells, present) if "{left_named}" in rule.message else "",
    )
    return Issue(rule.code, Severity(rule.severity), message, unit, field, rule.cell or present[0])


def validate(
    values: Mapping[CellKey, int],
    names: Names,
    previous_pending: Mapping[tuple[str, str], int] | None = None,
    on: date | None = None,
) -> list[Issue]:
    """All issues of one period, by the rules of the form specs in force on ``on``.

    ``previous_pending`` maps (unit, field) to the pending total of the contiguous
    previous period (the ``previous:`` side of a rule), only for cells the previous
    period has data for; ``None`` skips the rules that need it.
    """
    issues: list[Issue] = []
    grouped = _group(values)
    for (unit, field, indicator), v in values.items():
        if v < 0:
            issues.append(
                Issue(
                    "nonnegative",
                    Severity.ERROR,
                    f"{names.where(unit, field)}: giá trị âm ({format_int(v)}) ở chỉ tiêu {indicator}.",
                    unit,
                    field,
                    indicator,
                )
            )
    per_unit: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (unit, _field), cells in grouped.items():
        for k, v in cells.items():
            per_unit[unit][k] += v
    for spec in entry_specs(on):
        inputs = set(spec.inputs())
        for (unit, field), cells in sorted(grouped.items()):
            where = names.where(unit, field)
            has_form = bool(inputs & cells.keys())
            for rule in spec.rules:
                if rule.scope == "unit":  # the unit's own figure (field "") against its fields
                    if field:
                        continue
                    found = _check(rule, unit, field, cells, where, per_unit[unit])
                elif rule.applies == "form" and not has_form:
                    continue
                elif rule.uses_previous:
                    if previous_pending is None or (unit, field) not in previous_pending:
                        continue
                    prev = _previous(rule, previous_pending[(unit, field)])
                    found = _check(rule, unit, field, cells, where, {**cells, **prev})
                else:
                    found = _check(rule, unit, field, cells, where, cells)
                if found is not None:
                    issues.append(found)
    issues.sort(key=lambda i: (i.severity is not Severity.ERROR, i.unit, i.field, i.rule))
    return issues


def _previous(rule: EntryRule, pending: int) -> dict[str, int]:
    """The previous period's figures a rule reads: its pending total, put on the first
    ``previous:`` indicator of the rule's right side (the others count 0)."""
    prev = [t for t in rule.right if t.startswith(PREVIOUS)]
    return {t: (pending if i == 0 else 0) for i, t in enumerate(prev)}
