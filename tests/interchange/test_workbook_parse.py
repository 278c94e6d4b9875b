"""Table parsing, case by case: rows, sections, totals, units, values and the messages,
on sheets built in memory with a small catalog (no database, no files)."""

from __future__ import annotations

import pytest

from tracu_desktop.core.indicators import all_indicators
from tracu_desktop.core.models import Field, Level, Unit, UnitKind
from tracu_desktop.interchange.datavalues import Catalog
from tracu_desktop.interchange.header_match import find_table
from tracu_desktop.interchange.sheet_reader import DateCell, FormulaWithoutValue, SheetData
from tracu_desktop.interchange.template_layout import (
    META_SHEET,
    TEMPLATE_KIND,
    TemplateColumn,
    TemplateLayout,
    TemplateSheet,
)
from tracu_desktop.interchange.workbook_parse import (
    KIND_TABLE,
    KIND_TEMPLATE,
    mapping_key,
    parse_sheets,
    parse_table,
)

D, C = Level.DISTRICT, Level.COMMUNE


@pytest.fixture
def catalog() -> Catalog:
    units = [
        Unit("HUYEN", "Ủy ban nhân dân huyện Trà Cú", D, UnitKind.BODY),
        Unit("H_CHUNG", "Số liệu chung cấp huyện", D, UnitKind.GENERAL),
        Unit("X_CHUNG", "Số liệu chung cấp xã", C, UnitKind.GENERAL),
        Unit("XA_AN", "Xã An Quảng Hữu", C, UnitKind.COMMUNE),
        Unit("P_TP", "Phòng Tư pháp", D, UnitKind.OFFICE),
    ]
    fields = [
        Field("H_DAT", "Đất đai", D),
        Field("H_CT", "Công thương", D),
        Field("X_HT", "Hộ tịch", C),
        Field("H_HT", "Hộ tịch", D),
    ]
    return Catalog(units, fields, all_indicators())


HEADER = [
    ["TT", "Lĩnh vực", "Số hồ sơ nhận giải quyết", None, None, None,
     "Số hồ sơ đã giải quyết", None, None, None, "Số lượng hồ sơ đang giải quyết", None, None],
    [None, None, "Tổng số", "Trực tuyến", "Trực tiếp", "Từ kỳ trước",
     "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"],
    [f"({i})" for i in range(1, 14)],
]  # fmt: skip


def _row(n, label, *figures):
    """A data row: 8 inputs in form order; the total columns hold 999 (never read)."""
    on, di, ca, ea, ot, la, pi, po = figures
    return [n, label, 999, on, di, ca, 999, ea, ot, la, 999, pi, po]


def _parse(catalog, rows, *, title=(), unit_code=None, mappings=None):
    sheet = SheetData("Bieu06b", [list(r) for r in (*title, *HEADER, *rows)])
    shape = find_table(sheet)
    assert shape is not None
    return parse_table(
        sheet, shape, "f.xlsx", catalog, unit_code=unit_code, mappings=mappings or {}
    )


def _values(result):
    return {(f.unit, f.field, f.indicator): f.value for f in result.figures}


def test_sections_send_rows_to_each_level_general_unit(catalog):
    r = _parse(
        catalog,
        [
            ["I", "Cấp huyện"],
            _row(1, "Đất đai", 1, 2, 0, 3, 0, 0, 0, 0),
            _row(2, "Công thương", 4, 0, 0, 4, 0, 0, 0, 0),  # not a "Cộng" row
            [None, "Cộng cấp huyện", 5555],
            ["II", "Cấp xã"],
            _row(1, "Hộ tịch", 7, 0, 0, 0, 7, 0, 0, 0),
            [None, "Tổng cộng", 9999],
        ],
    )
    assert r.kind == KIND_TABLE and not r.problems, [str(p) for p in r.problems]
    v = _values(r)
    assert v[("H_CHUNG", "H_DAT", "received_online")] == 1
    assert v[("H_CHUNG", "H_CT", "resolved_early")] == 4
    assert v[("X_CHUNG", "X_HT", "resolved_on_time")] == 7
    assert 999 not in v.values() and 5555 not in v.values() and 9999 not in v.values()
    assert len(r.figures) == 3 * 8


def test_reporting_unit_named_above_the_table(catalog):
    r = _parse(
        catalog,
        [_row(1, "Hộ tịch", 1, 1, 1, 1, 1, 1, 0, 0)],
        title=[["Đơn vị báo cáo: UBND Xã An Quảng Hữu."], []],
    )
    assert not r.problems
    assert {f.unit for f in r.figures} == {"XA_AN"}
    assert {f.field for f in r.figures} == {"X_HT"}  # the commune's level decides the field


