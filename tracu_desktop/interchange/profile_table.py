"""Read a table through an import profile: sums, ignored columns, stated split rules.

Rows per field (06b style) go to the file's unit (chosen, named in the title, or each
level's general unit under a section heading); rows per unit (06a style) go to the named
unit under its level's “Không phân theo lĩnh vực” field. Rows without figures (section
headings, signature lines) are skipped; total rows are not figures. Every figure keeps
the cell it came from; figures filled by a split rule carry a note saying so.
"""

from __future__ import annotations

import re

from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.interchange.datavalues import Catalog
from tracu_desktop.interchange.header_grid import HeaderGrid, cell_text, is_numeric
from tracu_desktop.interchange.header_match import is_total_label, section_level
from tracu_desktop.interchange.import_profile import (
    EARLY_OR_ON_TIME,
    IGNORE,
    ROWS_AUTO,
    ROWS_UNIT,
    SPLIT_EARLY,
    SPLIT_NONE,
    SPLIT_ON_TIME,
    ImportProfile,
    split_rules,
)
from tracu_desktop.interchange.sheet_reader import SheetData
from tracu_desktop.interchange.unit_table import unassigned_field, unit_of_row
from tracu_desktop.interchange.workbook_parse import (
    KIND_TABLE,
    Figure,
    Mapping_,
    Message,
    ParsedWorkbook,
    Unmatched,
    Where,
    _general_unit,
    _title_unit_text,
    _unit_by_name,
    _value,
    finish_table,
    mapping_key,
)


def rule_note(profile: ImportProfile, caption: str) -> str:
    """The note carried by figures a split rule filled."""
    return (
        f"Lấy theo quy tắc của hồ sơ nhập “{profile.name}”: cột “{caption}” không tách "
        f"trước hạn/đúng hạn; {split_rules()[profile.split]}."
    )


def _row_kind(profile: ImportProfile, grid: HeaderGrid, sheet: SheetData, catalog: Catalog) -> str:
    if profile.rows != ROWS_AUTO:
        return profile.rows
    if grid.label_kind:
        return grid.label_kind
    # Not said by the caption: rows naming units make a table per unit.
    units = fields = 0
    for r in range(grid.data_first, min(len(sheet.rows), grid.data_first + 30) + 1):
        label = cell_text(sheet.cell(r, grid.label_col))
        if not label:
            continue
        if unit_of_row(catalog, [label]) is not None:
            units += 1
        elif catalog.field_any_level(label) is not None:
            fields += 1
    return ROWS_UNIT if units > fields else "field"


class _Rows:
    """Resolves the unit of each row of a per-field table (as the caption recogniser does)."""

    def __init__(self, sheet, grid, file, catalog, unit_code, mappings, result) -> None:
        self.catalog, self.result, self.file, self.sheet = catalog, result, file, sheet
        self.fixed: Unit | None = None
        if unit_code:
            self.fixed = catalog.units.get(unit_code) or catalog.unit(unit_code)
            if self.fixed is None:
                result.problems.append(Message(Where(file), f"Không có đơn vị “{unit_code}”."))
        self.title_text = ""
        self.title_unit: Unit | None = None
        if self.fixed is None and not unit_code:
            self.title_text = _title_unit_text(sheet, grid.header_first)
            if self.title_text:
                mapped = mappings.get("unit", {}).get(mapping_key(None, self.title_text))
                self.title_unit = (
                    catalog.units.get(mapped) if mapped else _unit_by_name(catalog, self.title_text)
                )

    def unit(self, section: str | None, where: Where) -> Unit | None:
        if self.fixed is not None:
            return self.fixed
        if self.title_unit is not None and self.title_unit.kind is not UnitKind.BODY:
            return self.title_unit
        if section is not None:
            unit = _general_unit(self.catalog, Level(section))
            if unit is None:
                self.result.problems.append(
                    Message(
                        where,
                        f"Không có đơn vị “số liệu chung” của {Level(section).label} để nhận số liệu.",
                    )
                )
            return unit
        if self.title_unit is not None:
            return self.title_unit
        self.result.problems.append(
            Message(
                where, "Không xác định được đơn vị của số liệu; hãy chọn đơn vị (tùy chọn --unit)."
            )
        )
        return None


