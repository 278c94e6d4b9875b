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
    with_outliers: bool = False,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PeriodCheck:
    """Every rule of the period's figures (``PeriodError`` for an unknown period);
    ``with_outliers`` adds the warnings about unusual figures and about figures an import
    profile's rule filled in, and puts errors first."""
    from tracu_desktop.db.checks import validate_period as run_checks
    from tracu_desktop.db.periods import require_period

    with opened(source) as db:
        check(is_cancelled)
        report(progress, 0, 1)
        p = require_period(db, period)
        issues = run_checks(db, p.code)
        if with_outliers:
            from tracu_desktop.db.figure_notes import rule_note_issues
            from tracu_desktop.db.outliers import outlier_issues

            issues += outlier_issues(db, p.code) + rule_note_issues(db, p.code)
            issues.sort(key=lambda i: (not i.is_error, i.message))
        report(progress, 1, 1)
        return PeriodCheck(p.code, p.label(), issues)
