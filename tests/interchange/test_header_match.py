"""Header matching, case by case: where a form-06 table sits in a sheet and which column
holds which indicator, on small sheets built in memory (no workbook files)."""

from __future__ import annotations

import pytest

from tracu_desktop.interchange.header_match import (
    caption_key,
    find_table,
    group_captions,
    indicator_for,
    is_total_label,
    section_level,
    vocabulary,
)
from tracu_desktop.interchange.sheet_reader import SheetData

ALL_INPUTS = {
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_on_time",
    "pending_overdue",
}


def _sheet(*rows: list[object]) -> SheetData:
    return SheetData("S", [list(r) for r in rows])


def _standard(label: str = "Lĩnh vực", numbers: bool = True) -> list[list[object]]:
    """The official 06b header: three merged rows (captions in the first cell)."""
    rows: list[list[object]] = [
        ["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"],
        [],
        ["TT", label, "Số hồ sơ nhận giải quyết", None, None, None,
         "Số hồ sơ đã giải quyết", None, None, None, "Số lượng hồ sơ đang giải quyết", None, None],
        [None, None, "Tổng số", "Trong đó", None, "Từ kỳ trước",
         "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"],
        [None, None, None, "Trực tuyến", "Trực tiếp, dịch vụ bưu chính"] + [None] * 8,
    ]  # fmt: skip
    if numbers:
        rows.append([f"({i})" for i in range(1, 14)])
    rows.append([1, "Đất đai", 10, 4, 5, 1, 10, 2, 7, 1, 0, 0, 0])
    return rows


def test_official_header_maps_every_input_column():
    shape = find_table(_sheet(*_standard()))
    assert shape is not None
    assert (shape.header_first, shape.header_last, shape.data_first) == (3, 5, 7)
    assert shape.label_col == 2 and shape.label_kind == "field"
    assert shape.columns == {
        4: "received_online",
        5: "received_direct",
        6: "carried_over",
        8: "resolved_early",
        9: "resolved_on_time",
        10: "resolved_late",
        12: "pending_on_time",
        13: "pending_overdue",
    }


def test_without_a_number_row_the_data_starts_at_the_first_figures():
    shape = find_table(_sheet(*_standard(numbers=False)))
    assert shape is not None and (shape.header_last, shape.data_first) == (5, 6)


def test_unit_table_is_told_apart_from_a_field_table():
    shape = find_table(_sheet(*_standard(label="Tên đơn vị")))
    assert shape is not None and shape.label_kind == "unit"
    assert find_table(_sheet(*_standard(label="Cơ quan, đơn vị"))).label_kind == "unit"
    # "lĩnh vực" wins over "đơn vị": a field table of one unit
    assert find_table(_sheet(*_standard(label="Lĩnh vực của đơn vị"))).label_kind == "field"


def test_captions_match_without_accents_and_in_legacy_order():
    rows = _standard()
    rows[2][2] = "SO HO SO TIEP NHAN"  # a group caption in capitals, no accents
    rows[3][9] = "Trễ hạn"  # a wording the spec accepts besides "Quá hạn"
    rows[3][11] = "Chưa đến hạn"
    shape = find_table(_sheet(*rows))
    assert shape is not None
    assert shape.columns[4] == "received_online"
    assert shape.columns[10] == "resolved_late"
    assert shape.columns[12] == "pending_on_time"


def test_carried_over_as_a_caption_of_its_own_above_the_group():
    """ "Từ kỳ trước" standing in the top row with nothing below (top_accept)."""
    rows = [
        ["STT", "Lĩnh vực", "Số hồ sơ nhận giải quyết từ kỳ trước", "Số hồ sơ nhận giải quyết",
         None, "Số hồ sơ đã giải quyết", None, None, "Số hồ sơ đang giải quyết", None],
        [None, None, None, "Trực tuyến", "Trực tiếp", "Trước hạn", "Đúng hạn", "Quá hạn",
         "Trong hạn", "Quá hạn"],
        [1, "Hộ tịch", 3, 4, 5, 6, 7, 8, 9, 10],
    ]  # fmt: skip
    shape = find_table(_sheet(*rows))
    assert shape is not None
    assert shape.columns[3] == "carried_over"
    assert set(shape.columns.values()) == ALL_INPUTS


def test_a_sheet_without_two_groups_is_not_a_table():
    assert find_table(_sheet(["Danh sách"], ["Số hồ sơ đã giải quyết", "Ghi chú"])) is None
    assert find_table(_sheet()) is None


def test_a_table_with_fewer_than_three_known_columns_is_refused():
    rows = [
        ["TT", "Lĩnh vực", "Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết"],
        [None, None, "Trực tuyến", "Ghi chú"],
        [1, "Hộ tịch", 1, 2],
    ]
    assert find_table(_sheet(*rows)) is None


def test_header_below_the_scan_window_is_not_found():
    rows = [[f"dòng {i}"] for i in range(30)] + _standard()
    assert find_table(_sheet(*rows)) is None
    assert find_table(_sheet(*rows), scan_rows=40) is not None


def test_duplicate_captions_keep_the_first_column():
    rows = _standard()
    rows[3].append("Quá hạn")  # a stray 14th column under the pending group
    rows[2].append(None)
    shape = find_table(_sheet(*rows))
    assert shape is not None
    assert list(shape.columns.values()).count("pending_overdue") == 1
    assert shape.columns[13] == "pending_overdue"


def test_signature_is_stable_and_names_the_columns():
    a = find_table(_sheet(*_standard()))
    b = find_table(_sheet(*_standard()))
    assert a.signature() == b.signature()
    assert a.signature().startswith("field|2|4:received_online,")


@pytest.mark.parametrize(
    ("group", "caption", "expected"),
    [
        ("received", "truc tuyen", "received_online"),
        ("received", "so moi tiep nhan truc tiep", "received_direct"),
        ("received", "ky truoc chuyen sang", "carried_over"),
        ("resolved", "tre han", "resolved_late"),
        ("pending", "qua han", "pending_overdue"),
        ("pending", "tong so", None),
        ("unknown", "truc tuyen", None),
    ],
)
def test_indicator_for(group, caption, expected):
    assert indicator_for(group, caption) == expected


def test_vocabulary_comes_from_the_specs():
    v = vocabulary()
    assert [g.name for g in v.groups] == ["received", "resolved", "pending"]
    assert group_captions() == [
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số lượng hồ sơ đang giải quyết",
    ]
    assert "linh vuc" in v.field_label_words and "don vi" in v.unit_label_words


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("Cấp huyện", "district"),
        ("I. Cấp xã", "commune"),
        ("II Xã, phường, thị trấn", "commune"),
        ("a) Cấp tỉnh", "province"),
        ("Hộ tịch", None),
    ],
)
def test_section_level(label, level):
    assert section_level(label) == level


@pytest.mark.parametrize(
    ("label", "total"),
    [
        ("Tổng cộng", True),
        ("Cộng cấp huyện", True),
        ("Tổng: ", True),
        ("TONG CONG", True),
        ("Công chứng", False),  # a field, not a "Cộng" row
        ("Công thương", False),
        ("Tổ chức cán bộ", False),
    ],
)
def test_total_labels(label, total):
    assert is_total_label(label) is total


def test_caption_key_converts_legacy_text_and_empties():
    assert caption_key(None) == ""
    assert caption_key("  Số Hồ Sơ  ") == "so ho so"
