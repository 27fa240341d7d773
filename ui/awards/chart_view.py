"""A chart of the statistics painted with QPainter from the same :class:`models.analysis.statistics.Chart`
data the PDF draws with reportlab (``reports.charts``): grouped bars or lines, a value axis, the categories,
a legend, and a dashed line for a cap. Same colours as the PDF. No chart library is loaded."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.analysis.statistics import Chart
from models.common.text import decimal

PALETTE = ["#2f6db5", "#e07b28", "#3a9a5b", "#c0392b", "#8e5ea2", "#7f8c8d", "#b8860b"]  # as reports.charts
LIMIT_COLOUR = "#c0392b"


def nice_top(top: float) -> float:
    """The axis maximum: 1, 2 or 5 times a power of ten at or above ``top`` (as reports.charts)."""
    if top <= 0:
        return 1.0
    scale = 10 ** (len(str(int(top))) - 1)
    return float(next((step * scale for step in (1, 2, 5) if step * scale >= top), 10 * scale))


def _category_lines(categories, metrics, width: float) -> tuple[list[str], int]:
    """Each category's name broken into lines of at most ``width`` pixels (words kept whole), at
    most three, and the most lines one takes; a name that needs more is cut to one line with "…"
    (the PDF wraps the same way: reports.charts)."""
    names, most = [], 1
    for name in categories:
        lines: list[str] = []
        for word in name.split():
            if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        if len(lines) > 3 or any(metrics.horizontalAdvance(line) > width for line in lines):
            lines = [metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(width))]
        names.append("\n".join(lines))
        most = max(most, len(lines))
    return names, most


class ChartView(QWidget):
    def __init__(self, chart: Chart, parent=None):
        super().__init__(parent)
        self.chart = chart
        self.setMinimumSize(420, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(chart.title)

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        c = self.chart
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(QColor("#222"))
        p.drawText(QRectF(0, 4, self.width(), 22), Qt.AlignmentFlag.AlignCenter, c.title)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        p.setFont(small)
        metrics = p.fontMetrics()
        legend_rows = (len(c.series) + 2) // 3
        count = max(len(c.categories), 1)
        names, lines = _category_lines(c.categories, metrics, (self.width() - 62) / count - 4)
        extra = metrics.lineSpacing() * (lines - 1)  # room for the second and third lines of a name
        plot = QRectF(48, 34, self.width() - 62, self.height() - 34 - 30 - extra - 18 * legend_rows)
        top = nice_top(c.top)
        # value axis and grid
        for i in range(6):
            value = top * i / 5
            y = plot.bottom() - plot.height() * i / 5
            p.setPen(QPen(QColor("#dddddd"), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#444"))
            text = f"{decimal(value)}%" if c.unit == "%" else decimal(value)
            p.drawText(QRectF(0, y - 8, plot.left() - 4, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       text)
        p.setPen(QPen(QColor("#444"), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        slot = plot.width() / count
        for i, name in enumerate(names):
            p.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 3, slot, 4 + metrics.lineSpacing() * lines),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, name)

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * value / top

        if c.kind == "bar":
            group = slot * 0.75
            bar = group / max(len(c.series), 1)
            for s, (_name, values) in enumerate(c.series):
                colour = QColor(PALETTE[s % len(PALETTE)])
                for i, value in enumerate(values):
                    x = plot.left() + i * slot + (slot - group) / 2 + s * bar
                    rect = QRectF(x, y_of(value), bar - 1, plot.bottom() - y_of(value))
                    p.fillRect(rect, colour)
                    if len(c.series) == 1 and value:
                        p.setPen(QColor("#222"))
                        p.drawText(QRectF(x - 10, rect.top() - 16, bar + 20, 14), Qt.AlignmentFlag.AlignCenter,
                                   decimal(value))
        else:
            for s, (_name, values) in enumerate(c.series):
                path = QPainterPath()
                for i, value in enumerate(values):
                    point = QPointF(plot.left() + (i + 0.5) * slot, y_of(value))
                    path.moveTo(point) if i == 0 else path.lineTo(point)
                p.setPen(QPen(QColor(PALETTE[s % len(PALETTE)]), 2.2))
                p.drawPath(path)
        if c.limit is not None:
            value, text = c.limit
            pen = QPen(QColor(LIMIT_COLOUR), 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(plot.left(), y_of(value)), QPointF(plot.right(), y_of(value)))
            p.drawText(QRectF(plot.left(), y_of(value) - 16, plot.width(), 14),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Giới hạn {decimal(value)}%")
            self.setToolTip(f"{c.title}\nĐường đứt: {text}")
        # legend
        x0, y0 = plot.left(), plot.bottom() + 24 + extra
        column = plot.width() / 3
        for s, (name, _values) in enumerate(c.series):
            x = x0 + (s % 3) * column
            y = y0 + (s // 3) * 18
            p.fillRect(QRectF(x, y + 3, 10, 10), QColor(PALETTE[s % len(PALETTE)]))
            p.setPen(QColor("#222"))
            p.drawText(QRectF(x + 14, y, column - 16, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(column) - 18))
        p.end()
