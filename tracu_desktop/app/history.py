"""History packages between a former district and the commune that took its units over:
write one (sender), plan and commit its import (receiver).

Both faces call these verbs: the command line with its open connection, the GUI's
background helper with the database path (the worker opens its own connection). The
plan writes nothing; the commit writes a checked plan in one transaction, after a backup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracu_desktop.app.session import Source, opened
from tracu_desktop.db.values import Change, ChangeResult
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report
from tracu_desktop.interchange.history_import import HistoryPlan
from tracu_desktop.interchange.history_package import HistoryError, HistoryPackageResult

__all__ = [
    "HistoryError",
    "HistoryImportResult",
    "HistoryPackageCheck",
    "HistoryPackageResult",
    "HistoryPlan",
    "HistoryPreview",
    "check_history_package",
    "commit_history",
    "is_history_package",
    "make_history_package",
    "plan_history",
]


@dataclass
class HistoryPreview:
    plan: HistoryPlan
    changes: list[ChangeResult]  # the figures that differ from what is stored (old → new)


@dataclass
class HistoryImportResult:
    changes: list[ChangeResult]
    figures: int
    file: str
    periods: list[str]  # periods whose figures changed (for the pages to refresh)
    units_saved: int  # former units created or linked to the successor
    periods_created: list[str]


@dataclass
class HistoryPackageCheck:
    """Validation errors of the chosen units in the chosen periods (Vietnamese lines)."""

    errors: list[str]


def is_history_package(path: Path | str) -> bool:
    """Whether ``path`` is a history package rather than a one-period report package."""
    from tracu_desktop.interchange.history_package import is_history_package as check_file

    return Path(path).is_file() and check_file(path)


def plan_history(
    source: Source,
    path: Path | str,
    *,
    successor: str | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> HistoryPreview:
    """Read and check a history package: units mapped, periods to create, figures and
    the stored ones they replace; nothing is written. ``successor``: the unit that took
    the sent units over (code or name; by default the organisation's own body)."""
    from tracu_desktop.db.values import plan_changes
    from tracu_desktop.interchange.history_import import plan_history_import

    check(is_cancelled)
    report(progress, 0, 2)
    with opened(source) as db:
        plan = plan_history_import(db, path, successor=successor)
        check(is_cancelled)
        report(progress, 1, 2)
        # Nothing is stored yet for a period or unit the import creates.
        new_periods = {code for code, *_days in plan.periods}
        new_units = {own for _sent, own, created in plan.mapping if created}
        fresh: list[Change] = []
        known: list[Change] = []
        for c in plan.batch:
            is_new = c.key.period in new_periods or c.key.unit in new_units
            (fresh if is_new else known).append(c)
        changes = plan_changes(db, known) if plan.ok and known else []
        changes += [ChangeResult(None, c.new, c.key) for c in fresh]
    report(progress, 2, 2)
    return HistoryPreview(plan, changes)


def commit_history(
    source: Source,
    plan: HistoryPlan,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> HistoryImportResult:
    """Write a checked plan (units, periods, figures, arrivals) in one transaction.

    Cancelling is only heard before the write starts: a started write finishes whole."""
    from tracu_desktop.interchange.history_import import commit_history_import

    if not plan.ok:
        raise ValueError("Gói số liệu cũ còn lỗi: chưa ghi gì.")
    check(is_cancelled)
    report(progress, 0, 1)
    with opened(source) as db:
        done = commit_history_import(db, plan)
    report(progress, 1, 1)
    return HistoryImportResult(
        changes=done,
        figures=plan.figures,
        file=plan.file,
        periods=sorted({c.key.period for c in done}),
        units_saved=len(plan.units),
        periods_created=[code for code, _start, _end in plan.periods],
    )


def check_history_package(
    source: Source, periods: Sequence[str], units: Sequence[str]
) -> HistoryPackageCheck:
    """The errors that hold a history package back (other units' errors do not)."""
    from tracu_desktop.interchange.history_package import unit_errors

    with opened(source) as db:
        return HistoryPackageCheck(unit_errors(db, list(periods), list(units)))


def make_history_package(
    source: Source,
    periods: Sequence[str],
    units: Sequence[str],
    path: Path | str,
    *,
    sign: Callable[[bytes], bytes] | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> HistoryPackageResult:
    """Write the figures of ``units`` (codes or names) in ``periods`` as one package,
    atomically; ``sign`` signs its manifest. Raises :class:`HistoryError`."""
    from tracu_desktop.interchange.history_package import write_history_package

    if not units or not periods:
        raise HistoryError("Cần ít nhất một kỳ (--period) và một đơn vị (--units).")
    check(is_cancelled)
    report(progress, 0, 1)
    with opened(source) as db:
        result = write_history_package(db, list(periods), list(units), path, sign=sign)
    report(progress, 1, 1)
    return result
