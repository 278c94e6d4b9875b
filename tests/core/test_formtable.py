"""The renderer-neutral table: header spans, row grouping, computed sums and rates."""

from __future__ import annotations

from decimal import Decimal

from tracu_desktop.core.formspec import spec_for
from tracu_desktop.core.formtable import DocTexts, RowItem, RowKind, build_table, header_cells
from tracu_desktop.core.models import Level


def test_06b_header_layout():
    cells, depth = header_cells(spec_for("06b").header)
    assert depth == 3
    by_text = {(c.text, c.row): c for c in cells}
    assert (by_text[("TT", 0)].rowspan, by_text[("TT", 0)].colspan) == (3, 1)
    received = by_text[("Số hồ sơ nhận giải quyết", 0)]
    assert (received.col, received.colspan, received.rowspan) == (2, 4, 1)
    inner = by_text[("Trong đó", 1)]
    assert (inner.col, inner.colspan) == (3, 2)
    assert by_text[("Trực tuyến", 2)].col == 3
    assert by_text[("Từ kỳ trước", 1)].rowspan == 2
    pending = by_text[("Số lượng hồ sơ đang giải quyết", 0)]
    assert (pending.col, pending.colspan) == (10, 3)


def _fig(online, direct, early, late):
    return {
        "received_online": online,
        "received_direct": direct,
        "resolved_early": early,
        "resolved_late": late,
    }


def test_sections_subtotals_and_total_are_computed():
    spec = spec_for("06b")
    items = [
        RowItem(Level.DISTRICT, "Đất đai", _fig(10, 5, 14, 1)),
        RowItem(Level.DISTRICT, "Hộ tịch", _fig(1, 2, 3, 0)),
        RowItem(Level.COMMUNE, "Chứng thực", _fig(100, 50, 149, 1)),
    ]
    t = build_table(spec, items, DocTexts())
    kinds = [r.kind for r in t.rows]
    assert kinds == [
        RowKind.SECTION,
        RowKind.DATA,
        RowKind.DATA,
        RowKind.SUBTOTAL,
        RowKind.SECTION,
        RowKind.DATA,
        RowKind.SUBTOTAL,
        RowKind.TOTAL,
    ]
    assert t.rows[0].cells[:2] == ("I", "Cấp huyện")
    assert t.rows[3].cells[1] == "Cộng cấp huyện"
    assert t.value(t.rows[3], "received_total") == 18
    assert t.value(t.rows[6], "resolved_total") == 150
    total = t.total_row()
    assert total.cells[1] == "Tổng cộng"
    assert [total.cells[i] for i in (2, 3, 4, 5, 6, 7, 8, 9)] == [168, 111, 57, 0, 168, 166, 0, 2]
    # the official forms write the arithmetic of the sum columns in the number row
    assert t.column_numbers == (
        "(1)",
        "(2)",
        "(3)=(4)+(5)+(6)",
        "(4)",
        "(5)",
        "(6)",
        "(7)=(8)+(9)+(10)",
        "(8)",
        "(9)",
        "(10)",
        "(11)=(12)+(13)",
        "(12)",
        "(13)",
    )


def test_rates_come_from_summed_figures():
    spec = spec_for("dvc")
    items = [
        RowItem(None, "Cấp huyện", {"received_online": 1, "received_direct": 2, "digitized": 3}),
        RowItem(None, "Cấp xã", {"received_online": 2, "received_direct": 0, "digitized": 1}),
    ]
    t = build_table(spec, items, DocTexts())
    assert t.value(t.rows[0], "online_rate") == Decimal("33.33")
    assert t.value(t.total_row(), "online_rate") == Decimal("60.00")
    assert t.value(t.total_row(), "digitized_rate") == Decimal("80.00")


def test_empty_form_says_so():
    t = build_table(spec_for("05a"), [], DocTexts())
    assert [r.kind for r in t.rows] == [RowKind.NOTE]
    assert "Không có PAKN" in t.rows[0].cells[1]
