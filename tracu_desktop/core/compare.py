"""Two periods side by side, per unit or per field: received, resolved, late and the three
rates, with their differences. Pure arithmetic and Vietnamese text; the database part
(:mod:`tracu_desktop.db.compare`) supplies the summed figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from tracu_desktop.core.rates import compute_rates
from tracu_desktop.core.vnformat import format_decimal_vi, format_int, format_percent

COMPARE_INPUTS = (
    "received_online",
    "received_direct",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "digitized_dossiers",
)


@dataclass(frozen=True)
class Side:
    """The compared figures of one period: new dossiers (4)+(5), resolved (7), late (10)
    and the report's rates (``None`` where the base is zero or nothing was stored)."""

    received: int
    resolved: int
    late: int
    online: Decimal | None
    on_time: Decimal | None
    digitized: Decimal | None
    has_data: bool

    @classmethod
    def of(cls, figures: Mapping[str, int] | None) -> Side:
        g = {k: int(v or 0) for k, v in (figures or {}).items()}
        r = compute_rates(g)
        return cls(
            received=g.get("received_online", 0) + g.get("received_direct", 0),
            resolved=g.get("resolved_early", 0)
            + g.get("resolved_on_time", 0)
            + g.get("resolved_late", 0),
            late=g.get("resolved_late", 0),
            online=r.online,
            on_time=r.on_time,
            digitized=r.digitized,
            has_data=bool(g),
        )


def add_figures(*maps: Mapping[str, int] | None) -> dict[str, int]:
    """The sum of several ``{indicator: value}`` maps (a unit and its predecessors)."""
    out: dict[str, int] = {}
    for m in maps:
        for k, v in (m or {}).items():
            out[k] = out.get(k, 0) + int(v or 0)
    return out


@dataclass(frozen=True)
class CompareRow:
    """One unit (or field) in both periods; ``former`` names the units summed with it in
    the other period because it did not yet exist then."""

    key: str
    label: str
    former: tuple[str, ...]
    current: Side
    other: Side
    is_total: bool = False


COUNT_NAMES = (("received", "Tiếp nhận mới"), ("resolved", "Đã giải quyết"), ("late", "Quá hạn"))
RATE_NAMES = (
    ("online", "Tỷ lệ trực tuyến"),
    ("on_time", "Tỷ lệ trước và đúng hạn"),
    ("digitized", "Tỷ lệ số hóa"),
)


def header(by: str, current_label: str, other_label: str) -> list[str]:
    """Column headers: the row label, the former units, then each figure in both periods
    and its difference."""
    cols = ["Đơn vị" if by == "unit" else "Lĩnh vực", "Gồm đơn vị trước đây"]
    for _name, label in COUNT_NAMES:
        cols += [f"{label} {current_label}", f"{label} {other_label}", f"{label} chênh lệch"]
    for _name, label in RATE_NAMES:
        cols += [
            f"{label} {current_label}",
            f"{label} {other_label}",
            f"{label} chênh lệch (điểm %)",
        ]
    return cols


def _signed_int(value: int) -> str:
    return ("+" if value > 0 else "") + format_int(value)


def _signed_points(a: Decimal | None, b: Decimal | None) -> str:
    if a is None or b is None:
        return "–"
    d = a - b
    return ("+" if d > 0 else "") + format_decimal_vi(d)


def row_cells(row: CompareRow) -> list[str]:
    """The row as printed: ``22.278``, ``69,85%``, differences signed (``+1.234``, ``-2,15``)."""
    cells = [row.label, "; ".join(row.former)]
    for name, _label in COUNT_NAMES:
        a, b = getattr(row.current, name), getattr(row.other, name)
        cells += [
            format_int(a) if row.current.has_data else "–",
            format_int(b) if row.other.has_data else "–",
            _signed_int(a - b) if row.current.has_data and row.other.has_data else "–",
        ]
    for name, _label in RATE_NAMES:
        a, b = getattr(row.current, name), getattr(row.other, name)
        cells += [format_percent(a), format_percent(b), _signed_points(a, b)]
    return cells
