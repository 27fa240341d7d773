"""The statistics chart in the window: names under the bars wrapped, not cut, as in the PDF."""
from PySide6.QtGui import QFont, QFontMetrics

from ui.awards.chart_view import _category_lines

REASONS = ("Đăng ký trễ hạn", "Báo cáo kết quả trễ hạn", "Không đăng ký mô hình, sáng kiến, giải pháp",
           "Không báo cáo kết quả", "Thực hiện không hiệu quả")


def test_long_names_are_wrapped_whole_on_at_most_three_lines(qapp):
    metrics = QFontMetrics(QFont("Be Vietnam Pro", 9))
    names, lines = _category_lines(REASONS, metrics, 95)
    assert [n.replace("\n", " ") for n in names] == list(REASONS)  # every word kept
    assert 2 <= lines <= 3 and all(n.count("\n") < 3 for n in names)
    assert all(metrics.horizontalAdvance(line) <= 95 for n in names for line in n.split("\n"))


def test_a_name_too_long_for_three_lines_is_cut_on_one_line(qapp):
    metrics = QFontMetrics(QFont("Be Vietnam Pro", 9))
    names, lines = _category_lines(("Một tên rất rất dài của một lý do phê bình không thể gói gọn",), metrics, 40)
    assert lines == 1 and "\n" not in names[0] and names[0].endswith("…")
