"""Which way a workbook table is read: a named or recognised profile, captions, or not yet.

Order: a profile the clerk names (``--profile``, with ``--map`` items applied) wins; then a
saved profile whose header shape is this table's; then the form's captions. When the
captions leave columns with figures unexplained (an export that splits receipts into
modes, say), nothing is read silently: the result says which columns need mapping and
carries the header found, for the mapping dialog or the ``--map`` option. A table whose
rows are units is read per unit (see :mod:`tracu_desktop.interchange.unit_table`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tracu_desktop.core.textnorm import loose_key
from tracu_desktop.interchange.column_suggest import suggest_column
from tracu_desktop.interchange.datavalues import Catalog
from tracu_desktop.interchange.header_grid import HeaderGrid, scan_workbook
from tracu_desktop.interchange.header_match import find_table
from tracu_desktop.interchange.import_profile import (
    IGNORE,
    ROWS_UNIT,
    ImportProfile,
    ProfileError,
    apply_maps,
    recognise,
    require_profile,
)
from tracu_desktop.interchange.profile_table import parse_with_profile
from tracu_desktop.interchange.sheet_reader import SheetData, column_letter
from tracu_desktop.interchange.template_layout import META_SHEET
from tracu_desktop.interchange.workbook_parse import (
    KIND_TABLE,
    Mapping_,
    Message,
    ParsedWorkbook,
    Where,
)

AD_HOC = "(ánh xạ tạm)"


def _is_total(caption_leaf: str) -> bool:
    """Totals and rates are computed from the other columns, never imported."""
    k = loose_key(caption_leaf)
    return k.startswith("tong") or k == "cong" or "ty le" in k or "%" in k


def caption_profile(sheet: SheetData, grid: HeaderGrid) -> tuple[ImportProfile, list[str]]:
    """The mapping the form's captions give, as a profile, and the keys of the columns
    with figures they leave unexplained (totals are derived, so they are ignored). A
    caption read differently by the finer guesses (“Đúng và trước hạn” is not only
    “trước hạn”) is left to the clerk rather than read silently."""
    shape = find_table(sheet)
    known = dict(shape.columns) if shape is not None else {}
    columns: dict[str, tuple[str, ...]] = {}
    unknown: list[str] = []
    for c in grid.columns:
        guesses = suggest_column(c)
        # The spec's accepted wordings decide, unless the finer guesses read the caption
        # as something else (then the clerk decides); a wording only a newer form version
        # lists has no guess at all and is taken from the spec.
        if c.col in known and (known[c.col] in guesses or guesses == (IGNORE,)):
            columns[c.key] = (known[c.col],)
        elif _is_total(c.leaf):
            columns[c.key] = (IGNORE,)
        else:
            unknown.append(c.key)
    rows = ROWS_UNIT if (shape is not None and shape.label_kind == "unit") else grid.label_kind
    profile = ImportProfile(
        AD_HOC, columns, {c.key: c.caption for c in grid.columns}, rows or "auto"
    )
    return profile, unknown


def _any_suggested(grid: HeaderGrid) -> bool:
    return any(suggest_column(c) != (IGNORE,) for c in grid.columns)


def needs_mapping(file: str, grid: HeaderGrid, unknown: list[str]) -> ParsedWorkbook:
    """A result that reads nothing and lists the columns the clerk must map."""
    result = ParsedWorkbook(file, KIND_TABLE, shape="layout:" + "|".join(sorted(grid.shape())))
    result.layout = grid
    by_key = grid.by_key()
    names = "; ".join(f"{column_letter(by_key[k].col)} “{by_key[k].caption}”" for k in unknown)
    result.problems.append(
        Message(
            Where(file, grid.sheet, grid.header_first),
            f"Bảng có {len(unknown)} cột số liệu chưa nhận ra ({names}). Hãy ánh xạ từng cột "
            "sang chỉ tiêu (hoặc bỏ qua) và lưu thành hồ sơ nhập: nút “Ánh xạ cột…”, hoặc "
            'tùy chọn --map "Tên cột A+Tên cột B=mã chỉ tiêu" --save-profile TÊN.',
        )
    )
    return result


def parse_profiled(
    db,
    sheets: Sequence[SheetData],
    file: str,
    catalog: Catalog,
    *,
    unit_code: str | None,
    mappings: Mapping_,
    profile_name: str | None = None,
    column_maps: Sequence[str] = (),
    profile: ImportProfile | None = None,
) -> ParsedWorkbook | None:
    """The workbook read through a profile, a request to map it, or ``None`` when the
    caption recogniser reads it as before (templates, complete 06b tables)."""
    if any(s.name == META_SHEET for s in sheets):
        return None
    grid = scan_workbook(list(sheets))
    if grid is None:
        if profile_name or column_maps or profile is not None:
            result = ParsedWorkbook(file)
            result.problems.append(
                Message(
                    Where(file), "Không tìm thấy bảng số liệu (dòng tiêu đề cột và các dòng số)."
                )
            )
            return result
        return None
    sheet = next(s for s in sheets if s.name == grid.sheet)
    try:
        if profile is None and profile_name:
            profile = require_profile(db, profile_name)
        if profile is None:
            profile = recognise(db, grid)
            if profile is not None and column_maps:
                profile = apply_maps(profile, grid, column_maps)
        if profile is None:
            base, unknown = caption_profile(sheet, grid)
            if column_maps:
                profile = apply_maps(base, grid, column_maps)
            elif unknown and not base.targets() and not _any_suggested(grid):
                return None  # no figure of ours in sight: “not a known form”
            elif unknown:
                return needs_mapping(file, grid, unknown)
            elif base.rows == ROWS_UNIT:
                profile = base  # a complete 06a table: its rows are units
            else:
                return None
        elif column_maps and profile_name:
            profile = apply_maps(profile, grid, column_maps)
    except ProfileError as exc:
        result = ParsedWorkbook(file, KIND_TABLE)
        result.layout = grid
        result.problems.append(Message(Where(file, grid.sheet), str(exc)))
        return result
    result = parse_with_profile(
        sheet, grid, profile, file, catalog, unit_code=unit_code, mappings=mappings
    )
    result.layout = grid
    result.profile = profile
    if profile.name != AD_HOC:
        result.notes.insert(
            0, Message(Where(file, grid.sheet), f"Đọc bảng theo hồ sơ nhập “{profile.name}”.")
        )
    return result


def suggested_targets(grid: HeaderGrid, profile: ImportProfile | None = None) -> dict:
    """Targets to show first in the mapping dialog: the profile's, else guesses."""
    out = {}
    for c in grid.columns:
        if profile is not None and c.key in profile.columns:
            out[c.key] = profile.columns[c.key]
        else:
            out[c.key] = suggest_column(c)
    return out
