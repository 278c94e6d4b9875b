"""Roll a period up from its months (or quarters): plan, then commit, as service verbs.

The dialog runs them through the background helper with the database path (the worker
opens its own connection); reading every sub-period of a large organisation takes long
enough to freeze the window otherwise. The plan writes nothing; the commit is one
transaction, so cancelling is heard only before it starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracu_desktop.app.session import Source, opened
from tracu_desktop.core.rollup import Grain, RollupError
from tracu_desktop.db.rollup import RollupConflict, RollupPlan
from tracu_desktop.db.values import ChangeResult
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report

__all__ = [
    "RollupConflict",
    "RollupError",
    "RollupPlan",
    "RollupResult",
    "commit_rollup",
    "plan_rollup",
]


@dataclass
class RollupResult:
    changes: list[ChangeResult]
    period: str  # the rolled-up period (created when it was new)
    created: bool


def plan_rollup(
    source: Source,
    period: str,
    grain: Grain | None = None,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> RollupPlan:
    """What rolling ``period`` up from its sub-periods would write; raises
    :class:`RollupError` with a Vietnamese message when it cannot be rolled up."""
    from tracu_desktop.db.rollup import plan_rollup as plan

    check(is_cancelled)
    report(progress, 0, 1)
    with opened(source) as db:
        result = plan(db, period, grain)
    report(progress, 1, 1)
    return result


def commit_rollup(
    source: Source,
    plan: RollupPlan,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> RollupResult:
    """Write a plan in one transaction; entered figures are replaced only with ``replace``
    (else :class:`RollupConflict`)."""
    from tracu_desktop.db.rollup import commit_rollup as commit

    check(is_cancelled)
    report(progress, 0, 1)
    with opened(source) as db:
        done = commit(db, plan, replace=replace)
    report(progress, 1, 1)
    return RollupResult(done, plan.target.code, not plan.target_exists)