def test_unknown_reporting_unit_is_a_problem_with_suggestions(catalog):
    r = _parse(
        catalog,
        [_row(1, "Hộ tịch", 1, 0, 0, 1, 0, 0, 0, 0)],
        title=[["Đơn vị báo cáo: Xã An Quãng Hữu"]],
    )
    assert r.unmatched and r.unmatched[0].kind == "unit"
    assert "Xã An Quảng Hữu" in r.unmatched[0].suggestions
    assert "Không có đơn vị “Xã An Quãng Hữu” trong danh mục." in str(r.problems[0])


def test_rows_without_a_unit_ask_for_one(catalog):
    r = _parse(catalog, [_row(1, "Đất đai", 1, 0, 0, 1, 0, 0, 0, 0)])
    assert len(r.problems) == 1
    msg = str(r.problems[0])
    assert msg.startswith("Tệp f.xlsx, trang “Bieu06b”, dòng 4, cột B:")
    assert "tùy chọn --unit" in msg


def test_chosen_unit_and_unknown_field_with_a_confirmed_mapping(catalog):
    rows = [_row(1, "Tư pháp - Hộ tịch", 2, 0, 0, 2, 0, 0, 0, 0)]
    r = _parse(catalog, rows, unit_code="XA_AN")
    assert [u.label for u in r.unmatched] == ["Tư pháp - Hộ tịch"]
    assert "Không có lĩnh vực “Tư pháp - Hộ tịch” ở Cấp xã." in str(r.problems[0])
    mapped = {"field": {mapping_key(C, "Tư pháp - Hộ tịch"): "X_HT"}}
    r = _parse(catalog, rows, unit_code="XA_AN", mappings=mapped)
    assert not r.problems and _values(r)[("XA_AN", "X_HT", "received_online")] == 2


def test_empty_cells_of_a_filled_row_are_zero_with_a_note(catalog):
    row = _row(1, "Hộ tịch", 3, None, "", 3, 0, 0, "-", 0)
    r = _parse(catalog, [row], unit_code="XA_AN")
    assert not r.problems
    v = _values(r)
    assert v[("XA_AN", "X_HT", "received_direct")] == 0
    assert v[("XA_AN", "X_HT", "pending_on_time")] == 0
    notes = [str(n) for n in r.notes]
    assert any("cột E" in n and "Ô trống được hiểu là 0." in n for n in notes)


def test_bad_cells_name_row_and_column(catalog):
    row = _row(1, "Hộ tịch", "12,5", 0, 0, 0, 0, 0, 0, 0)
    row[4] = FormulaWithoutValue("=E1+1")
    row[5] = DateCell(45000.0)
    r = _parse(catalog, [row], unit_code="XA_AN")
    msgs = [str(p) for p in r.problems]
    assert any(m.startswith("Tệp f.xlsx, trang “Bieu06b”, dòng 4, cột D:") for m in msgs)
    assert any("cột E" in m and "không lưu kết quả tính" in m for m in msgs)
    assert any("cột F" in m and "định dạng ngày tháng" in m and "45000" in m for m in msgs)


def test_table_without_figures(catalog):
    r = _parse(catalog, [["I", "Cấp huyện"], [1, "Đất đai"]])
    assert [str(p) for p in r.problems] == [
        "Tệp f.xlsx, trang “Bieu06b”: Bảng không có số liệu nào."
    ]


def test_unit_table_is_refused_with_the_reason(catalog):
    header = [list(r) for r in HEADER]
    header[0][1] = "Đơn vị"
    sheet = SheetData("06a", [*header, _row(1, "Phòng Tư pháp", 1, 0, 0, 1, 0, 0, 0, 0)])
    r = parse_table(sheet, find_table(sheet), "a.xlsx", catalog, unit_code=None, mappings={})
    assert not r.figures
    assert str(r.problems[0]) == (
        "Tệp a.xlsx, trang “06a”, dòng 1, cột B: Bảng theo đơn vị (biểu 06a) không có lĩnh vực "
        "nên không nhập được; hãy dùng biểu 06b (theo lĩnh vực) hoặc mẫu nhập của đơn vị."
    )


def test_parse_sheets_skips_hidden_sheets_and_names_the_groups(catalog):
    hidden = SheetData("An", [*HEADER, _row(1, "Hộ tịch", 1, 0, 0, 1, 0, 0, 0, 0)], hidden=True)
    r = parse_sheets([hidden, SheetData("Ghi chú", [["xin chào"]])], "g.xlsx", catalog)
    assert len(r.problems) == 1
    msg = str(r.problems[0])
    assert msg.startswith(
        "Tệp g.xlsx: Không nhận ra biểu mẫu: không phải mẫu nhập của chương trình, cũng không có bảng biểu 06b (các cột"
    )
    assert "“Số hồ sơ nhận giải quyết”, “Số hồ sơ đã giải quyết”" in msg


