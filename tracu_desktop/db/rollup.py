"""Roll a period up from its stored sub-periods: plan (nothing written), then commit.

The plan lists what would change, and separately the figures already entered for the
period that the roll-up would replace, so the clerk sees every difference before
anything is overwritten. The commit is one :func:`~tracu_desktop.db.values.apply_changes`
batch (one transaction, audit rows with the source ``rollup:<first>..<last>``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.models import ValueKey
from tracu_desktop.core.periods import Period, default_period
from tracu_desktop.core.rollup import (
    GRAIN_LABELS,
    Grain,
    RollupError,
    grains_for,
    roll_up,
    sub_period_codes,
)
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.db.catalog import field_map, unit_map
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import add_period, get_period
from tracu_desktop.db.values import Change, ChangeResult, apply_changes, get_values, plan_changes


@dataclass
class RollupPlan:
    target: Period
    target_exists: bool
    sources: list[Period]
    changes: list[ChangeResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_derived: list[str] = field(default_factory=list)  # indicator labels

    @property
    def replaced(self) -> list[ChangeResult]:
        """Changes that overwrite a figure already stored for the period."""
        return [c for c in self.changes if c.old is not None]

    @property
    def source_name(self) -> str:
        return f"rollup:{self.sources[0].code}..{self.sources[-1].code}"


class RollupConflict(RollupError):
    """Entered figures differ from the roll-up and replacing was not asked for."""


def _stored_subs(db: Database, code: str, grain: Grain) -> tuple[list[Period], list[str]]:
    found, missing = [], []
    for sub in sub_period_codes(code, grain):
        period = get_period(db, sub)
        if period is None:
            missing.append(default_period(sub).label())
        else:
            found.append(period)
    return found, missing


def _choose_sources(db: Database, code: str, grain: Grain | None) -> list[Period]:
    grains = [grain] if grain else grains_for(code)
    if not grains:
        raise RollupError(f"Kỳ {code} là một tháng, không có kỳ nhỏ hơn để tổng hợp.")
    first_missing: list[str] = []
    for g in grains:
        found, missing = _stored_subs(db, code, g)
        if not missing:
            return found
        if not first_missing:
            first_missing = missing
    raise RollupError(
        f"Không tổng hợp được kỳ {default_period(code).label()} từ "
        f"{GRAIN_LABELS[grains[0]]}: chưa có kỳ {', '.join(first_missing)}."
    )


def _check_tiling(target: Period, sources: list[Period]) -> None:
    """The sub-periods must cover the period exactly, one after the other."""
    if sources[0].start != target.start or sources[-1].end != target.end:
        raise RollupError(
            f"Các kỳ {sources[0].label()} … {sources[-1].label()} "
            f"({sources[0].start:%d/%m/%Y}–{sources[-1].end:%d/%m/%Y}) không trùng thời gian "
            f"của kỳ {target.label()} ({target.start:%d/%m/%Y}–{target.end:%d/%m/%Y})."
        )
    for before, after in zip(sources, sources[1:], strict=False):
        if after.start != before.end + timedelta(days=1):
            raise RollupError(
                f"Kỳ {after.label()} không bắt đầu ngay sau kỳ {before.label()} "
                f"(kết thúc {before.end:%d/%m/%Y}, bắt đầu {after.start:%d/%m/%Y})."
            )


def plan_rollup(db: Database, code: str, grain: Grain | None = None) -> RollupPlan:
    """What rolling ``code`` up from its sub-periods would write; nothing is written."""
    stored = get_period(db, code)
    target = stored or default_period(code)
    sources = _choose_sources(db, target.code, grain)
    _check_tiling(target, sources)
    catalog = indicator_map()
    subs = [(p.code, get_values(db, p.code)) for p in sources]
    result = roll_up(subs, catalog)
    plan = RollupPlan(target, stored is not None, sources)
    changes = [Change(ValueKey(target.code, *cell), value) for cell, value in result.values.items()]
    plan.changes = (
        plan_changes(db, changes)
        if stored is not None
        else [ChangeResult(None, c.new, c.key) for c in changes]
    )
    plan.not_derived = sorted(catalog[c].label for c in result.not_derived if c in catalog)
    units, fields = unit_map(db), field_map(db)
    labels = {p.code: p.label() for p in sources}
    for brk in result.chain_breaks:
        unit = units[brk.unit].name if brk.unit in units else brk.unit
        place = f"{unit} — lĩnh vực {fields[brk.field].name}" if brk.field in fields else unit
        plan.warnings.append(
            f"{place}: {catalog[brk.indicator].label.lower()} của {labels[brk.later]} = "
            f"{format_int(brk.carried)} khác số đang giải quyết của {labels[brk.earlier]} = "
            f"{format_int(brk.pending)}."
        )
    return plan


def commit_rollup(db: Database, plan: RollupPlan, replace: bool = False) -> list[ChangeResult]:
    """Write a plan (creating the period with its default dates when it is new)."""
    if plan.replaced and not replace:
        raise RollupConflict(
            f"Kỳ {plan.target.label()} đã có {len(plan.replaced)} số liệu khác với số tổng hợp; "
            "chưa thay đổi gì."
        )
    with db.atomic():
        if not plan.target_exists:
            add_period(db, plan.target.code)
        return apply_changes(
            db, [Change(c.key, c.new) for c in plan.changes], source=plan.source_name
        )
