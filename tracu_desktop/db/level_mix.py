"""An indicator of a level comes either from its "số liệu chung" unit or from its units.

A level's totals are the sum over all its units, the general unit included. Level
totals of an indicator stored on the general unit beside the units' own figures of the
same indicator count every dossier twice (the program's own 06b export imported back into the same period did exactly
that). The import refuses to create such a mix; ``validate`` warns about one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.db.handle import Database


@dataclass
class LevelMix:
    """Indicators of one level and period held both by general and by other units."""

    period: str
    level: Level
    indicators: set[str] = field(default_factory=set)
    general: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)


Triple = tuple[str, str, str]  # period, unit, indicator


def level_mixes(units: Mapping[str, Unit], triples: Iterable[Triple]) -> list[LevelMix]:
    """Per (period, level), the indicators held both by a general unit and by others."""
    sides: dict[tuple[str, Level, str], tuple[set[str], set[str]]] = {}
    for period, code, indicator in triples:
        unit = units.get(code)
        if unit is None:
            continue
        general, others = sides.setdefault((period, unit.level, indicator), (set(), set()))
        (general if unit.kind is UnitKind.GENERAL else others).add(code)
    out: dict[tuple[str, Level], LevelMix] = {}
    for (period, level, indicator), (general, others) in sorted(sides.items()):
        if general and others:
            mix = out.setdefault((period, level), LevelMix(period, level))
            mix.indicators.add(indicator)
            mix.general |= general
            mix.units |= others
    return list(out.values())


def stored_triples(db: Database, periods: Iterable[str]) -> set[Triple]:
    """(period, unit, indicator) of every stored figure in ``periods``."""
    codes = sorted(set(periods))
    if not codes:
        return set()
    marks = ",".join("?" * len(codes))
    # On the integer-keyed table first (the distinct pairs of a period are few), then the
    # codes: through the data_values view this took 170 ms on a province's quarter.
    rows = db.execute(
        "SELECT p.code, u.code, i.code FROM (SELECT DISTINCT period_id, unit_id, indicator_id "
        f"FROM figures WHERE period_id IN (SELECT id FROM periods WHERE code IN ({marks}))) f "
        "JOIN periods p ON p.id = f.period_id JOIN units u ON u.id = f.unit_id "
        "JOIN indicators i ON i.id = f.indicator_id",
        codes,
    ).fetchall()
    return {(p, u, i) for p, u, i in rows}


def _names(units: Mapping[str, Unit], codes: set[str], limit: int = 3) -> str:
    names = sorted(units[c].name for c in codes)
    more = f" và {len(names) - limit} đơn vị khác" if len(names) > limit else ""
    return ", ".join(f"“{n}”" for n in names[:limit]) + more


def _indicators(mix: LevelMix, limit: int = 3) -> str:
    codes = sorted(mix.indicators)
    more = f"… ({len(codes)} chỉ tiêu)" if len(codes) > limit else ""
    return ", ".join(codes[:limit]) + more


def mix_message(units: Mapping[str, Unit], mix: LevelMix, adding_totals: bool) -> str:
    general = _names(units, mix.general)
    others = _names(units, mix.units)
    if adding_totals:
        return (
            f"Kỳ {mix.period}, {mix.level.label}: tệp ghi số liệu tổng của cả cấp vào {general} "
            f"trong khi {others} đã có số liệu riêng của cùng chỉ tiêu ({_indicators(mix)}) "
            "trong kỳ này. Lưu cả hai thì tổng của cấp "
            "bị cộng trùng (gấp đôi), nên không nhập. Nếu muốn thay số liệu từng đơn vị bằng số "
            "liệu tổng, hãy xóa số liệu của các đơn vị đó trong kỳ trước; nếu không, hãy nhập "
            "tệp của từng đơn vị."
        )
    return (
        f"Kỳ {mix.period}, {mix.level.label}: tệp ghi số liệu cho {others} trong khi {general} "
        f"đã có số liệu tổng của cả cấp cho cùng chỉ tiêu ({_indicators(mix)}) trong kỳ này. Lưu cả hai thì tổng của cấp bị cộng trùng "
        "(gấp đôi), nên không nhập. Hãy xóa số liệu chung của cấp trong kỳ trước nếu từ nay "
        "nhập theo từng đơn vị."
    )


def validation_text(units: Mapping[str, Unit], mix: LevelMix) -> str:
    return (
        f"{mix.level.label.capitalize()} có cả số liệu chung ({_names(units, mix.general)}) "
        f"và số liệu từng đơn vị ({_names(units, mix.units)}) cho cùng chỉ tiêu "
        f"({_indicators(mix)}): tổng của cấp cộng cả hai nên "
        "có thể bị tính trùng. Hãy giữ một trong hai."
    )


def import_mixes(
    db: Database, units: Mapping[str, Unit], planned: Iterable[Triple]
) -> list[tuple[LevelMix, bool, set[Triple]]]:
    """Mixes an import of ``planned`` figures would create or add to: each with whether the
    import brings the level totals, and the planned figures involved."""
    planned = set(planned)
    triples = stored_triples(db, {p for p, _, _ in planned}) | planned
    out = []
    for mix in level_mixes(units, triples):
        involved = {
            t
            for t in planned
            if t[0] == mix.period and t[2] in mix.indicators and t[1] in mix.general | mix.units
        }
        if not involved:
            continue  # an older mix this import does not add to; validate reports it
        adding_totals = any(units[u].kind is UnitKind.GENERAL for _, u, _ in involved)
        out.append((mix, adding_totals, involved))
    return out
