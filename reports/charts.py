"""The statistics' charts in a PDF: reportlab's own graphics (no other library), drawn from the same
:class:`models.analysis.statistics.Chart` data the window paints with QPainter (``ui.awards.chart_view``).

Why reportlab graphics and QPainter rather than matplotlib or QtCharts: QtCharts needs PySide6-Addons (59 MB,
not installed); matplotlib adds about 40 MB to the bundle and half a second to the first chart; reportlab is
already the PDF library and QPainter is already loaded, so the charts cost neither start-up time nor bundle
size, and the same few numbers drive both pictures.
"""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from models.analysis.statistics import Chart
from models.common.text import decimal

from reports.fonts import document_fonts
from reports.wording import nfc

# The same colours as the window (ui.awards.chart_view.PALETTE).
PALETTE = ["#2f6db5", "#e07b28", "#3a9a5b", "#c0392b", "#8e5ea2", "#7f8c8d", "#b8860b"]
LIMIT_COLOUR = "#c0392b"


def nice_top(top: float) -> float:
    """The axis maximum: 1, 2 or 5 times a power of ten at or above ``top``."""
    if top <= 0:
        return 1.0
    scale = 10 ** (len(str(int(top))) - 1)
    for step in (1, 2, 5, 10):
        if step * scale >= top:
            return float(step * scale)
    return float(10 * scale)


_SIZE, _LINE = 8, 9.5  # the category names' type size and line height


def _category_names(categories, font: str, slot: float) -> tuple[list[str] | None, int]:
    """Each category's name wrapped to the width of its slot, on at most three lines, and the most
    lines one takes; (None, 1) when a name does not fit so (a word wider than the slot, or more than
    three lines): the names are then slanted, as many short ones are."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    usable = slot - 6  # a little space between two names
    wrapped = [simpleSplit(nfc(c), font, _SIZE, usable) for c in categories]
    if any(len(w) > 3 or any(stringWidth(line, font, _SIZE) > usable for line in w) for w in wrapped):
        return None, 1
    return ["\n".join(w) for w in wrapped], max((len(w) for w in wrapped), default=1)


def chart_drawing(chart: Chart, width: float, height: float = 210) -> Drawing:
    fonts = document_fonts()
    drawing = Drawing(width, height)
    drawing.add(String(width / 2, height - 14, nfc(chart.title), fontName=fonts.bold, fontSize=11,
                       textAnchor="middle"))
    plot = VerticalBarChart() if chart.kind == "bar" else HorizontalLineChart()
    legend_h = 16 * ((len(chart.series) + 2) // 3)
    names, lines = _category_names(chart.categories, fonts.regular, (width - 55) / max(len(chart.categories), 1))
    angled = names is None
    room = 45 if angled else _LINE * (lines - 1)  # for the slanted names, or the second and third lines
    plot.x, plot.y = 40, 40 + legend_h + room
    plot.width, plot.height = width - 55, height - 30 - plot.y
    plot.data = [list(values) or [0] for _name, values in chart.series]
    plot.categoryAxis.categoryNames = names or [nfc(c if len(c) <= 22 else c[:21] + "…") for c in chart.categories]
    plot.categoryAxis.labels.fontName = fonts.regular
    plot.categoryAxis.labels.fontSize = _SIZE
    plot.categoryAxis.labels.leading = _LINE
    if angled:
        plot.categoryAxis.labels.angle = 20
        plot.categoryAxis.labels.boxAnchor = "ne"
    else:
        plot.categoryAxis.labels.textAnchor = "middle"  # each line of a wrapped name under its bar
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = nice_top(chart.top)
    plot.valueAxis.valueStep = plot.valueAxis.valueMax / 5
    plot.valueAxis.labels.fontName = fonts.regular
    plot.valueAxis.labels.fontSize = 8
    plot.valueAxis.labelTextFormat = (lambda v: f"{decimal(v)}%") if chart.unit == "%" else decimal
    for i in range(len(chart.series)):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        if chart.kind == "bar":
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = None
        else:
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 2
    if chart.kind == "bar" and len(chart.series) == 1 and len(chart.categories) <= 12:
        plot.barLabelFormat = decimal
        plot.barLabels.fontName = fonts.regular
        plot.barLabels.fontSize = 8
        plot.barLabels.nudge = 6
    drawing.add(plot)
    if chart.limit is not None:
        value, text = chart.limit
        y = plot.y + plot.height * value / plot.valueAxis.valueMax
        drawing.add(Line(plot.x, y, plot.x + plot.width, y, strokeColor=colors.HexColor(LIMIT_COLOUR),
                         strokeDashArray=[4, 3], strokeWidth=1.2))
        drawing.add(String(plot.x + plot.width, y + 3, nfc(f"Giới hạn {decimal(value)}%"), fontName=fonts.regular, fontSize=8,
                           fillColor=colors.HexColor(LIMIT_COLOUR), textAnchor="end"))
    legend = Legend()
    legend.x, legend.y = plot.x, 8 + legend_h
    legend.fontName, legend.fontSize = fonts.regular, 8
    legend.columnMaximum = 1 if len(chart.series) <= 3 else 2
    legend.alignment = "right"
    legend.deltax = 120
    legend.dx = legend.dy = 7
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), nfc(name))
                             for i, (name, _v) in enumerate(chart.series)]
    drawing.add(legend)
    return drawing
