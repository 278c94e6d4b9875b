"""Form specs: the layout of every appendix form, read from ``resources/forms/*.toml``.

A spec says what a form prints — label, title, header tree, columns (an indicator, a
sum of other columns or a rate), how rows are grouped — and renderers (Excel, PDF, the
GUI's entry grids) read it without any form-specific code. A form whose layout changes
with a new regulation gets a new spec file with its own ``valid_from``/``valid_to``;
:func:`spec_for` picks the one in force on a date.

Public API::

    load_spec(path) -> FormSpec            # one file, validated
    load_specs() -> tuple[FormSpec, ...]   # every bundled spec
    spec_for(code, on=date) -> FormSpec    # the version in force on a date
    form_list() -> tuple[FormSpec, ...]    # newest version of each form, in list order
    form_codes() / print_set() / package_documents()
    FormSpec.columns / .header / .rows / .leaf_order() / .column(key)

Besides the printed layout a spec says how the program lists the form (``order``,
``short_title``), whether it belongs to the report's print set (``print_set``) and to the
exchange package (``package = ["xlsx", "pdf"]``), how its entry template sheet looks
(``[template]``) and which wordings of each header caption the importer accepts
(``accept = [...]`` on a header node).

Errors raise :class:`FormSpecError` whose message (Vietnamese, with the English key
names) names the file and the key at fault. Pure Python: no database, no rendering.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.models import Level
from tracu_desktop.core.resources import resource_path

# Placeholders a spec's texts may use; filled from the organisation and the period.
PLACEHOLDERS = frozenset(
    {
        "label",
        "regulation",
        "levels_upper",
        "org_name",
        "org_upper",
        "org_lower",
        "superior",
        "recipient",
        "period_label",
        "period_title",
        "range_text",
        "signer_authority",
        "signer_title",
        "signer_name",
        "preparer_name",
    }
)
COLUMN_KINDS = ("index", "label", "indicator", "sum", "rate", "status")
STATUS_VALUES = ("sent", "not_sent", "date", "note", "state")
ROW_SOURCES = ("field", "unit", "level", "completeness")
SHOW_MODES = ("with_data", "active")
ORIENTATIONS = ("landscape", "portrait")
PACKAGE_FORMATS = ("xlsx", "pdf")
TEMPLATE_HEADER_ROWS = 3  # the entry template keeps its figures from row 9


class FormSpecError(ValueError):
    """A spec file is missing, malformed or inconsistent; the message names file and key."""


@dataclass(frozen=True)
class ColumnSpec:
    """One printed column. ``kind`` says where its value comes from:

    - ``index`` (TT / STT) and ``label`` (the row caption);
    - ``indicator``: a stored indicator, summed; ``level`` restricts it to one level;
    - ``sum``: the sum of other columns (``of`` = their keys);
    - ``rate``: ``numerator`` / ``denominator`` (sums of column keys) as a percentage;
    - ``status``: a unit's submission status (completeness table).

    ``optional`` (with ``level``): the column, its header caption and its share of sums are
    left out for an organisation that has no unit of that level (the district columns of
    07b after the district level ended on 01/07/2025); see :meth:`FormSpec.without_levels`.
    """

    key: str
    kind: str
    indicator: str = ""
    level: Level | None = None
    of: tuple[str, ...] = ()
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    status: str = ""
    width: float = 9.0
    optional: bool = False

    @property
    def is_number(self) -> bool:
        return self.kind in ("indicator", "sum")


@dataclass(frozen=True)
class HeaderNode:
    """A header caption; a leaf names its column (``column``), a group has ``children``."""

    text: str
    column: str = ""
    children: tuple[HeaderNode, ...] = ()
    accept: tuple[str, ...] = ()  # other wordings the importer recognises (keywords)
    # wordings recognised in the group's own caption when nothing stands below it
    top_accept: tuple[str, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)

    def leaves(self) -> list[HeaderNode]:
        if self.is_leaf:
            return [self]
        return [leaf for c in self.children for leaf in c.leaves()]


@dataclass(frozen=True)
class RowSpec:
    """How body rows are built.

    ``source``: ``field`` (one row per field, summed over units), ``unit`` (one row per
    unit), ``level`` (one row per level), ``completeness`` (one row per reporting unit).
    ``sections``: group rows under a section row per level ("Cấp huyện", "Cấp xã").
    ``subtotals``: a subtotal row after each section. ``total``: a final total row.
    ``show``: ``with_data`` (only rows with figures) or ``active`` (every active field
    or unit, zeros included). ``merge_by_name``: fields of different levels with the
    same name share one row (05a, 07b).
    """

    source: str
    levels: tuple[Level, ...] = (Level.DISTRICT, Level.COMMUNE)
    unit_kinds: tuple[str, ...] = ()
    sections: bool = False
    subtotals: bool = False
    total: bool = True
    show: str = "with_data"
    merge_by_name: bool = False
    section_numbering: str = "roman"  # roman | none
    total_label: str = "Tổng cộng"
    subtotal_label: str = "Cộng {section}"
    empty_label: str = "Không phát sinh"
    # Section captions by the organisation's level: (organisation level, unit level,
    # caption), e.g. a province's 06a groups its units "Sở, ban, ngành" / "UBND cấp xã".
    # A level without an entry keeps its own label ("Cấp huyện", "Cấp xã").
    section_labels: tuple[tuple[Level, Level, str], ...] = ()

    def section_captions(self, org_level: Level) -> dict[Level, str]:
        """The section captions this form uses for an organisation of ``org_level``."""
        return {unit: text for org, unit, text in self.section_labels if org is org_level}


@dataclass(frozen=True)
class SignatureSpec:
    """Signature blocks below the table: left (preparer) and right (signer)."""

    left_title: tuple[str, ...] = ()
    left_note: str = ""
    left_name: str = ""
    right_title: tuple[str, ...] = ()
    right_note: str = ""
    right_name: str = ""
    place_date: bool = True


@dataclass(frozen=True)
class TemplateSpec:
    """The form's sheet in the entry template a unit fills without the program.

    ``key`` names the sheet in the template's layout record (kept stable across versions
    so templates already sent out still import), ``sheet`` is the sheet's name, ``title``
    its first line, ``tab_label`` and ``content`` how the instructions name the sheet and
    what it holds, ``row_label`` the caption over the field names (default: the form's).
    """

    key: str
    sheet: str
    title: str
    tab_label: str
    content: str
    row_label: str


@dataclass(frozen=True)
class FormSpec:
    code: str
    version: str
    official: bool
    label: str
    regulation: str
    valid_from: date
    valid_to: date | None
    title: str
    subtitle: tuple[str, ...]
    row_label: str
    unit_line: str
    orientation: str
    header_left: tuple[str, ...]
    header_right: tuple[str, ...]
    column_numbers: bool
    columns: tuple[ColumnSpec, ...]
    header: tuple[HeaderNode, ...]
    rows: RowSpec
    signature: SignatureSpec
    order: int = 100
    short_title: str = ""
    print_set: bool = False
    package: tuple[str, ...] = ()
    template: TemplateSpec | None = None
    source: Path = field(default=Path(), compare=False)

    def column(self, key: str) -> ColumnSpec:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def leaf_order(self) -> list[str]:
        """Column keys in printed order (the order of the header tree's leaves)."""
        return [leaf.column for node in self.header for leaf in node.leaves()]

    def header_depth(self) -> int:
        return max(n.depth() for n in self.header)

    def without_levels(self, absent: set[Level]) -> FormSpec:
        """The spec without its optional columns of ``absent`` levels (headers, sums and
        rates follow; a group left with no caption below it goes too)."""
        gone = {c.key for c in self.columns if c.optional and c.level in absent}
        if not gone:
            return self

        def keep(keys: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(k for k in keys if k not in gone)

        columns = tuple(
            replace(c, of=keep(c.of), numerator=keep(c.numerator), denominator=keep(c.denominator))
            for c in self.columns
            if c.key not in gone
        )

        def prune(node: HeaderNode) -> HeaderNode | None:
            if node.is_leaf:
                return None if node.column in gone else node
            children = tuple(n for n in (prune(c) for c in node.children) if n is not None)
            return replace(node, children=children) if children else None

        header = tuple(n for n in (prune(h) for h in self.header) if n is not None)
        return replace(self, columns=columns, header=header)

    def column_number(self, key: str) -> int:
        """The printed column number (1-based position), e.g. 3 for ``received_total``."""
        return self.leaf_order().index(key) + 1

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def indicators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.indicator for c in self.columns if c.kind == "indicator"))


# --- loading -------------------------------------------------------------------------


class _Reader:
    """Typed access to a TOML table with errors that name the file and the key."""

    def __init__(self, path: Path, data: dict[str, Any], where: str = ""):
        self.path, self.data, self.where = path, data, where

    def fail(self, key: str, problem: str) -> FormSpecError:
        full = f"{self.where}.{key}" if self.where else key
        return FormSpecError(f"Mẫu biểu {self.path.name}, khóa '{full}': {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., *, empty=False):
        if key not in self.data:
            if default is ...:
                raise self.fail(key, "thiếu (bắt buộc)")
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind is not bool and bool not in _as_tuple(kind):
            raise self.fail(key, f"kiểu sai ({type(value).__name__})")
        if not isinstance(value, kind):
            raise self.fail(key, f"kiểu sai ({type(value).__name__})")
        if isinstance(value, str) and not empty and not value.strip():
            raise self.fail(key, "không được để trống")
        return value

    def strings(self, key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        value = self.get(key, list, list(default) if default is not None else ...)
        if not all(isinstance(v, str) for v in value):
            raise self.fail(key, "phải là danh sách chuỗi")
        return tuple(value)

    def choice(self, key: str, options: tuple[str, ...], default: Any = ...) -> str:
        value = self.get(key, str, default)
        if value not in options:
            raise self.fail(key, f"giá trị '{value}' không hợp lệ (chọn: {', '.join(options)})")
        return value

    def child(self, key: str, value: dict[str, Any]) -> _Reader:
        full = f"{self.where}.{key}" if self.where else key
        return _Reader(self.path, value, full)


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _level(r: _Reader, key: str, value: str) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise r.fail(key, f"cấp '{value}' không hợp lệ (province, district, commune)") from None


def _check_text(r: _Reader, key: str, text: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise r.fail(key, f"mẫu chữ sai ({exc})") from None
    unknown = names - PLACEHOLDERS
    if unknown:
        raise r.fail(key, f"tham số không biết: {', '.join(sorted(unknown))}")


def _column(r: _Reader) -> ColumnSpec:
    key = r.get("key", str)
    kind = r.choice("kind", COLUMN_KINDS)
    col = ColumnSpec(
        key=key,
        kind=kind,
        indicator=r.get("indicator", str, ""),
        level=_level(r, "level", r.get("level", str)) if "level" in r.data else None,
        of=r.strings("of", ()),
        numerator=r.strings("numerator", ()),
        denominator=r.strings("denominator", ()),
        status=r.choice("status", STATUS_VALUES, "") if kind == "status" else "",
        width=float(r.get("width", (int, float), 9.0)),
        optional=r.get("optional", bool, False),
    )
    if col.optional and col.level is None:
        raise r.fail("optional", "chỉ dùng cho cột có level")
    if kind == "indicator":
        if not col.indicator:
            raise r.fail("indicator", "thiếu (cột kiểu indicator)")
        if col.indicator not in indicator_map():
            raise r.fail("indicator", f"chỉ tiêu '{col.indicator}' không có trong danh mục")
    if kind == "sum" and len(col.of) < 2:
        raise r.fail("of", "cột tổng cần ít nhất hai cột thành phần")
    if kind == "rate" and not (col.numerator and col.denominator):
        raise r.fail("numerator", "cột tỷ lệ cần numerator và denominator")
    if col.width <= 0:
        raise r.fail("width", "phải lớn hơn 0")
    return col


def _header(r: _Reader) -> HeaderNode:
    text = r.get("text", str)
    column = r.get("column", str, "")
    accept = r.strings("accept", ())
    top_accept = r.strings("top_accept", ())
    for key, words in (("accept", accept), ("top_accept", top_accept)):
        if any(not a.strip() for a in words):
            raise r.fail(key, "không được có chuỗi trống")
    raw_children = r.get("children", list, [])
    children = tuple(
        _header(r.child(f"children[{i}]", c if isinstance(c, dict) else {}))
        for i, c in enumerate(raw_children)
    )
    if bool(column) == bool(children):
        raise r.fail("column", "mỗi ô tiêu đề phải có 'column' (ô lá) hoặc 'children' (nhóm)")
    if top_accept and not column:
        raise r.fail("top_accept", "chỉ dùng cho ô lá (có 'column')")
    return HeaderNode(
        text=text, column=column, children=children, accept=accept, top_accept=top_accept
    )


def _rows(r: _Reader) -> RowSpec:
    levels = tuple(_level(r, "levels", v) for v in r.strings("levels", ("district", "commune")))
    spec = RowSpec(
        source=r.choice("source", ROW_SOURCES),
        levels=levels,
        unit_kinds=r.strings("unit_kinds", ()),
        sections=r.get("sections", bool, False),
        subtotals=r.get("subtotals", bool, False),
        total=r.get("total", bool, True),
        show=r.choice("show", SHOW_MODES, "with_data"),
        merge_by_name=r.get("merge_by_name", bool, False),
        section_numbering=r.choice("section_numbering", ("roman", "none"), "roman"),
        total_label=r.get("total_label", str, "Tổng cộng"),
        subtotal_label=r.get("subtotal_label", str, "Cộng {section}"),
        empty_label=r.get("empty_label", str, "Không phát sinh"),
        section_labels=_section_labels(r),
    )
    if spec.subtotals and not spec.sections:
        raise r.fail("subtotals", "cần sections = true")
    if spec.source in ("unit", "completeness") and spec.merge_by_name:
        raise r.fail("merge_by_name", "chỉ dùng với source = 'field'")
    return spec


def _section_labels(r: _Reader) -> tuple[tuple[Level, Level, str], ...]:
    """``[rows.section_labels.<organisation level>]`` tables: unit level → caption."""
    out: list[tuple[Level, Level, str]] = []
    for org_key, table in r.get("section_labels", dict, {}).items():
        org_level = _level(r, "section_labels", org_key)
        sub = r.child(f"section_labels.{org_key}", table if isinstance(table, dict) else {})
        if not isinstance(table, dict):
            raise r.fail(f"section_labels.{org_key}", "phải là bảng cấp → tên nhóm")
        for unit_key in table:
            out.append((org_level, _level(sub, unit_key, unit_key), sub.get(unit_key, str)))
    return tuple(out)


def _signature(r: _Reader) -> SignatureSpec:
    sig = SignatureSpec(
        left_title=r.strings("left_title", ()),
        left_note=r.get("left_note", str, "", empty=True),
        left_name=r.get("left_name", str, "", empty=True),
        right_title=r.strings("right_title", ()),
        right_note=r.get("right_note", str, "", empty=True),
        right_name=r.get("right_name", str, "", empty=True),
        place_date=r.get("place_date", bool, True),
    )
    for key in ("left_title", "right_title"):
        for text in getattr(sig, key):
            _check_text(r, key, text)
    for key in ("left_note", "left_name", "right_note", "right_name"):
        _check_text(r, key, getattr(sig, key))
    return sig


def _template(r: _Reader, row_label: str) -> TemplateSpec:
    sheet = r.get("sheet", str)
    if len(sheet) > 31 or any(ch in sheet for ch in "[]:*?/\\"):
        raise r.fail("sheet", "tên trang tính tối đa 31 ký tự, không có [ ] : * ? / \\")
    return TemplateSpec(
        key=r.get("key", str),
        sheet=sheet,
        title=r.get("title", str),
        tab_label=r.get("tab_label", str),
        content=r.get("content", str),
        row_label=r.get("row_label", str, row_label),
    )


def _package(r: _Reader) -> tuple[str, ...]:
    formats = r.strings("package", ())
    for fmt in formats:
        if fmt not in PACKAGE_FORMATS:
            raise r.fail("package", f"định dạng '{fmt}' không hợp lệ (chọn: xlsx, pdf)")
    if len(set(formats)) != len(formats):
        raise r.fail("package", "một định dạng ghi hai lần")
    return formats


def _cross_check(r: _Reader, spec: FormSpec) -> None:
    keys = [c.key for c in spec.columns]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise r.fail("columns", f"trùng khóa cột: {', '.join(sorted(dupes))}")
    leaves = spec.leaf_order()
    missing = [k for k in keys if k not in leaves]
    unknown = [k for k in leaves if k not in keys]
    if missing:
        raise r.fail("header", f"cột không có tiêu đề: {', '.join(missing)}")
    if unknown:
        raise r.fail("header", f"tiêu đề trỏ tới cột không có: {', '.join(unknown)}")
    if len(set(leaves)) != len(leaves):
        raise r.fail("header", "một cột xuất hiện hai lần trong tiêu đề")
    if [c.kind for c in spec.columns].count("label") != 1:
        raise r.fail("columns", "cần đúng một cột kiểu 'label'")
    for c in spec.columns:
        for ref in (*c.of, *c.numerator, *c.denominator):
            if ref not in keys:
                raise r.fail("columns", f"cột '{c.key}' tham chiếu cột không có '{ref}'")
            if spec.column(ref).kind not in ("indicator", "sum"):
                raise r.fail("columns", f"cột '{c.key}' chỉ cộng được cột số, không phải '{ref}'")
        if c.kind == "status" and spec.rows.source != "completeness":
            raise r.fail("columns", f"cột '{c.key}' kiểu status chỉ dùng cho bảng completeness")
        if c.kind == "indicator" and spec.rows.source == "completeness":
            raise r.fail("columns", f"cột '{c.key}': bảng completeness không có cột chỉ tiêu")
    # sums may reference sums, but not in a cycle
    for c in spec.columns:
        seen: set[str] = set()
        stack = list(c.of)
        while stack:
            k = stack.pop()
            if k == c.key:
                raise r.fail("columns", f"cột '{c.key}' tự cộng chính nó")
            if k not in seen:
                seen.add(k)
                stack.extend(spec.column(k).of)
    if spec.valid_to is not None and spec.valid_to < spec.valid_from:
        raise r.fail("valid_to", "trước valid_from")
    if spec.template is not None:
        if spec.rows.source != "field":
            raise r.fail("template", "mẫu nhập chỉ dùng cho biểu theo lĩnh vực (source = 'field')")
        if any(c.kind in ("rate", "status") for c in spec.columns):
            raise r.fail("template", "mẫu nhập chỉ có cột chỉ tiêu và cột tổng")
        if any(c.level is not None for c in spec.columns):
            raise r.fail("template", "mẫu nhập không có cột riêng theo cấp")
        if spec.header_depth() > TEMPLATE_HEADER_ROWS:
            raise r.fail("template", f"tiêu đề của mẫu nhập tối đa {TEMPLATE_HEADER_ROWS} dòng")


def load_spec(path: Path | str) -> FormSpec:
    """Read and validate one spec file."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise FormSpecError(f"Không tìm thấy mẫu biểu {p}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise FormSpecError(f"Mẫu biểu {p.name} sai cú pháp TOML: {exc}") from None
    r = _Reader(p, data)
    valid_to = r.get("valid_to", date, None)
    columns_raw = r.get("columns", list)
    header_raw = r.get("header", list)
    if not columns_raw:
        raise r.fail("columns", "không có cột nào")
    if not header_raw:
        raise r.fail("header", "không có tiêu đề")
    texts = {
        "label": r.get("label", str, "", empty=True),
        "regulation": r.get("regulation", str, "", empty=True),
        "title": r.get("title", str),
        "row_label": r.get("row_label", str),
        "unit_line": r.get("unit_line", str, "", empty=True),
    }
    spec = FormSpec(
        code=r.get("code", str),
        version=r.get("version", str),
        official=r.get("official", bool),
        label=texts["label"],
        regulation=texts["regulation"],
        valid_from=r.get("valid_from", date),
        valid_to=valid_to,
        title=texts["title"],
        subtitle=r.strings("subtitle", ()),
        row_label=texts["row_label"],
        unit_line=texts["unit_line"],
        orientation=r.choice("orientation", ORIENTATIONS, "landscape"),
        header_left=r.strings("header_left", ()),
        header_right=r.strings("header_right", ()),
        column_numbers=r.get("column_numbers", bool, True),
        columns=tuple(
            _column(r.child(f"columns[{i}]", c if isinstance(c, dict) else {}))
            for i, c in enumerate(columns_raw)
        ),
        header=tuple(
            _header(r.child(f"header[{i}]", h if isinstance(h, dict) else {}))
            for i, h in enumerate(header_raw)
        ),
        rows=_rows(r.child("rows", r.get("rows", dict))),
        signature=_signature(r.child("signature", r.get("signature", dict, {}))),
        order=r.get("order", int, 100),
        short_title=r.get("short_title", str, "") or texts["title"],
        print_set=r.get("print_set", bool, False),
        package=_package(r),
        template=_template(r.child("template", r.get("template", dict)), texts["row_label"])
        if "template" in data
        else None,
        source=p,
    )
    if spec.official and not (spec.label and spec.regulation):
        raise r.fail("label", "biểu chính thức cần 'label' và 'regulation'")
    for key in ("title", "row_label", "unit_line", "label", "regulation"):
        _check_text(r, key, getattr(spec, key))
    for key in ("subtitle", "header_left", "header_right"):
        for text in getattr(spec, key):
            _check_text(r, key, text)
    _cross_check(r, spec)
    return spec


def specs_dir() -> Path:
    return resource_path("forms")


@lru_cache(maxsize=8)
def _load_all(folder: str) -> tuple[FormSpec, ...]:
    return tuple(load_spec(p) for p in sorted(Path(folder).glob("*.toml")))


def load_specs(folder: Path | None = None) -> tuple[FormSpec, ...]:
    """Every spec of a folder (default: the bundled ``resources/forms``), validated."""
    return _load_all(str(folder or specs_dir()))


def form_list(folder: Path | None = None) -> tuple[FormSpec, ...]:
    """The newest version of every form, in the order the program lists them (``order``)."""
    newest: dict[str, FormSpec] = {}
    for s in load_specs(folder):
        if s.code not in newest or s.valid_from > newest[s.code].valid_from:
            newest[s.code] = s
    listed = sorted(newest.values(), key=lambda s: (s.order, s.code))
    for a, b in zip(listed, listed[1:], strict=False):
        if a.order == b.order:
            raise FormSpecError(
                f"Mẫu biểu {a.source.name} và {b.source.name}, khóa 'order': "
                f"hai biểu cùng thứ tự {a.order}"
            )
    return tuple(listed)


def form_codes(folder: Path | None = None) -> tuple[str, ...]:
    """Every form code, in list order."""
    return tuple(s.code for s in form_list(folder))


def form_titles(folder: Path | None = None) -> dict[str, str]:
    """``{code: short title}`` in list order, for the program's lists and menus."""
    return {s.code: s.short_title for s in form_list(folder)}


def print_set(folder: Path | None = None) -> tuple[str, ...]:
    """The forms printed with the report by default (``print_set = true``)."""
    return tuple(s.code for s in form_list(folder) if s.print_set)


def package_documents(folder: Path | None = None) -> tuple[tuple[str, str], ...]:
    """``(code, format)`` of the forms put in the exchange package, xlsx files first."""
    docs = [(s.code, fmt) for s in form_list(folder) for fmt in s.package]
    return tuple(sorted(docs, key=lambda d: PACKAGE_FORMATS.index(d[1])))


def column_numbers(keys: tuple[str, ...], on: date | None = None) -> tuple[int, ...]:
    """Printed numbers of columns ``keys`` on the first listed form that has them all, in
    the version in force on ``on``; empty when no form has them (a caption then goes
    without numbers rather than with wrong ones)."""
    for listed in form_list():
        try:
            spec = spec_for(listed.code, on)
        except FormSpecError:
            continue
        if all(any(c.key == k for c in spec.columns) for k in keys):
            return tuple(spec.column_number(k) for k in keys)
    return ()


def template_specs(on: date, folder: Path | None = None) -> tuple[FormSpec, ...]:
    """The forms with an entry-template sheet, each in the version in force on ``on``."""
    with_sheet = {s.code for s in load_specs(folder) if s.template is not None}
    out = [spec_for(code, on, folder) for code in form_codes(folder) if code in with_sheet]
    return tuple(s for s in out if s.template is not None)


def spec_for(code: str, on: date | None = None, folder: Path | None = None) -> FormSpec:
    """The version of form ``code`` in force on ``on`` (default: the newest version).

    A day before the first version uses the first one (periods from before the program's
    forms keep printing). A day after the newest version's ``valid_to`` is refused: the
    regulation that replaced it is not known to the program, and guessing its layout
    would print a form nobody prescribed.
    """
    versions = sorted((s for s in load_specs(folder) if s.code == code), key=lambda s: s.valid_from)
    if not versions:
        known = ", ".join(form_codes(folder))
        raise FormSpecError(f"Không có mẫu biểu '{code}' (có: {known}).")
    if on is None:
        return versions[-1]
    for s in versions:
        if s.valid_on(on):
            return s
    newest = versions[-1]
    if newest.valid_to is not None and on > newest.valid_to:
        raise FormSpecError(
            f"Mẫu biểu {code} ({newest.label}, {newest.regulation}) hết hiệu lực sau ngày "
            f"{newest.valid_to:%d/%m/%Y}; ngày {on:%d/%m/%Y} chưa có mẫu biểu nào. "
            "Cần bổ sung tệp mẫu biểu của văn bản mới trong thư mục resources/forms."
        )
    earlier = [s for s in versions if s.valid_from <= on]
    return earlier[-1] if earlier else versions[0]
