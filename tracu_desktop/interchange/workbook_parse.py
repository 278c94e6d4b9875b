"""Turn a workbook (template, exported form, one-stop export) into figures, purely.

The result lists every figure with the cell it came from, every problem and every note
(Vietnamese, with file, sheet, row and column), so the caller can preview and write
nothing unless there are no problems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.core.textnorm import match_key, nfc
from tracu_desktop.core.vnformat import BLANK, ParseError, parse_count
from tracu_desktop.interchange.datavalues import Catalog
from tracu_desktop.interchange.header_match import (
    TableShape,
    find_table,
    group_captions,
    is_total_label,
    section_level,
    vocabulary,
)
from tracu_desktop.interchange.legacy_encoding import ENCODING_LABELS, to_unicode
from tracu_desktop.interchange.sheet_reader import (
    DateCell,
    FormulaWithoutValue,
    SheetData,
    column_index,
    column_letter,
)
from tracu_desktop.interchange.template_layout import (
    META_SHEET,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
    layout_from_json,
)

KIND_TEMPLATE = "template"
KIND_TABLE = "table"


@dataclass(frozen=True)
class Where:
    file: str
    sheet: str = ""
    row: int = 0
    col: int = 0

    def __str__(self) -> str:
        # A command-line option (``--period``) can be the source of a problem too.
        parts = [f"Tùy chọn {self.file}" if self.file.startswith("--") else f"Tệp {self.file}"]
        if self.sheet:
            parts.append(f"trang “{self.sheet}”")
        if self.row:
            parts.append(f"dòng {self.row}")
        if self.col:
            parts.append(f"cột {column_letter(self.col)}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Message:
    where: Where
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@dataclass(frozen=True)
class Figure:
    where: Where
    unit: str
    field: str
    indicator: str
    value: int
    note: str = ""  # set when a profile's stated rule, not a source cell, gave the figure


@dataclass(frozen=True)
class Unmatched:
    """A row label that matched no field (or unit); the clerk may map it."""

    where: Where
    label: str
    level: Level | None  # the field's level; None for a unit
    kind: str  # "field" or "unit"
    suggestions: tuple[str, ...]


@dataclass
class ParsedWorkbook:
    file: str
    kind: str = ""
    period: str | None = None
    unit: str | None = None
    shape: str = ""
    figures: list[Figure] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    # The table's header (interchange.header_grid.HeaderGrid) when its columns need mapping.
    layout: object | None = None
    profile: object | None = None  # the import profile that read it (import_profile)


# Confirmed mappings: {"field": {"<level>|<match key of label>": code}, "unit": {...}}
Mapping_ = Mapping[str, Mapping[str, str]]


UNIT_MAPPING = "unit"


def mapping_key(level: Level | str | None, label: str) -> str:
    """Key of a confirmed mapping: the field's level (or ``"unit"``) and the label."""
    if level is None:
        level = UNIT_MAPPING
    return f"{level}|{match_key(label)}"


def _text(value: object) -> str:
    return nfc(str(value)) if value is not None else ""


class _Legacy:
    """Converts legacy-encoded labels and collects one note per file and encoding."""

    def __init__(self, result: ParsedWorkbook):
        self.result = result
        self.seen: dict[str, int] = {}

    def __call__(self, text: str, where: Where) -> str:
        conv = to_unicode(text)
        if conv.encoding is None:
            return conv.text
        count = self.seen.get(conv.encoding, 0)
        self.seen[conv.encoding] = count + 1
        if count == 0:
            self.result.notes.append(
                Message(
                    where,
                    f"Văn bản mã {ENCODING_LABELS[conv.encoding]} đã được chuyển sang Unicode "
                    f"(ví dụ “{conv.original}” → “{conv.text}”).",
                )
            )
        return conv.text