def _template(layout: TemplateLayout, checksum: str | None = None) -> list[SheetData]:
    meta = [
        ["kind", TEMPLATE_KIND],
        ["version", 1],
        ["unit_name", "Xã An Quảng Hữu"],
        ["layout", layout.to_json()],
        ["checksum", checksum or layout.checksum()],
    ]
    data = [[None] * 5 for _ in range(8)] + [[1, "Hộ tịch", None, 5, None], [2, "Khác"]]
    return [SheetData("Bieu06", data), SheetData(META_SHEET, meta, hidden=True)]


LAYOUT = TemplateLayout(
    "XA_AN",
    "2026",
    ("X_HT", "H_DAT"),
    (
        TemplateSheet(
            "06",
            "Bieu06",
            (TemplateColumn("D", 4, "received_online"), TemplateColumn("E", 5, "received_direct")),
        ),
    ),
)


def test_template_reads_exactly_the_recorded_cells(catalog):
    r = parse_sheets(_template(LAYOUT), "t.xlsx", catalog)
    assert r.kind == KIND_TEMPLATE and r.period == "2026" and r.unit == "XA_AN"
    assert not r.problems
    assert _values(r) == {
        ("XA_AN", "X_HT", "received_online"): 5,
        ("XA_AN", "X_HT", "received_direct"): 0,  # empty cell of a filled row
    }  # the empty row of H_DAT is skipped


def test_template_with_an_edited_layout_is_refused(catalog):
    r = parse_sheets(_template(LAYOUT, checksum="0" * 64), "t.xlsx", catalog)
    assert "mã kiểm tra không khớp" in str(r.problems[0]) and not r.figures


def test_template_with_a_broken_layout_record(catalog):
    sheets = _template(LAYOUT)
    meta = [list(r) for r in sheets[1].rows]
    meta[3][1] = '{"unit": "XA_AN", "sheets": {"06": {"name": "Bieu06", "columns": [["D1", "x"]]}}}'
    r = parse_sheets([sheets[0], SheetData(META_SHEET, meta, hidden=True)], "t.xlsx", catalog)
    assert [str(p) for p in r.problems] == [
        f"Tệp t.xlsx, trang “{META_SHEET}”: Bố cục của mẫu nhập bị hỏng."
    ]


def test_template_of_an_unknown_unit(catalog):
    layout = TemplateLayout("XA_MOI", "2026", ("X_HT",), LAYOUT.sheets)
    r = parse_sheets(_template(layout), "t.xlsx", catalog)
    assert "Đơn vị “Xã An Quảng Hữu” của mẫu nhập không có trong danh mục." in str(r.problems[0])


# The layout record of a template written before the sheets came from the specs.
OLD_RECORD = (
    '{"fields":["X_HT","X_CT"],"first_row":9,"period":"2023-Q4","sheets":{"05a":{"columns":'
    '[["D","pakn_received_conduct"],["E","pakn_received_regulation"],["G","pakn_done_conduct"],'
    '["H","pakn_done_regulation"],["J","pakn_pending_conduct"],["K","pakn_pending_regulation"],'
    '["L","pakn_published"]],"name":"Bieu05a"},"06":{"columns":[["D","received_online"],'
    '["E","received_direct"],["F","carried_over"],["H","resolved_early"],["I","resolved_on_time"],'
    '["J","resolved_late"],["L","pending_on_time"],["M","pending_overdue"]],"name":"Bieu06"}},'
    '"unit":"XA_AN"}'
)
OLD_CHECKSUM = "82f4a42aa068363afbcdaab4226711f8fa2a7044065b4e5189a37bcec0f279b1"


def test_templates_already_sent_out_keep_their_checksum():
    """The record read back hashes as before, and the specs of 2023 draw the same cells."""
    from datetime import date

    from tracu_desktop.interchange.template_layout import layout_from_json
    from tracu_desktop.interchange.template_xlsx import template_sheets

    old = layout_from_json(OLD_RECORD)
    assert old.to_json() == OLD_RECORD and old.checksum() == OLD_CHECKSUM
    fresh = TemplateLayout(
        "XA_AN", "2023-Q4", ("X_HT", "X_CT"), template_sheets(date(2023, 12, 31))
    )
    assert fresh.checksum() == OLD_CHECKSUM
    assert ("Bieu06", 10, "M", "X_CT", "pending_overdue") in old.cells()
