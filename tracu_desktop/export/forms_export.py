"""Export one appendix form of a period as Excel or PDF.

:func:`export_form` is the entry point used by :mod:`tracu_desktop.export.api`, the
command line and the GUI: it builds the form's table from the database and renders it,
writing atomically (a failed export leaves no file under the final name).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracu_desktop.core.formtable import FormTable
from tracu_desktop.db.handle import Database

FORMATS = ("xlsx", "pdf")


class ExportFormatError(ValueError):
    """Unknown output format."""


def form_table(db: Database, period: str, form_code: str, *, on: date | None = None) -> FormTable:
    """The form's table from the database, ready for any renderer."""
    from tracu_desktop.export.form_data import build_form_table

    return build_form_table(db, period, form_code, on=on)


def export_form(
    db: Database,
    period: str,
    form_code: str,
    fmt: str,
    path: Path,
    *,
    on: date | None = None,
    table: FormTable | None = None,
) -> Path:
    """Write form ``form_code`` of ``period`` to ``path`` as ``fmt`` ("xlsx" or "pdf").

    ``on`` is the date of the place-and-date line (default: the period's report
    date, ``report-meta --date`` or the day after the period ends). ``table`` lets a
    caller writing both formats build the table once (:func:`form_table`).
    Returns ``path``.
    """
    if fmt not in FORMATS:
        raise ExportFormatError(f"Định dạng '{fmt}' không hỗ trợ cho biểu mẫu (chọn: xlsx, pdf).")
    if table is None:
        table = form_table(db, period, form_code, on=on)
    if fmt == "xlsx":
        from tracu_desktop.export.xlsx_form import write_xlsx

        return write_xlsx(table, Path(path))
    from tracu_desktop.export.pdf_form import write_pdf

    return write_pdf(table, Path(path))
