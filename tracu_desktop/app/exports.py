"""Export forms and the report: the one loop behind the command line, the GUI and packages.

One connection serves the whole run and each form's table is built once, however many
formats it is written in. Files are written atomically by the renderers, so a failure or
a cancel leaves the finished files and nothing half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracu_desktop.app.session import Source, opened
from tracu_desktop.core.formtable import FormTable
from tracu_desktop.db.handle import Database
from tracu_desktop.export.api import ExportItem
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report

__all__ = ["ExportItem", "ExportFailed", "ExportResult", "export_files", "export_targets"]


class ExportFailed(Exception):
    """One file could not be written; ``written`` are the files finished before it.

    ``str()`` is the cause's Vietnamese message; ``cause`` is the original error."""

    def __init__(self, cause: Exception, written: list[Path]):
        super().__init__(str(cause))
        self.cause = cause
        self.written = written


@dataclass
class ExportResult:
    paths: list[Path] = field(default_factory=list)


def standard_target(org_short: str, period: str, item: ExportItem, out_dir: Path) -> Path:
    """The file name an item gets in a folder (``TraCu_2023_06b.xlsx``, ``…_BaoCao.docx``)."""
    from tracu_desktop.export.naming import export_filename

    if item.kind == "form":
        return out_dir / export_filename(org_short, period, item.code, item.fmt)
    ext = "docx" if item.fmt == "docx" else "pdf"
    name = "BaoCao" if item.fmt != "package" else "BaoCao_PhuLuc"
    return out_dir / export_filename(org_short, period, name, ext)


def write_one(
    db: Database,
    period: str,
    item: ExportItem,
    target: Path,
    tables: dict[str, FormTable],
    on: date | None,
    appendices: Sequence[str] | None = None,
) -> Path:
    """Write one item; ``tables`` caches form tables across the calls of one run;
    ``appendices``: the forms of the print package (default: the renderer's)."""
    if item.kind == "form":
        from tracu_desktop.export.forms_export import export_form, form_table

        if item.code not in tables:  # one table per form, rendered in every format
            tables[item.code] = form_table(db, period, item.code, on=on)
        return export_form(db, period, item.code, item.fmt, target, table=tables[item.code])
    from tracu_desktop.export.report_export import export_report

    if appendices is not None:
        return export_report(db, period, item.fmt, target, forms=appendices)
    return export_report(db, period, item.fmt, target)


def write_items(
    db: Database,
    period: str,
    targets: Sequence[tuple[ExportItem, Path]],
    *,
    on: date | None = None,
    appendices: Sequence[str] | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> list[Path]:
    """Write each (item, path) on an open connection; raises :class:`ExportFailed`."""
    written: list[Path] = []
    tables: dict[str, FormTable] = {}
    total = len(targets)
    for done, (item, target) in enumerate(targets):
        check(is_cancelled)
        report(progress, done, total)
        try:
            written.append(write_one(db, period, item, target, tables, on, appendices))
        except Exception as exc:
            raise ExportFailed(exc, list(written)) from exc
    report(progress, total, total)
    return written


def export_targets(
    source: Source,
    period: str,
    targets: Sequence[tuple[ExportItem, Path]],
    *,
    on: date | None = None,
    appendices: Sequence[str] | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ExportResult:
    """Write each item to its own path (the command line names single files itself);
    ``appendices``: the forms of a print package, in order."""
    from tracu_desktop.db.periods import require_period

    with opened(source) as db:
        code = require_period(db, period).code
        paths = write_items(
            db,
            code,
            targets,
            on=on,
            appendices=appendices,
            progress=progress,
            is_cancelled=is_cancelled,
        )
        return ExportResult(paths)


def export_files(
    source: Source,
    period: str,
    items: Sequence[ExportItem],
    out_dir: Path,
    *,
    on: date | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ExportResult:
    """Write each item into ``out_dir`` under its standard file name."""
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.db.periods import require_period

    with opened(source) as db:
        org = require_organisation(db)
        code = require_period(db, period).code
        targets = [(i, standard_target(org.short_name, code, i, Path(out_dir))) for i in items]
        paths = write_items(db, code, targets, on=on, progress=progress, is_cancelled=is_cancelled)
        return ExportResult(paths)