def _value(raw: object, where: Where, result: ParsedWorkbook) -> int | None:
    """A cell as a count; ``None`` when empty; records a problem when unreadable."""
    ref = f"{column_letter(where.col)}{where.row}"
    if isinstance(raw, FormulaWithoutValue):
        result.problems.append(
            Message(
                where,
                f"Ô {ref} có công thức “{raw}” nhưng tệp không lưu kết quả tính (tệp do một "
                "chương trình khác tạo, chưa mở bằng Excel). Không đọc là 0: hãy mở tệp bằng "
                "Excel hoặc LibreOffice, lưu lại rồi nhập lại.",
            )
        )
        return None
    if isinstance(raw, DateCell):
        number = f"{raw.serial:.0f}" if raw.serial.is_integer() else str(raw.serial)
        result.problems.append(
            Message(
                where,
                f"Ô {ref} được định dạng ngày tháng (hiện “{raw.shown()}”), không phải số hồ sơ. "
                f"Nếu đây là số {number}, hãy đổi định dạng ô sang Số (Number) rồi lưu lại.",
            )
        )
        return None
    if isinstance(raw, str):
        raw = raw.strip()
        if raw in ("", "-", "–"):
            return None
    try:
        v = parse_count(raw)  # type: ignore[arg-type]
    except ParseError as exc:
        result.problems.append(Message(where, str(exc)))
        return None
    return None if v is BLANK else int(v)  # type: ignore[arg-type]


def parse_template(sheets: dict[str, SheetData], file: str, catalog: Catalog) -> ParsedWorkbook:
    result = ParsedWorkbook(file, KIND_TEMPLATE)
    meta_sheet = sheets[META_SHEET]
    meta = {_text(r[0]): r[1] for r in meta_sheet.rows if r and r[0] is not None and len(r) > 1}
    where = Where(file, META_SHEET)
    if meta.get("kind") != TEMPLATE_KIND:
        result.problems.append(Message(where, "Trang thông tin của mẫu nhập không hợp lệ."))
        return result
    raw_version = meta.get("version")
    try:
        version = int(raw_version) if isinstance(raw_version, (int, float, str)) else 0
    except ValueError:
        version = 0
    if version > TEMPLATE_VERSION:
        result.problems.append(
            Message(where, f"Mẫu nhập phiên bản {version} mới hơn chương trình; hãy cập nhật.")
        )
        return result
    try:
        layout = layout_from_json(str(meta.get("layout")))
    except (ValueError, KeyError, TypeError):
        result.problems.append(Message(where, "Bố cục của mẫu nhập bị hỏng."))
        return result
    if layout.checksum() != meta.get("checksum"):
        result.problems.append(
            Message(
                where, "Bố cục của mẫu nhập đã bị sửa (mã kiểm tra không khớp); hãy dùng mẫu mới."
            )
        )
        return result
    result.period, result.unit = layout.period, layout.unit
    result.shape = f"template:{layout.checksum()[:16]}"
    unit = catalog.units.get(layout.unit)
    if unit is None:
        result.problems.append(
            Message(
                where,
                f"Đơn vị “{meta.get('unit_name') or layout.unit}” của mẫu nhập không có trong danh mục.",
            )
        )
        return result
    for f in set(layout.fields):
        if f not in catalog.fields:
            result.problems.append(
                Message(where, f"Lĩnh vực mã “{f}” của mẫu nhập không còn trong danh mục.")
            )
    if result.problems:
        return result
    rows_seen: dict[tuple[str, int], list[tuple[int, str, str, int | None]]] = {}
    for sheet_name, row, col_letter, field_code, ind in layout.cells():
        sheet = sheets.get(sheet_name)
        if sheet is None:
            result.problems.append(Message(Where(file, sheet_name), "Thiếu trang tính này."))
            return result
        col = column_index(col_letter)
        w = Where(file, sheet_name, row, col)
        v = _value(sheet.cell(row, col), w, result)
        rows_seen.setdefault((sheet_name, row), []).append((col, field_code, ind, v))
    for (sheet_name, row), cells in rows_seen.items():
        _row_figures(result, sheet_name, row, unit.code, cells)
    return result


