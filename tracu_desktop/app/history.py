"""History packages: the past figures of units handed over to a successor (a merger),
written by the old office and imported by the new one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.db.handle import Database
from tracu_desktop.db.values import ChangeResult
from tracu_desktop.interchange.history_import import HistoryPlan
from tracu_desktop.interchange.history_package import HistoryPackageResult


@dataclass
class HistoryPackageOutcome:
    """``issues``: errors in the chosen figures; ``package`` is None when they stopped it."""

    issues: list[str] = field(default_factory=list)
    package: HistoryPackageResult | None = None


def history_issues(db: Database, periods: list[str], units: list[str]) -> list[str]:
    """The errors in the figures of ``units`` in ``periods`` (checked before packing)."""
    from tracu_desktop.interchange.history_package import unit_errors

    return unit_errors(db, periods, units)


def write_history(
    db: Database,
    periods: list[str],
    units: list[str],
    output: Path,
    *,
    sign: Callable[[bytes], bytes] | None = None,
) -> HistoryPackageResult:
    """Write the package without checking; ``HistoryError`` names what cannot be packed."""
    from tracu_desktop.interchange.history_package import write_history_package

    return write_history_package(db, periods, units, output, sign=sign)


def make_history_package(
    db: Database,
    periods: list[str],
    units: list[str],
    output: Path,
    *,
    force: bool = False,
    sign: Callable[[bytes], bytes] | None = None,
) -> HistoryPackageOutcome:
    """Check, then write the package unless the figures have errors and ``force`` is not
    given. (The command line checks first itself, to ask for no PIN when it stops.)"""
    issues = history_issues(db, periods, units)
    if issues and not force:
        return HistoryPackageOutcome(issues)
    return HistoryPackageOutcome(issues, write_history(db, periods, units, output, sign=sign))


def plan_history(db: Database, path: Path, *, successor: str | None = None) -> HistoryPlan:
    """Read and check a history package; writes nothing."""
    from tracu_desktop.interchange.history_import import plan_history_import

    return plan_history_import(db, path, successor=successor)


def commit_history(db: Database, plan: HistoryPlan) -> list[ChangeResult]:
    """Write a checked plan in one transaction; returns the values changed."""
    from tracu_desktop.interchange.history_import import commit_history_import

    return commit_history_import(db, plan)


def is_history_import(paths: list[Path]) -> bool:
    """Whether files given to import hold a history package (imported on its own)."""
    from tracu_desktop.interchange.history_package import is_history_package

    return any(is_history_package(p) for p in paths if Path(p).is_file())
