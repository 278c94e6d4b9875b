"""“Chỉ số phục vụ”: the rates of the national service index for the period and its trend.

Rates come from :mod:`tracu_desktop.db.service_index` (definitions in
``resources/catalogs/service_index.toml``). Each row's tooltip gives the formula and the
legal source; no points are shown, because the program's sources publish no rule turning
these rates into points.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QChartView, QLineSeries
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.service_index import RateValue, load_service_index, rate_tooltip
from tracu_desktop.core.vnformat import format_int, format_percent
from tracu_desktop.db.periods import get_period
from tracu_desktop.db.service_index import PeriodRates, service_trend
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.dashboard import _new_chart, _percent_axis
from tracu_desktop.ui.trend_page import TrendPage

COLORS = ("#1f6fb2", "#6a3d9a", "#2e8b57", "#d2691e", "#b8860b", "#c2185b", "#00838f")
NO_POINTS = "không tự chấm"


def _cell(rate: RateValue | None) -> str:
    if rate is None:
        return ""
    return format_percent(rate.value) if rate.value is not None else rate.reason


class ServiceIndexPage(TrendPage):
    """A table of the index's rates (period and earlier periods) and their trend chart."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.points: list[PeriodRates] = []
        index = load_service_index()
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSize(13)
        font.setBold(True)
        self.title.setFont(font)
        groups = "; ".join(f"{g.label} {g.max_points} điểm" for g in index.groups)
        self.intro = QLabel(
            f"Các tỷ lệ mà Bộ chỉ số phục vụ người dân, doanh nghiệp ({index.source}) dùng, "
            "tính từ số liệu đã nhập (cộng mọi đơn vị, lĩnh vực). Nhóm tiêu chí và điểm tối "
            f"đa: {groups}. {index.scoring_note} Di chuột lên một dòng để xem công thức và căn cứ."
        )
        self.intro.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(self.chart_view, 1)
        self.follow_context()
        self.refresh()

    # --- drawing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the rates of the selected period and the periods before it."""
        self._stale = False
        code = self.ctx.period
        period = get_period(self.ctx.db, code) if code else None
        self.points = service_trend(self.ctx.db, code) if code and period else []
        label = period.label() if period else ""
        self.title.setText(f"Chỉ số phục vụ người dân, doanh nghiệp {label}".strip())
        has_current = bool(self.points) and self.points[-1].period == code
        self.empty.setVisible(not has_current)
        self.empty.setText(
            "Chưa chọn kỳ báo cáo."
            if period is None
            else "Kỳ này chưa có số liệu; các tỷ lệ sẽ hiện khi đã nhập số liệu."
        )
        self._fill_table(has_current)
        previous = self.chart_view.chart()
        self.chart_view.setChart(self._trend_chart())
        previous.deleteLater()

    def _fill_table(self, has_current: bool) -> None:
        index = load_service_index()
        current = self.points[-1] if has_current else None
        earlier = self.points[:-1] if has_current else self.points
        headers = [
            "Nhóm tiêu chí (điểm tối đa)",
            "Tỷ lệ",
            f"Kỳ này ({current.label})" if current else "Kỳ này",
            "Tử số / mẫu số",
            *[p.label for p in earlier],
            "Điểm",
        ]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(index.rates))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, d in enumerate(index.rates):
            now = current.value_of(d.code) if current else None
            fraction = (
                f"{format_int(now.numerator)} / {format_int(now.denominator)}"
                if now is not None and now.value is not None
                else ""
            )
            texts = [
                f"{d.group.label} ({d.group.max_points})",
                d.label,
                _cell(now),
                fraction,
                *[_cell(p.value_of(d.code)) for p in earlier],
                NO_POINTS if not d.scoring else d.scoring,
            ]
            tip = rate_tooltip(d, index.source, index.scoring_note)
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if col >= 2 and col < len(texts) - 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if col == 2 and now is not None and now.value is not None:
                    item.setFont(bold)
                if col >= 2 and text in ("chưa có số liệu", "mẫu số bằng 0", NO_POINTS):
                    item.setForeground(QColor("#777777"))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows_height + frame)

    def _trend_chart(self):  # noqa: ANN202 - a QChart
        chart = _new_chart("Các tỷ lệ qua các kỳ báo cáo")
        axis_x = QBarCategoryAxis()
        axis_x.append([p.label for p in self.points] or [""])
        axis_y = _percent_axis("Tỷ lệ (%)")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for n, d in enumerate(load_service_index().rates):
            found = [(i, p.value_of(d.code).value) for i, p in enumerate(self.points)]
            values = [(i, v) for i, v in found if v is not None]
            if not values:
                continue  # never entered: no line at 0%
            color = COLORS[n % len(COLORS)]
            series = QLineSeries()
            name = d.label.removeprefix("Tỷ lệ ")
            last_i, last_v = values[-1]
            if last_i == len(self.points) - 1:
                name += f": {format_percent(last_v)}"  # the period's value, in the legend
            series.setName(name)
            pen = QPen(QColor(color))
            pen.setWidth(3)
            series.setPen(pen)
            series.setPointsVisible(True)
            chart.addSeries(series)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
            for i, v in values:
                series.append(QPointF(i, float(v)))
        return chart

    # --- for tests -------------------------------------------------------------------

    def table_text(self) -> list[list[str]]:
        return [
            [_text(self.table.item(r, c)) for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""
