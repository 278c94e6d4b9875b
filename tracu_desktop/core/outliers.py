"""Min–max style outlier checks: a figure far from the same cell's own history.

A unit's figure is flagged when it is more than ``factor`` times, or less than
1/``factor`` of, its average over the earlier periods given (the caller passes the last
four periods of the same kind). Typing slips such as an extra zero show up here before
the forms are printed. Pure functions over plain mappings; the database helper lives
in :mod:`tracu_desktop.db.outliers`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from tracu_desktop.core.validation import CellKey, Issue, Names, Severity
from tracu_desktop.core.vnformat import format_decimal_vi, format_int

RULE_OUTLIER = "outlier"
DEFAULT_FACTOR = 3
HISTORY_LENGTH = 4
# Below this size (value and average both), ratios mean little: 1 against 4 is no slip.
DEFAULT_MIN_SIZE = 10


def cell_average(history: Sequence[Mapping[CellKey, int]], key: CellKey) -> Decimal | None:
    """Average of a cell over the periods that hold a value for it; ``None`` if none do."""
    seen = [h[key] for h in history if key in h]
    if not seen:
        return None
    return Decimal(sum(seen)) / Decimal(len(seen))


def find_outliers(
    current: Mapping[CellKey, int],
    history: Sequence[Mapping[CellKey, int]],
    names: Names,
    indicator_labels: Mapping[str, str] | None = None,
    *,
    factor: int = DEFAULT_FACTOR,
    min_size: int = DEFAULT_MIN_SIZE,
) -> list[Issue]:
    """Warnings for cells of ``current`` outside [average / factor, average × factor]."""
    labels = indicator_labels or {}
    issues: list[Issue] = []
    for key in sorted(current):
        value = current[key]
        avg = cell_average(history, key)
        if avg is None or avg == 0:
            continue
        if max(Decimal(value), avg) < min_size:
            continue
        high = value > avg * factor
        low = value * factor < avg
        if not (high or low):
            continue
        unit, field, indicator = key
        what = labels.get(indicator, indicator)
        n = sum(1 for h in history if key in h)
        direction = "cao hơn 3 lần" if high else "thấp hơn 1/3"
        if factor != DEFAULT_FACTOR:
            direction = f"cao hơn {factor} lần" if high else f"thấp hơn 1/{factor}"
        issues.append(
            Issue(
                RULE_OUTLIER,
                Severity.WARNING,
                f"{names.where(unit, field)}: “{what}” = {format_int(value)} {direction} "
                f"mức trung bình {format_decimal_vi(avg, 1)} của {n} kỳ trước — kiểm tra lại "
                "(có thể gõ thừa hoặc thiếu chữ số).",
                unit,
                field,
                indicator,
            )
        )
    return issues
