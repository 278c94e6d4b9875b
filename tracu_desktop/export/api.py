"""One entry point for every export, used by the command line and the GUI's worker.

Renderers live in :mod:`tracu_desktop.export.forms_export` (appendix forms) and
:mod:`tracu_desktop.export.report_export` (narrative report, print package). This module
only dispatches, so callers need not know which renderer makes which file.
Runs in any thread: it opens its own database connection from ``db_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracu_desktop.core.formspec import form_codes

FORM_FORMATS = ("xlsx", "pdf")
# The bundled forms in list order (from resources/forms); call form_codes() to see a
# resources folder chosen after start-up.
FORM_CODES = form_codes()
REPORT_FORMATS = ("docx", "pdf", "package")

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class ExportCancelled(Exception):
    """The user cancelled; files already finished stay, the one in progress is not written."""


@dataclass(frozen=True)
class ExportItem:
    kind: str  # "form" or "report"
    code: str  # form code ("06b") or "report"
    fmt: str  # "xlsx" / "pdf" for forms; "docx" / "pdf" / "package" for the report


def run_exports(
    db_path: Path,
    period: str,
    items: Sequence[ExportItem],
    out_dir: Path,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> list[Path]:
    """Write each item into ``out_dir`` under its standard file name; returns the paths."""
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.periods import require_period
    from tracu_desktop.export.naming import export_filename

    db = open_database(db_path, create=False)
    try:
        org = require_organisation(db)
        p = require_period(db, period)
        written: list[Path] = []
        total = len(items)
        for done, item in enumerate(items):
            if is_cancelled is not None and is_cancelled():
                raise ExportCancelled()
            if progress is not None:
                progress(done, total)
            if item.kind == "form":
                from tracu_desktop.export.forms_export import export_form

                target = out_dir / export_filename(org.short_name, p.code, item.code, item.fmt)
                written.append(export_form(db, p.code, item.code, item.fmt, target))
            else:
                from tracu_desktop.export.report_export import export_report

                ext = "docx" if item.fmt == "docx" else "pdf"
                name = "BaoCao" if item.fmt != "package" else "BaoCao_PhuLuc"
                target = out_dir / export_filename(org.short_name, p.code, name, ext)
                written.append(export_report(db, p.code, item.fmt, target))
        if progress is not None:
            progress(total, total)
        return written
    finally:
        db.close()
