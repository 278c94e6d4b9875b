"""The table finder on layouts other than the samples: one header row, numbers as
numbers, a title glued to the header, a per-unit table with a code column, notes."""

from __future__ import annotations

from tracu_desktop.interchange.column_suggest import suggest
from tracu_desktop.interchange.header_grid import scan_sheet
from tracu_desktop.interchange.sheet_reader import SheetData


def _sheet(rows):
    return SheetData("Sheet1", [list(r) for r in rows])


def test_one_header_row_glued_title_int_column_numbers_and_a_notes_column():
    rows = [
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, None, "Độc lập - Tự do - Hạnh phúc"],
        ["STT", "Tên lĩnh vực", "Tiếp nhận trực tuyến", "Tiếp nhận trực tiếp",
         "Giải quyết trước hạn", "Giải quyết đúng hạn", "Giải quyết quá hạn",
         "Đang giải quyết trong hạn", "Đang giải quyết quá hạn", "Ghi chú"],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        [1, "Hộ tịch", 1234, "56", 10, 20, 3, 4, 0, "số liệu tạm"],
        [2, "Chứng thực", 7, 8, 9, 1, 0, 0, 2, None],
        [None, "Người lập biểu", None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"],
    ]  # fmt: skip
    grid = scan_sheet(_sheet(rows))
    assert (grid.header_first, grid.header_last, grid.data_first) == (2, 2, 4)
    assert grid.label_col == 2 and grid.label_kind == "field"
    assert [c.col for c in grid.columns] == [3, 4, 5, 6, 7, 8, 9]  # not STT, not notes
    assert list(suggest(grid).values()) == [
        ("received_online",), ("received_direct",), ("resolved_early",),
        ("resolved_on_time",), ("resolved_late",), ("pending_on_time",),
        ("pending_overdue",),
    ]  # fmt: skip


def test_per_unit_table_with_code_column_and_section_rows():
    rows = [
        ["BIỂU TỔNG HỢP THEO ĐƠN VỊ"],
        [],
        ["TT", "Mã ĐV", "Tên đơn vị", "Hồ sơ tiếp nhận", None, "Hồ sơ đã giải quyết", None],
        [None, None, None, "Trực tuyến", "Trực tiếp", "Đúng hạn", "Quá hạn"],
        ["I", None, "Cấp xã", None, None, None, None],
        [1, "XA_TAN_SON", "Xã Tân Sơn", "1.200", "30", 1000, 2],
    ]
    grid = scan_sheet(_sheet(rows))
    assert (grid.header_first, grid.header_last, grid.data_first) == (3, 4, 5)
    assert grid.label_col == 3 and grid.label_kind == "unit"
    assert [c.caption for c in grid.columns] == [
        "Hồ sơ tiếp nhận / Trực tuyến",
        "Hồ sơ tiếp nhận / Trực tiếp",
        "Hồ sơ đã giải quyết / Đúng hạn",
        "Hồ sơ đã giải quyết / Quá hạn",
    ]


def test_no_table_no_grid():
    assert scan_sheet(_sheet([["Danh sách cán bộ"], ["Nguyễn Văn A", "Chuyên viên"]])) is None


def test_column_number_row_with_letters_and_formulas():
    from tracu_desktop.interchange.header_grid import is_number_row

    assert is_number_row(["A", "B", "1", "2", "(3)=(4)+(5)", 4, 5.0])
    assert is_number_row(["(1)", "(2)", "(3)", "(4)"])
    assert not is_number_row([1, "Hộ tịch", 3, 4, 5, 6])
    assert not is_number_row([10, 3, 2, 1])  # figures, not column numbers


def test_rate_columns_and_spaced_numbers():
    """A rate column (“Tỷ lệ … (%)”) is derived, like totals; "22 278" is a figure."""
    from tracu_desktop.interchange.header_grid import is_numeric

    assert is_numeric("22\u00a0278") and is_numeric("1.234.567") and not is_numeric("97,5%")
    rows = [
        ["STT", "Lĩnh vực", "Số hồ sơ đã giải quyết", None, None, "Tỷ lệ đúng hạn (%)"],
        [None, None, "Trước hạn", "Đúng hạn", "Quá hạn", None],
        [1, "Hộ tịch", "1.000", 20, 3, 99.7],
    ]
    grid = scan_sheet(_sheet(rows))
    assert [c.leaf for c in grid.columns] == [
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Tỷ lệ đúng hạn (%)",
    ]
    assert suggest(grid)[grid.columns[-1].key] == ("ignore",)
