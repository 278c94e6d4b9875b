"""The service-index page: the demo period's rates, their sources on hover, no points."""

from __future__ import annotations

import os

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.values import Change, apply_changes
from tracu_desktop.ui.service_index_page import ServiceIndexPage


def _page(qtbot, ctx) -> ServiceIndexPage:
    page = ServiceIndexPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_demo_rates_table_and_tooltips(qtbot, ctx):
    page = _page(qtbot, ctx)
    assert page.title.text() == (
        "Chỉ số phục vụ người dân, doanh nghiệp năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)"
    )
    header = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert header == [
        "Nhóm tiêu chí (điểm tối đa)", "Tỷ lệ", "Kỳ này (năm 2023)", "Tử số / mẫu số",
        "năm 2021", "năm 2022", "Điểm",
    ]  # fmt: skip
    rows = {r[1]: r for r in page.table_text()}
    assert rows["Tỷ lệ hồ sơ tiếp nhận trực tuyến"] == [
        "Dịch vụ trực tuyến (22)", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "69,85%",
        "15.561 / 22.278", "41,47%", "61,59%", "không tự chấm",
    ]  # fmt: skip
    assert rows["Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn"][2:4] == [
        "97,98%",
        "21.829 / 22.278",
    ]
    assert rows["Tỷ lệ hồ sơ được số hóa"][2] == "91,71%"
    assert rows["Tỷ lệ phản ánh, kiến nghị đã xử lý"][2:4] == ["100,00%", "1 / 1"]
    assert rows["Tỷ lệ hồ sơ trực tuyến toàn trình"][2:4] == ["chưa có số liệu", ""]
    tip = page.table.item(0, 2).toolTip()
    assert "Công thức: Số mới tiếp nhận trực tuyến (4) / [trực tuyến (4) + trực tiếp" in tip
    assert "Căn cứ: Quyết định số 766/QĐ-TTg ngày 23/6/2022" in tip
    assert "không tự chấm điểm" in page.intro.text()
    # Rates never entered draw no line at 0%.
    names = [s.name() for s in page.chart_view.chart().series()]
    assert "hồ sơ tiếp nhận trực tuyến: 69,85%" in names
    assert not any(n.startswith("hồ sơ trực tuyến toàn trình") for n in names)
    line = next(s for s in page.chart_view.chart().series() if s.name().endswith("69,85%"))
    assert [round(p.y(), 2) for p in line.points()] == [41.47, 61.59, 69.85]
    if os.environ.get("TRACU_SHOTS"):
        page.grab().save(os.environ["TRACU_SHOTS"] + "/service_index.png")


def test_entered_detail_shows_and_follows_edits(qtbot, ctx):
    page = _page(qtbot, ctx)
    apply_changes(
        ctx.db,
        [Change(ValueKey("2023", "TT_TRA_CU", "X_HO_TICH", "received_online_full"), 2_228)],
        source="entry",
    )
    ctx.data_changed.emit("2023")
    rows = {r[1]: r for r in page.table_text()}
    # 2.228 / 22.278 = 10,0009…% → 10,00%
    assert rows["Tỷ lệ hồ sơ trực tuyến toàn trình"][2:4] == ["10,00%", "2.228 / 22.278"]
