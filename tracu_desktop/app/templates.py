"""Entry templates for the units that send figures (one workbook per unit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.app.session import Source, opened
from tracu_desktop.infra.progress import IsCancelled, Progress


@dataclass
class TemplateResult:
    paths: list[Path] = field(default_factory=list)


def make_templates(
    source: Source,
    period: str,
    unit: str,
    output: Path,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> TemplateResult:
    """``unit``: a unit code, or ``all`` for every commune and office; ``output``: an
    ``.xlsx`` file for one unit, else a folder."""
    from tracu_desktop.interchange.template_xlsx import write_templates

    with opened(source) as db:
        paths = write_templates(
            db, period, unit, Path(output), progress=progress, is_cancelled=is_cancelled
        )
        return TemplateResult(paths)
