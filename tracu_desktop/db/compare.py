"""Two stored periods compared per unit or per field (``tracu-desktop compare``).

Per unit, a unit in force during the main period is compared with itself plus the former
units it took over (:func:`tracu_desktop.core.lineage.comparison_groups`), so a commune
formed on 01/07/2025 is compared with the sum of its predecessors in 2025. Per field,
fields are matched by name, since a commune's catalog may hold the field under another
level's code than its predecessors did.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracu_desktop.core.compare import COMPARE_INPUTS, CompareRow, Side, add_figures
from tracu_desktop.core.lineage import comparison_groups, lineage_scope
from tracu_desktop.core.periods import Period
from tracu_desktop.db.aggregate import FigureMap, sum_by_field, sum_by_unit, units_with_figures
from tracu_desktop.db.catalog import load_fields, load_units
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import require_period

BY_CHOICES = ("unit", "field")


@dataclass(frozen=True)
class Comparison:
    by: str
    current: Period
    other: Period
    rows: tuple[CompareRow, ...]
    total: CompareRow
    left_out: tuple[str, ...] = ()  # units with figures that stand for no unit of ``current``

    def note(self) -> str:
        """Vietnamese note naming the units left out, or ``""``."""
        if not self.left_out:
            return ""
        return (
            f"Không tính số liệu của đơn vị không có trong {self.current.label()} và không là "
            f"đơn vị trước đây của đơn vị nào trong kỳ: " + "; ".join(self.left_out) + "."
        )


def _total(rows: list[CompareRow], cur: list[FigureMap], oth: list[FigureMap]) -> CompareRow:
    return CompareRow(
        "", "Tổng cộng", (), Side.of(add_figures(*cur)), Side.of(add_figures(*oth)), True
    )


def _by_unit(
    db: Database, p: Period, q: Period
) -> tuple[list[CompareRow], CompareRow, tuple[str, ...]]:
    units = load_units(db)
    names = {u.code: u.name for u in units}
    cur = sum_by_unit(db, p.code, COMPARE_INPUTS)
    oth = sum_by_unit(db, q.code, COMPARE_INPUTS)
    groups = comparison_groups(units, p.start, p.end)
    rows: list[CompareRow] = []
    covered: set[str] = set()
    for unit in units:
        group = groups.get(unit.code)
        if group is None:
            continue
        covered.update(group)
        has_any = any(c in cur or c in oth for c in group)
        if not (has_any or unit.active):
            continue
        former = tuple(names[c] for c in group[1:])
        label = unit.name
        if unit.valid_from or unit.valid_to:
            label += _dates(unit.valid_from, unit.valid_to)
        rows.append(
            CompareRow(
                unit.code,
                label,
                former,
                Side.of(add_figures(*(cur.get(c) for c in group))),
                Side.of(add_figures(*(oth.get(c) for c in group))),
            )
        )
    # Figures of units that stand for no unit of the main period (a former commune that
    # went to another new commune) are left out of both sides, and named.
    left_out = tuple(
        u.name + _dates(u.valid_from, u.valid_to)
        for u in units
        if u.code not in covered and (u.code in cur or u.code in oth)
    )
    kept_cur = [f for c, f in cur.items() if c in covered]
    kept_oth = [f for c, f in oth.items() if c in covered]
    return rows, _total(rows, kept_cur, kept_oth), left_out


def _dates(start: object, end: object) -> str:
    from tracu_desktop.core.vnformat import format_date

    if start and end:
        return f" ({format_date(start)} – {format_date(end)})"  # type: ignore[arg-type]
    if start:
        return f" (từ {format_date(start)})"  # type: ignore[arg-type]
    if end:
        return f" (đến {format_date(end)})"  # type: ignore[arg-type]
    return ""


def _by_field(
    db: Database, p: Period, q: Period
) -> tuple[list[CompareRow], CompareRow, tuple[str, ...]]:
    fields = load_fields(db)
    name_of = {f.code: f.name for f in fields}
    units = load_units(db)
    scope = lineage_scope(units, p.start, p.end)
    cur = sum_by_field(db, p.code, COMPARE_INPUTS, scope)
    oth = sum_by_field(db, q.code, COMPARE_INPUTS, scope)
    left_out: tuple[str, ...] = ()
    if scope is not None:
        with_figures = units_with_figures(db, p.code, COMPARE_INPUTS) | units_with_figures(
            db, q.code, COMPARE_INPUTS
        )
        left_out = tuple(
            u.name + _dates(u.valid_from, u.valid_to)
            for u in units
            if u.code in with_figures and u.code not in scope
        )
    order: list[str] = []
    for f in fields:
        if f.name not in order:
            order.append(f.name)
    for code in [*cur, *oth]:
        label = name_of.get(code, code or "(không theo lĩnh vực)")
        if label not in order:
            order.append(label)
    by_name_cur: dict[str, list[FigureMap]] = {}
    by_name_oth: dict[str, list[FigureMap]] = {}
    for source, target in ((cur, by_name_cur), (oth, by_name_oth)):
        for code, figs in source.items():
            label = name_of.get(code, code or "(không theo lĩnh vực)")
            target.setdefault(label, []).append(figs)
    rows = [
        CompareRow(
            name,
            name,
            (),
            Side.of(add_figures(*by_name_cur.get(name, []))),
            Side.of(add_figures(*by_name_oth.get(name, []))),
        )
        for name in order
        if name in by_name_cur or name in by_name_oth
    ]
    return rows, _total(rows, list(cur.values()), list(oth.values())), left_out


def compare_periods(db: Database, period: str, other: str, by: str = "unit") -> Comparison:
    """``period`` against ``other`` (either may be earlier), per unit or per field."""
    if by not in BY_CHOICES:
        raise ValueError(f"Cách so sánh không hợp lệ: {by} (chọn unit hoặc field).")
    p, q = require_period(db, period), require_period(db, other)
    rows, total, left_out = (_by_unit if by == "unit" else _by_field)(db, p, q)
    return Comparison(by, p, q, tuple(rows), total, left_out)
