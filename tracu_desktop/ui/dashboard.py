"""Dashboard (Tổng quan): the report's rates over time and per commune, as charts.

Figures come from :mod:`tracu_desktop.db.trends` on the GUI thread's connection (a few
aggregate queries, milliseconds). The page redraws when the period or its figures change;
while hidden it only remembers that it is stale and redraws when shown.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.models import Level
from tracu_desktop.core.vnformat import format_percent
from tracu_desktop.db.catalog import get_organisation
from tracu_desktop.db.periods import get_period
from tracu_desktop.db.trends import (
    RATE_LABELS,
    RATE_NAMES,
    TrendPoint,
    UnitRate,
    commune_online_rates,
    commune_rates,
    ranked,
    targets,
    trend,
)
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.trend_page import TrendPage

SHORT_LABELS = {
    "online": "Trực tuyến",
    "on_time": "Trước và đúng hạn",
    "digitized": "Số hóa hồ sơ",
}
RATE_COLORS = {"online": "#1f6fb2", "on_time": "#2e8b57", "digitized": "#d2691e"}
TARGET_COLOR = "#c0392b"
RANK_SHOWN = 10  # a province ranks 124 communes: the best and the last ten are drawn
_VI = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _percent_axis(title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(6)
    axis.setLabelFormat("%.0f%")  # Qt Charts prints "%%" literally
    axis.setTitleText(title)
    return axis


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setLocalizeNumbers(True)
    chart.setLocale(_VI)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class ValueLabels:
    """Vietnamese-formatted value labels ("69,85%") kept beside chart points.

    QtCharts formats its own point labels with "%g" (97,1 instead of 97,10), so the labels
    are plain text items moved into place whenever the plot area changes.
    """

    def __init__(self, chart: QChart) -> None:
        self.chart = chart
        self.items: list[tuple[QGraphicsSimpleTextItem, QPointF, QAbstractSeries, str]] = []
        chart.plotAreaChanged.connect(self.place)

    def add(self, series: QAbstractSeries, at: QPointF, text: str, where: str, color: str) -> None:
        item = QGraphicsSimpleTextItem(text, self.chart)
        item.setBrush(QColor(color))
        font = QFont(item.font())
        font.setPointSize(9)
        font.setBold(True)
        item.setFont(font)
        item.setZValue(10)
        self.items.append((item, at, series, where))

    def texts(self) -> list[str]:
        return [item.text() for item, *_ in self.items]

    def place(self, *_args: object) -> None:
        for item, at, series, where in self.items:
            pos = self.chart.mapToPosition(at, series)
            box = item.boundingRect()
            if where == "above":
                item.setPos(pos.x() - box.width() / 2, pos.y() - box.height() - 4)
            elif where == "inside":
                item.setPos(pos.x() - box.width() - 4, pos.y() - box.height() / 2)
            else:  # right of a bar end
                item.setPos(pos.x() + 4, pos.y() - box.height() / 2)


def _target_line(
    chart: QChart, axes: tuple[QValueAxis, QBarCategoryAxis], goal: Decimal, bars: int, caption: str
) -> None:
    """A vertical dashed line at the target across every bar of a horizontal bar chart."""
    line = QLineSeries()
    line.setName(f"{caption} {format_percent(goal, places=0)}")
    line.setPen(_target_pen())
    line.append(QPointF(float(goal), -0.5))
    line.append(QPointF(float(goal), bars - 0.5))
    chart.addSeries(line)
    for axis in axes:
        line.attachAxis(axis)


def _target_pen() -> QPen:
    pen = QPen(QColor(TARGET_COLOR))
    pen.setWidth(2)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


class DashboardPage(TrendPage):
    """Trend of the three rates and online rate per commune for ``ctx.period``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.points: list[TrendPoint] = []
        self.communes: list[UnitRate] = []
        self.ranking: list[tuple[int, UnitRate]] = []
        self.ranking_mode = False

        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setPointSize(13)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.trend_view = QChartView()
        self.commune_view = QChartView()
        for view in (self.trend_view, self.commune_view):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            view.setMinimumSize(360, 300)

        # A province ranks its communes by the rate chosen here (hidden for a district).
        self.rank_by = QComboBox()
        for name in RATE_NAMES:
            self.rank_by.addItem(RATE_LABELS[name], name)
        self.rank_by.setAccessibleName("Xếp hạng theo tỷ lệ")
        self.rank_by.currentIndexChanged.connect(lambda _i: self.refresh())
        self.rank_row = QWidget()
        rank_layout = QHBoxLayout(self.rank_row)
        rank_layout.setContentsMargins(0, 0, 0, 0)
        rank_label = QLabel("Xếp hạng xã, phường theo:")
        rank_label.setBuddy(self.rank_by)
        rank_layout.addWidget(rank_label)
        rank_layout.addWidget(self.rank_by, 1)
        self.rank_row.setVisible(False)
        right = QVBoxLayout()
        right.addWidget(self.rank_row)
        right.addWidget(self.commune_view, 1)

        self.charts = charts = QHBoxLayout()
        charts.addWidget(self.trend_view, 1)
        charts.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addLayout(charts, 1)

        self.follow_context()
        self.refresh()

    # --- drawing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the figures of the selected period and redraw both charts."""
        self._stale = False
        code = self.ctx.period
        period = get_period(self.ctx.db, code) if code else None
        self.points = trend(self.ctx.db, code) if code and period else []
        org = get_organisation(self.ctx.db)
        self.ranking_mode = org is not None and org.level is Level.PROVINCE
        self.rank_row.setVisible(self.ranking_mode)
        if self.ranking_mode:
            rates = commune_rates(self.ctx.db, code) if code and period else []
            self.communes = rates
            self.ranking = ranked(rates, self.rank_name)
        else:
            self.communes = commune_online_rates(self.ctx.db, code) if code and period else []
            self.ranking = []
        self.targets = targets(self.ctx.db)
        # A commune has no communes to compare (after 1/7/2025 its former ones ended).
        has_communes = bool(self.communes) or period is None
        self.commune_view.setVisible(has_communes)
        self.charts.setStretch(1, 1 if has_communes else 0)
        if period is None:
            self.title.setText("Tổng quan")
        else:
            self.title.setText(f"Tổng quan {period.label()}")
        has_current = bool(self.points) and self.points[-1].period == code
        if not has_current:
            self.empty.setText(
                "Chưa chọn kỳ báo cáo."
                if period is None
                else "Kỳ này chưa có số liệu. Nhập số liệu hoặc nhập tệp của các đơn vị, "
                "biểu đồ sẽ hiện ở đây."
            )
        self.empty.setVisible(not has_current)
        self.summary.setText(self._summary_html() if has_current else "")
        self.summary.setVisible(has_current)
        for view, chart in (
            (self.trend_view, self._trend_chart()),
            (
                self.commune_view,
                self._ranking_chart() if self.ranking_mode else self._commune_chart(),
            ),
        ):
            previous = view.chart()
            view.setChart(chart)  # the view owns the new chart and releases the old one
            previous.deleteLater()

    def _summary_html(self) -> str:
        last = self.points[-1]
        parts = []
        for name in RATE_NAMES:
            text = f"{RATE_LABELS[name]}: <b>{format_percent(last.rate(name)) or '—'}</b>"
            goal = self.targets.get(name)
            if goal is not None:
                text += f" (chỉ tiêu {format_percent(goal, places=0)})"
            parts.append(f'<span style="color:{RATE_COLORS[name]}">■</span> {text}')
        return " &nbsp;&nbsp; ".join(parts)

    def _trend_chart(self) -> QChart:
        chart = _new_chart("Các tỷ lệ qua các kỳ báo cáo")
        self.trend_labels = labels = ValueLabels(chart)
        axis_x = QBarCategoryAxis()
        axis_x.append([p.label for p in self.points] or [""])
        axis_x.setTitleText("Kỳ báo cáo")
        axis_y = _percent_axis("Tỷ lệ (%)")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for name in RATE_NAMES:
            series = QLineSeries()
            series.setName(SHORT_LABELS[name])
            pen = QPen(QColor(RATE_COLORS[name]))
            pen.setWidth(3)
            series.setPen(pen)
            series.setPointsVisible(True)
            chart.addSeries(series)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
            for i, point in enumerate(self.points):
                value = point.rate(name)
                if value is not None:
                    series.append(QPointF(i, float(value)))
                    if len(self.points) <= 8:
                        at = QPointF(i, float(value))
                        labels.add(series, at, format_percent(value), "above", RATE_COLORS[name])
        for name, goal in self.targets.items():
            line = QLineSeries()
            line.setName(f"Chỉ tiêu {SHORT_LABELS[name].lower()} {format_percent(goal, places=0)}")
            line.setPen(_target_pen())
            last = max(len(self.points) - 1, 0)
            line.append(QPointF(-0.5, float(goal)))
            line.append(QPointF(last + 0.5, float(goal)))
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
        return chart

    def _commune_chart(self) -> QChart:
        chart = _new_chart("Tỷ lệ tiếp nhận trực tuyến theo xã, thị trấn")
        # Horizontal bars, first commune at the top: the category axis runs bottom-up.
        rows = list(reversed(self.communes))
        bars = QBarSet("Tỷ lệ tiếp nhận trực tuyến")
        bars.setColor(QColor(RATE_COLORS["online"]))
        for row in rows:
            bars.append(_float(row.online) or 0.0)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append([r.name for r in rows] or [""])
        axis_x = _percent_axis("Tỷ lệ (%)")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        self.commune_labels = labels = ValueLabels(chart)
        for i, row in enumerate(rows):
            text = format_percent(row.online) if row.online is not None else "chưa có số liệu"
            at = QPointF(_float(row.online) or 0.0, i)
            if at.x() > 85:  # no room right of the bar: write inside its end
                labels.add(series, at, text, "inside", "white")
            else:
                labels.add(series, at, text, "right", "#222222")
        goal = self.targets.get("online")
        if goal is not None and rows:
            _target_line(chart, (axis_x, axis_y), goal, len(rows), "Chỉ tiêu")
        return chart

    @property
    def rank_name(self) -> str:
        return str(self.rank_by.currentData() or "online")

    def shown_ranking(self) -> list[tuple[int, UnitRate] | None]:
        """The ranked rows drawn, best first; ``None`` marks the gap between the best and
        the last ``RANK_SHOWN`` when there are more than twice as many communes."""
        rows = self.ranking
        if len(rows) <= 2 * RANK_SHOWN:
            return list(rows)
        return [*rows[:RANK_SHOWN], None, *rows[-RANK_SHOWN:]]

    def _ranking_chart(self) -> QChart:
        name = self.rank_name
        shown = self.shown_ranking()
        count = sum(1 for rank, _ in self.ranking if rank)
        title = f"Xếp hạng {count} xã, phường"
        if len(shown) < len(self.ranking):
            title += f": {RANK_SHOWN} cao nhất, {RANK_SHOWN} thấp nhất"
        chart = _new_chart(title)
        rows = list(reversed(shown))  # the category axis runs bottom-up
        bars = QBarSet(RATE_LABELS[name])
        bars.setColor(QColor(RATE_COLORS[name]))
        categories = []
        for item in rows:
            if item is None:
                bars.append(0.0)
                categories.append("…")
                continue
            rank, row = item
            bars.append(_float(row.rate(name)) or 0.0)
            categories.append(f"{rank}. {row.name}" if rank else f"– {row.name}")
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append(categories or [""])
        axis_y.setTruncateLabels(False)  # "12. Xã Lưu Nghiệp Anh" is the point of the chart
        axis_x = _percent_axis("Tỷ lệ (%)")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        self.commune_labels = labels = ValueLabels(chart)
        for i, item in enumerate(rows):
            if item is None:
                continue
            value = item[1].rate(name)
            text = format_percent(value) if value is not None else "chưa có số liệu"
            at = QPointF(_float(value) or 0.0, i)
            if at.x() > 85:
                labels.add(series, at, text, "inside", "white")
            else:
                labels.add(series, at, text, "right", "#222222")
        goal = self.targets.get(name)
        if goal is not None and rows:
            _target_line(chart, (axis_x, axis_y), goal, len(rows), "Chỉ tiêu của tỉnh")
        return chart

    # --- for tests and screenshots ---------------------------------------------------

    def series_values(self, chart: QChart) -> dict[str, list[float]]:
        """Values drawn per series name (line y values or bar values)."""
        out: dict[str, list[float]] = {}
        for series in chart.series():
            if isinstance(series, QLineSeries):
                out[series.name()] = [p.y() for p in series.points()]
            elif isinstance(series, QAbstractBarSeries):
                for bar_set in series.barSets():
                    out[bar_set.label()] = [bar_set.at(i) for i in range(bar_set.count())]
        return out
