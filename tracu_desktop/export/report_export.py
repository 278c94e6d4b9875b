"""Export of the narrative report: Word, PDF, and the print package (report + appendices).

:func:`export_report` is the contract used by :mod:`tracu_desktop.export.api`. The
print package is the report PDF followed by each appendix form's PDF (by default the
forms whose spec says ``print_set = true``; forms are landscape pages), merged with pypdf.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tracu_desktop.core.formspec import form_codes, print_set
from tracu_desktop.core.report.compose import ComposedReport
from tracu_desktop.db.handle import Database

REPORT_FORMATS = ("docx", "pdf", "package")


class ReportExportError(ValueError):
    """The report cannot be produced (unknown format, bad texts); message in Vietnamese."""


def compose_report(db: Database, period: str) -> ComposedReport:
    """The period's report with every placeholder filled (raises on unknown placeholders)."""
    from tracu_desktop.core.report.compose import compose
    from tracu_desktop.core.report.templates import builtin_template
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.db.periods import require_period
    from tracu_desktop.db.report_figures import report_context
    from tracu_desktop.db.report_texts import load_report_texts

    p = require_period(db, period)
    org = require_organisation(db)
    return compose(
        p,
        org,
        builtin_template(org.level),
        load_report_texts(db, p.code),
        report_context(db, p.code),
    )


def _package(
    db: Database, period: str, report: ComposedReport, path: Path, forms: Sequence[str]
) -> Path:
    import io
    import tempfile
    from dataclasses import replace

    from pypdf import PdfWriter

    from tracu_desktop.export.forms_export import export_form
    from tracu_desktop.export.report_pdf import write_pdf
    from tracu_desktop.export.signature_slots import (
        SignatureSlot,
        add_signature_fields,
        read_slots,
        renumber_attachments,
    )
    from tracu_desktop.infra.fileio import atomic_path

    with tempfile.TemporaryDirectory(prefix="tracu-package-") as tmp_dir:
        tmp = Path(tmp_dir)
        parts = [write_pdf(report, tmp / "report.pdf")]
        for code in forms:
            # Appendices carry the report's date on their place-and-date line.
            target = tmp / f"{code}.pdf"
            parts.append(export_form(db, period, code, "pdf", target, on=report.report_date))
        writer = PdfWriter()
        slots: list[SignatureSlot] = []
        for part in parts:
            # The parts' signature fields are placed again on the merged pages.
            slots += [s.shifted(len(writer.pages)) for s in read_slots(part.read_bytes())]
            writer.append(str(part), excluded_fields=["/Annots", "/B", "/AcroForm"])
        number = report.number_line.strip()
        slots = [replace(s, tooltip=number) if s.role == "attachment" else s for s in slots]
        buf = io.BytesIO()
        writer.write(buf)
        writer.close()
        with atomic_path(path) as out:
            out.write_bytes(add_signature_fields(buf.getvalue(), renumber_attachments(slots)))
    return Path(path)


def export_report(
    db: Database,
    period: str,
    fmt: str,
    path: Path,
    *,
    forms: Sequence[str] | None = None,
) -> Path:
    """Write the period's report as ``docx``, ``pdf`` or ``package`` (report + ``forms``,
    by default the print set of the form specs)."""
    if fmt not in REPORT_FORMATS:
        raise ReportExportError(
            f"Định dạng báo cáo “{fmt}” không hỗ trợ; dùng: {', '.join(REPORT_FORMATS)}."
        )
    from tracu_desktop.db.periods import require_period

    if forms is None:
        forms = print_set()
    known = form_codes()
    if fmt == "package":
        unknown = [code for code in forms if code not in known]
        if unknown or not forms:
            raise ReportExportError(
                f"Phụ lục “{', '.join(unknown)}” không có; chọn trong: {', '.join(known)}."
                if unknown
                else "Bộ in cần ít nhất một phụ lục."
            )
    period = require_period(db, period).code  # "2024-q1" → "2024-Q1" for the form exports
    report = compose_report(db, period)
    if fmt == "docx":
        from tracu_desktop.export.report_docx import write_docx

        return write_docx(report, Path(path))
    if fmt == "pdf":
        from tracu_desktop.export.report_pdf import write_pdf

        return write_pdf(report, Path(path))
    return _package(db, period, report, Path(path), forms)
