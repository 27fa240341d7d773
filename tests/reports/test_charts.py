"""The statistics' charts in a PDF: names under their bars never overlap, figures with a decimal comma."""
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.pdfbase.pdfmetrics import stringWidth

from models.analysis.statistics import Chart
from models.common.text import decimal
from reports.charts import chart_drawing
from reports.fonts import document_fonts

REASONS = ("Đăng ký trễ hạn", "Báo cáo kết quả trễ hạn", "Không đăng ký mô hình, sáng kiến, giải pháp",
           "Không báo cáo kết quả", "Thực hiện không hiệu quả")


def _plot(drawing):
    return next(c for c in drawing.contents if isinstance(c, VerticalBarChart))


def _chart(categories, values):
    return Chart("Tập thể bị phê bình năm 2018 theo lý do", "bar", tuple(categories), (("Số tập thể", tuple(values)),))


def test_long_category_names_are_wrapped_to_their_slot_on_at_most_three_lines():
    # five reasons on a half page (the statistics PDF puts two charts side by side): written on one
    # line each they ran into each other
    plot = _plot(chart_drawing(_chart(REASONS, (4, 3, 3, 2, 1)), 380))
    slot = plot.width / len(REASONS)
    font = document_fonts().regular
    names = plot.categoryAxis.categoryNames
    assert [n.replace("\n", " ") for n in names] == list(REASONS)  # whole, never cut
    assert all(len(n.split("\n")) <= 3 for n in names) and any("\n" in n for n in names)
    assert all(stringWidth(line, font, 8) <= slot - 6 for n in names for line in n.split("\n"))
    assert plot.categoryAxis.labels.angle == 0


def test_names_too_long_for_three_lines_are_slanted_and_short_ones_stay_on_one_line():
    many = [f"Đơn vị số {i} có tên rất dài dài dài dài" for i in range(12)]
    assert _plot(chart_drawing(_chart(many, range(12)), 380)).categoryAxis.labels.angle == 20
    years = [str(y) for y in range(2014, 2019)]
    plot = _plot(chart_drawing(_chart(years, (1, 2, 3, 4, 5)), 380))
    assert plot.categoryAxis.categoryNames == years and plot.categoryAxis.labels.angle == 0


def test_figures_are_written_with_a_decimal_comma():
    assert (decimal(283.1), decimal(4.0), decimal(0.5), decimal(327.86)) == ("283,1", "4", "0,5", "327,86")
    plot = _plot(chart_drawing(_chart(("2016", "2017"), (311.4, 327.9)), 380))
    assert plot.barLabelFormat(311.4) == "311,4" and plot.valueAxis.labelTextFormat(2.5) == "2,5"
