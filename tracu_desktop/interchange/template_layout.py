"""Cell layout of the entry templates, shared by the writer and the importer.

A template has one sheet per form (06, 05a); each row is a field of the unit's level and
each input column an indicator. The layout (sheet, first row, field codes, columns) is
stored in the template's hidden metadata sheet with a SHA-256 of its JSON, so the
importer reads exactly the cells it wrote and refuses a template whose layout was edited.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

TEMPLATE_KIND = "tracu-desktop-template"
TEMPLATE_VERSION = 1
META_SHEET = "_tracu_meta"
FIRST_DATA_ROW = 9  # rows 1-3 title, 5-7 headers, 8 column numbers

# (column letter, indicator or None for a formula total, column number printed on the form)
FORM06_COLUMNS: tuple[tuple[str, str | None, int], ...] = (
    ("C", None, 3),
    ("D", "received_online", 4),
    ("E", "received_direct", 5),
    ("F", "carried_over", 6),
    ("G", None, 7),
    ("H", "resolved_early", 8),
    ("I", "resolved_on_time", 9),
    ("J", "resolved_late", 10),
    ("K", None, 11),
    ("L", "pending_on_time", 12),
    ("M", "pending_overdue", 13),
)
FORM06_FORMULAS = {"C": ("D", "E", "F"), "G": ("H", "I", "J"), "K": ("L", "M")}

FORM05A_COLUMNS: tuple[tuple[str, str | None, int], ...] = (
    ("C", None, 3),
    ("D", "pakn_received_conduct", 4),
    ("E", "pakn_received_regulation", 5),
    ("F", None, 6),
    ("G", "pakn_done_conduct", 7),
    ("H", "pakn_done_regulation", 8),
    ("I", None, 9),
    ("J", "pakn_pending_conduct", 10),
    ("K", "pakn_pending_regulation", 11),
    ("L", "pakn_published", 12),
)
FORM05A_FORMULAS = {"C": ("D", "E"), "F": ("G", "H"), "I": ("J", "K")}

SHEETS = {"06": "Bieu06", "05a": "Bieu05a"}
COLUMNS = {"06": FORM06_COLUMNS, "05a": FORM05A_COLUMNS}
FORMULAS = {"06": FORM06_FORMULAS, "05a": FORM05A_FORMULAS}


@dataclass(frozen=True)
class TemplateLayout:
    """Where each figure of a template lives."""

    unit: str
    period: str
    fields: tuple[str, ...]  # field codes, one row each from FIRST_DATA_ROW

    def to_json(self) -> str:
        data = {
            "unit": self.unit,
            "period": self.period,
            "first_row": FIRST_DATA_ROW,
            "fields": list(self.fields),
            "sheets": {
                form: {"name": SHEETS[form], "columns": [[c, i] for c, i, _ in COLUMNS[form] if i]}
                for form in SHEETS
            },
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def checksum(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    def cells(self) -> list[tuple[str, int, str, str, str]]:
        """``(sheet, row, column letter, field code, indicator)`` of every input cell."""
        out = []
        for form, sheet in SHEETS.items():
            for offset, field in enumerate(self.fields):
                for col, ind, _ in COLUMNS[form]:
                    if ind:
                        out.append((sheet, FIRST_DATA_ROW + offset, col, field, ind))
        return out


def layout_from_json(text: str) -> TemplateLayout:
    data = json.loads(text)
    return TemplateLayout(str(data["unit"]), str(data["period"]), tuple(data["fields"]))
