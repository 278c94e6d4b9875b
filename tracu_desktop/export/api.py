"""What can be exported: the items both faces choose from.

The loop that writes them is :mod:`tracu_desktop.app.exports` (one connection, each
form's table built once); renderers live in :mod:`tracu_desktop.export.forms_export`
(appendix forms) and :mod:`tracu_desktop.export.report_export` (report, print package).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracu_desktop.core.formspec import form_codes

FORM_FORMATS = ("xlsx", "pdf")
# The bundled forms in list order (from resources/forms); call form_codes() to see a
# resources folder chosen after start-up.
FORM_CODES = form_codes()
REPORT_FORMATS = ("docx", "pdf", "package")


@dataclass(frozen=True)
class ExportItem:
    kind: str  # "form" or "report"
    code: str  # form code ("06b") or "report"
    fmt: str  # "xlsx" / "pdf" for forms; "docx" / "pdf" / "package" for the report