def _row_figures(
    result: ParsedWorkbook,
    sheet: str,
    row: int,
    unit: str,
    cells: list[tuple[int, str, str, int | None]],
) -> None:
    """Figures of one row: an all-empty row is skipped, empty cells of a filled row are 0."""
    if all(v is None for _, _, _, v in cells):
        return
    for col, field_code, ind, v in cells:
        w = Where(result.file, sheet, row, col)
        if v is None:
            result.notes.append(Message(w, "Ô trống được hiểu là 0."))
            v = 0
        result.figures.append(Figure(w, unit, field_code, ind, v))


def _general_unit(catalog: Catalog, level: Level) -> Unit | None:
    for u in catalog.units.values():
        if u.kind is UnitKind.GENERAL and u.level is level and u.active:
            return u
    return None


_BODY_PREFIX = re.compile(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.IGNORECASE)


def _title_unit_text(sheet: SheetData, header_first: int) -> str:
    """The reporting unit named above the table (“Đơn vị báo cáo: …”), or ""."""
    for r in range(1, header_first):
        for v in sheet.rows[r - 1]:
            if not isinstance(v, str):
                continue
            text = to_unicode(nfc(v)).text
            m = re.search(r"đơn vị báo cáo\s*:\s*(.+)$", text, re.IGNORECASE)
            if m:
                return m.group(1).strip(" .;")
    return ""


def _unit_by_name(catalog: Catalog, text: str) -> Unit | None:
    """A unit by its name, also when written “UBND …” or without the body prefix."""
    bare = _BODY_PREFIX.sub("", text)
    for candidate in (text, bare, f"Ủy ban nhân dân {bare}"):
        hit = catalog.unit(candidate)
        if hit is not None:
            return hit
    return None


def _text_only(values: Iterable[object]) -> bool:
    """True when the cells hold text but not one digit: a footer, not a row of figures."""
    filled = [v for v in values if v not in (None, "")]
    return bool(filled) and all(isinstance(v, str) and not re.search(r"\d", v) for v in filled)


