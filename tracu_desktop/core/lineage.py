"""Lineage of units that change over time: which units exist during a date range, and
which former units a unit took over.

A unit exists from ``valid_from`` to ``valid_to``; when it ends, its ``successors`` take
over. Comparisons across periods compare a unit with the sum of its predecessors where
it did not yet exist, so every former unit must count for exactly one later unit: a
former unit with several successors counts for its first one in code order (the
default share; presets name only that one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from tracu_desktop.core.models import Unit


def _by_code(units: Iterable[Unit] | Mapping[str, Unit]) -> dict[str, Unit]:
    if isinstance(units, Mapping):
        return dict(units)
    return {u.code: u for u in units}


def units_in_force(units: Iterable[Unit], start: date, end: date) -> list[Unit]:
    """The units existing on at least one day of ``start``..``end``, in the given order."""
    return [u for u in units if u.in_force(start, end)]


def primary_successor(unit: Unit, known: Mapping[str, Unit]) -> str | None:
    """The one unit a former unit's figures count for: its first known successor."""
    for code in sorted(unit.successors):
        if code in known and code != unit.code:
            return code
    return None


def direct_predecessors(units: Iterable[Unit] | Mapping[str, Unit]) -> dict[str, tuple[str, ...]]:
    """``{unit: former units whose primary successor it is}``, each list in code order."""
    known = _by_code(units)
    found: dict[str, list[str]] = {}
    for unit in known.values():
        successor = primary_successor(unit, known)
        if successor is not None:
            found.setdefault(successor, []).append(unit.code)
    return {code: tuple(sorted(codes)) for code, codes in found.items()}


def predecessors(units: Iterable[Unit] | Mapping[str, Unit], code: str) -> tuple[str, ...]:
    """Every former unit that ``code`` took over, transitively, nearest first."""
    direct = direct_predecessors(units)
    out: list[str] = []
    seen = {code}
    queue = list(direct.get(code, ()))
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        out.append(current)
        queue.extend(direct.get(current, ()))
    return tuple(out)


def representatives(
    units: Iterable[Unit] | Mapping[str, Unit], start: date, end: date
) -> dict[str, str]:
    """``{unit: the unit in force during start..end that its figures count for}``.

    A unit in force stands for itself; a former unit stands for the nearest unit in force
    down its chain of primary successors. Units with no such unit (ended without a
    successor, or not yet started with no predecessor role) are left out.
    """
    known = _by_code(units)
    out: dict[str, str] = {}
    for code, unit in known.items():
        current: Unit | None = unit
        seen: set[str] = set()
        while current is not None and current.code not in seen:
            seen.add(current.code)
            if current.in_force(start, end):
                out[code] = current.code
                break
            nxt = primary_successor(current, known)
            current = known.get(nxt) if nxt else None
    return out


def comparison_groups(
    units: Iterable[Unit] | Mapping[str, Unit], start: date, end: date
) -> dict[str, tuple[str, ...]]:
    """``{unit in force: (itself, former units it stands for …)}`` for start..end.

    A former unit that is itself in force during the range keeps its own group (a period
    straddling a change shows both), so every unit belongs to one group at most and sums
    over groups count each figure once.
    """
    known = _by_code(units)
    reps = representatives(known, start, end)
    groups: dict[str, list[str]] = {code: [code] for code, rep in reps.items() if rep == code}
    for code, rep in reps.items():
        if rep != code:
            groups[rep].append(code)
    return {rep: (rep, *sorted(rest)) for rep, (_self, *rest) in groups.items()}


def lineage_scope(
    units: Iterable[Unit] | Mapping[str, Unit], start: date, end: date
) -> set[str] | None:
    """Codes of the units whose figures an earlier period's comparison with ``start..end``
    should count (the units in force then and the former units they stand for); ``None``
    when every unit counts, i.e. the catalog has no lineage to follow."""
    known = _by_code(units)
    reps = representatives(known, start, end)
    if len(reps) == len(known):
        return None
    return set(reps)


def has_lineage(units: Iterable[Unit]) -> bool:
    """Whether any unit has dates or successors (a 2023-style catalog has none)."""
    return any(u.valid_from or u.valid_to or u.successors for u in units)


def dated_name(unit: Unit, start: date, end: date) -> str:
    """The unit's name, with its dates where they cut into ``start``..``end`` (a period
    straddling a change lists old and new units: "Xã Tân Sơn (đến 30/06/2025)")."""
    from tracu_desktop.core.vnformat import format_date

    begins = unit.valid_from is not None and unit.valid_from > start
    ends = unit.valid_to is not None and unit.valid_to < end
    if begins and ends:
        return f"{unit.name} ({format_date(unit.valid_from)} – {format_date(unit.valid_to)})"
    if begins:
        return f"{unit.name} (từ {format_date(unit.valid_from)})"
    if ends:
        return f"{unit.name} (đến {format_date(unit.valid_to)})"
    return unit.name