def parse_with_profile(
    sheet: SheetData,
    grid: HeaderGrid,
    profile: ImportProfile,
    file: str,
    catalog: Catalog,
    *,
    unit_code: str | None = None,
    mappings: Mapping_ | None = None,
) -> ParsedWorkbook:
    """Figures of ``sheet`` as ``profile`` maps them; writes nothing."""
    mappings = mappings or {}
    result = ParsedWorkbook(file, KIND_TABLE, shape="profile:" + profile.name)
    by_key = grid.by_key()
    missing = [profile.captions.get(k, k) for k in profile.columns if k not in by_key]
    if missing:
        result.problems.append(
            Message(
                Where(file, sheet.name, grid.header_first),
                f"Bảng không có cột {', '.join(f'“{m}”' for m in missing)} của hồ sơ nhập "
                f"“{profile.name}”.",
            )
        )
    unmapped = [c for c in grid.columns if c.key not in profile.columns]
    for c in unmapped:
        result.problems.append(
            Message(
                Where(file, sheet.name, grid.header_first, c.col),
                f"Cột “{c.caption}” chưa có trong hồ sơ nhập “{profile.name}”: hãy ánh xạ cột "
                "này (hoặc chọn bỏ qua) rồi lưu lại hồ sơ.",
            )
        )
    if result.problems:
        return result
    plan: dict[str, list[int]] = {}
    combined: list[int] = []
    for key, targets in profile.columns.items():
        col = by_key[key].col
        for t in targets:
            if t == EARLY_OR_ON_TIME:
                combined.append(col)
            elif t != IGNORE:
                plan.setdefault(t, []).append(col)
    value_cols = sorted({c for cols in plan.values() for c in cols} | set(combined))
    rows_kind = _row_kind(profile, grid, sheet, catalog)
    rows = _Rows(sheet, grid, file, catalog, unit_code, mappings, result)
    if result.problems:
        return result
    combined_caption = " + ".join(c.caption for c in grid.columns if c.col in combined)
    note = rule_note(profile, combined_caption) if combined else ""
    if combined and profile.split == SPLIT_NONE:
        result.notes.append(Message(Where(file, sheet.name), note))
    section: str | None = None
    field_maps = mappings.get("field", {})
    unit_maps = mappings.get("unit", {})
    for r in range(grid.data_first, len(sheet.rows) + 1):
        row = sheet.rows[r - 1]
        label_col = grid.label_col
        label = cell_text(row[label_col - 1]) if 0 < label_col <= len(row) else ""
        raw = {c: (row[c - 1] if c - 1 < len(row) else None) for c in value_cols}
        has_figures = any(is_numeric(v) for v in raw.values())
        if label:
            level_name = section_level(label)
            if level_name is not None:
                section = level_name  # its figures, if any, are the level's subtotal
                continue
            if is_total_label(label):
                continue
        if not has_figures:
            continue  # headings, notes and signature lines below the table
        where_label = Where(file, sheet.name, r, label_col)
        if not label:
            result.problems.append(Message(where_label, "Dòng có số liệu nhưng không có tên."))
            continue
        values = {c: _value(v, Where(file, sheet.name, r, c), result) for c, v in raw.items()}
        if rows_kind == ROWS_UNIT:
            mapped = unit_maps.get(mapping_key(None, label))
            texts = [label] + [cell_text(v) for c, v in enumerate(row, 1) if c not in raw]
            unit = catalog.units.get(mapped) if mapped else unit_of_row(catalog, texts)
            if unit is None:
                result.unmatched.append(
                    Unmatched(
                        where_label, label, None, "unit", tuple(catalog.unit_suggestions(label))
                    )
                )
                continue
            fld_code = unassigned_field(catalog, unit.level).code
        else:
            unit = rows.unit(section, where_label)
            if unit is None:
                if rows.fixed is None and section is None:
                    break
                continue
            mapped = field_maps.get(mapping_key(unit.level, label))
            fld = catalog.fields.get(mapped) if mapped else _field_of(catalog, label, unit.level)
            if fld is None:
                result.unmatched.append(
                    Unmatched(
                        where_label,
                        label,
                        unit.level,
                        "field",
                        tuple(catalog.field_suggestions(label, unit.level)),
                    )
                )
                continue
            fld_code = fld.code
        _figures(result, unit.code, fld_code, plan, combined, values, profile, note, sheet.name, r)
    return finish_table(result, file, sheet.name)


_FIELD_PREFIX = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVXLC]+|[a-dA-D])[.)]?\s+|^lĩnh vực\s+", re.I)


def _field_of(catalog: Catalog, label: str, level: Level):
    """The field a row names, also when numbered (“1. Hộ tịch”) or prefixed “Lĩnh vực …”."""
    hit = catalog.field(label, level)
    bare = label
    while hit is None and (shorter := _FIELD_PREFIX.sub("", bare, count=1)) != bare:
        bare = shorter
        hit = catalog.field(bare, level)
    return hit


def _figures(
    result: ParsedWorkbook,
    unit: str,
    field: str,
    plan: dict[str, list[int]],
    combined: list[int],
    values: dict[int, int | None],
    profile: ImportProfile,
    note: str,
    sheet: str,
    row: int,
) -> None:
    """One row's figures: mapped columns summed per indicator, empty cells as 0."""
    sums: dict[str, tuple[int, int]] = {}  # indicator -> (value, first column)
    for ind, cols in plan.items():
        sums[ind] = (sum(values[c] or 0 for c in cols), cols[0])
    notes: dict[str, str] = {}
    if combined:
        together = sum(values[c] or 0 for c in combined)
        if profile.split in (SPLIT_ON_TIME, SPLIT_EARLY):
            gets, zero = (
                ("resolved_on_time", "resolved_early")
                if profile.split == SPLIT_ON_TIME
                else ("resolved_early", "resolved_on_time")
            )
            old, _ = sums.get(gets, (0, combined[0]))
            sums[gets] = (old + together, combined[0])
            sums.setdefault(zero, (0, combined[0]))
            notes[gets] = notes[zero] = note
    for ind, (value, col) in sums.items():
        where = Where(result.file, sheet, row, col)
        result.figures.append(Figure(where, unit, field, ind, value, notes.get(ind, "")))
