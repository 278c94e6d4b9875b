"""Validate a period: the check that export, report and package run before writing."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracu_desktop.app.session import Source, opened
from tracu_desktop.core.validation import Issue
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report


@dataclass
class PeriodCheck:
    period: str  # the normalised code
    label: str  # "năm 2023", for messages
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


def validate_period(
    source: Source,
    period: str,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PeriodCheck:
    """Every rule of the period's figures (``PeriodError`` for an unknown period)."""
    from tracu_desktop.db.checks import validate_period as run_checks
    from tracu_desktop.db.periods import require_period

    with opened(source) as db:
        check(is_cancelled)
        report(progress, 0, 1)
        p = require_period(db, period)
        result = PeriodCheck(p.code, p.label(), run_checks(db, p.code))
        report(progress, 1, 1)
        return result