def parse_table(
    sheet: SheetData,
    shape: TableShape,
    file: str,
    catalog: Catalog,
    *,
    unit_code: str | None,
    mappings: Mapping_,
) -> ParsedWorkbook:
    """A one-stop style 06a/06b table (or the program's own exported form)."""
    result = ParsedWorkbook(file, KIND_TABLE, shape=shape.signature())
    legacy = _Legacy(result)
    if shape.label_kind == "unit":
        vocab = vocabulary()
        result.problems.append(
            Message(
                Where(file, sheet.name, shape.header_first, shape.label_col),
                f"Bảng theo đơn vị (biểu {', '.join(vocab.unit_forms)}) không có lĩnh vực nên "
                f"không nhập được; hãy dùng biểu {', '.join(vocab.field_forms)} (theo lĩnh vực) "
                "hoặc mẫu nhập của đơn vị.",
            )
        )
        return result
    fixed_unit = catalog.units.get(unit_code) if unit_code else None
    if unit_code and fixed_unit is None:
        fixed_unit = catalog.unit(unit_code)
        if fixed_unit is None:
            result.problems.append(Message(Where(file), f"Không có đơn vị “{unit_code}”."))
            return result
    title_text = "" if fixed_unit is not None else _title_unit_text(sheet, shape.header_first)
    title_unit = None
    if title_text:
        mapped = mappings.get("unit", {}).get(mapping_key(UNIT_MAPPING, title_text))
        title_unit = catalog.units.get(mapped) if mapped else _unit_by_name(catalog, title_text)
    section: str | None = None
    field_maps = mappings.get("field", {})
    for r in range(shape.data_first, len(sheet.rows) + 1):
        row = sheet.rows[r - 1]
        raw_label = row[shape.label_col - 1] if shape.label_col - 1 < len(row) else None
        label = legacy(_text(raw_label), Where(file, sheet.name, r, shape.label_col))
        if not label:
            continue
        level_name = section_level(label)
        if level_name is not None:
            section = level_name
            continue
        if is_total_label(label):
            continue
        values = {c: row[c - 1] if c - 1 < len(row) else None for c in shape.columns}
        if not any(v not in (None, "") for v in values.values()):
            if re.fullmatch(r"[IVXivx]+|[A-Da-d]", _text(row[0]) if row else ""):
                continue  # a group heading without figures
            continue
        if _text_only(values.values()):
            # Footer lines (“NGƯỜI LẬP BIỂU”, “THỦ TRƯỞNG ĐƠN VỊ”) reach into figure columns.
            result.notes.append(
                Message(
                    Where(file, sheet.name, r, shape.label_col),
                    f"Dòng “{label}” không có số nào, không phải dòng số liệu: bỏ qua.",
                )
            )
            continue
        if fixed_unit is not None:
            unit = fixed_unit
        elif title_unit is not None and title_unit.kind is not UnitKind.BODY:
            unit = title_unit  # a commune's or office's own file
        elif title_text and title_unit is None:
            bare = _BODY_PREFIX.sub("", title_text)
            result.unmatched.append(
                Unmatched(
                    Where(file, sheet.name),
                    title_text,
                    None,
                    "unit",
                    tuple(catalog.unit_suggestions(bare)),
                )
            )
            break
        elif section is not None:
            # A whole level's table (the body's own export): each level's general unit.
            general = _general_unit(catalog, Level(section))
            if general is None:
                result.problems.append(
                    Message(
                        Where(file, sheet.name, r, shape.label_col),
                        f"Không có đơn vị “số liệu chung” của {Level(section).label} để nhận số liệu.",
                    )
                )
                continue
            unit = general
        elif title_unit is not None:
            unit = title_unit
        else:
            result.problems.append(
                Message(
                    Where(file, sheet.name, r, shape.label_col),
                    "Không xác định được đơn vị của số liệu; hãy chọn đơn vị (tùy chọn --unit).",
                )
            )
            break
        level = unit.level
        mapped = field_maps.get(mapping_key(level, label))
        fld = catalog.fields.get(mapped) if mapped else catalog.field(label, level)
        if fld is None:
            result.unmatched.append(
                Unmatched(
                    Where(file, sheet.name, r, shape.label_col),
                    label,
                    level,
                    "field",
                    tuple(catalog.field_suggestions(label, level)),
                )
            )
            continue
        cells = []
        for c, ind in shape.columns.items():
            cells.append(
                (c, fld.code, ind, _value(values[c], Where(file, sheet.name, r, c), result))
            )
        _row_figures(result, sheet.name, r, unit.code, cells)
    return finish_table(result, file, sheet.name)


def finish_table(result: ParsedWorkbook, file: str, sheet: str) -> ParsedWorkbook:
    """Names left unmatched become problems (with suggestions); a table that gave no
    figure at all says so rather than importing nothing silently."""
    for u in result.unmatched:
        hint = f" Có phải: {', '.join(u.suggestions)}?" if u.suggestions else ""
        if u.kind == "unit" or u.level is None:
            text = f"Không có đơn vị “{u.label}” trong danh mục.{hint}"
        else:
            text = f"Không có lĩnh vực “{u.label}” ở {u.level.label}.{hint}"
        result.problems.append(Message(u.where, text))
    if not result.figures and not result.problems:
        result.problems.append(Message(Where(file, sheet), "Bảng không có số liệu nào."))
    return result


def parse_sheets(
    sheets: list[SheetData],
    file: str,
    catalog: Catalog,
    *,
    unit_code: str | None = None,
    mappings: Mapping_ | None = None,
) -> ParsedWorkbook:
    """Recognise what a workbook is and parse it."""
    by_name = {s.name: s for s in sheets}
    if META_SHEET in by_name:
        return parse_template(by_name, file, catalog)
    for sheet in sheets:
        if sheet.hidden:
            continue
        shape = find_table(sheet)
        if shape is not None:
            return parse_table(
                sheet, shape, file, catalog, unit_code=unit_code, mappings=mappings or {}
            )
    result = ParsedWorkbook(file)
    result.problems.append(
        Message(
            Where(file),
            "Không nhận ra biểu mẫu: không phải mẫu nhập của chương trình, cũng không có bảng "
            f"biểu {', '.join(vocabulary().field_forms)} (các cột {', '.join(f'“{c}”' for c in group_captions())}).",
        )
    )
    return result
