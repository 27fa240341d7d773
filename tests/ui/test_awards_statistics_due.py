"""The statistics screen (charts painted from the report's numbers, the tables) and the due list (ticked
entries handed to a proposal, rules edited) of issue #17."""
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from models.analysis.due import list_due_rules
from models.awards.register import Award, save_award
from models.common.award_codes import AwardKind, AwardLevel
from models.people.staff import list_staff
from ui.awards.chart_view import ChartView, nice_top
from ui.awards.due_page import DuePage, DueRulesDialog
from ui.awards.statistics_page import StatisticsPage

from .screens import page_on_file, shown


@pytest.fixture
def awarded(sample_db):
    people = {p.code: p.id for p in list_staff(sample_db)}
    for year in (2016, 2017, 2018):
        save_award(sample_db, Award(people["CB01"], None, year, AwardKind.CSTDCS, "Chiến sĩ thi đua cơ sở",
                                    AwardLevel.HUYEN, amount=1_000_000))
        save_award(sample_db, Award(people["CB03"], None, year, AwardKind.LDTT, "Lao động tiên tiến",
                                    AwardLevel.HUYEN, amount=300_000))
    return sample_db


def test_the_statistics_screen_paints_the_reports_charts_and_shows_its_tables(qtbot, awarded, tmp_path):
    page = page_on_file(StatisticsPage, qtbot, awarded, tmp_path)
    page.from_year.setValue(2016)
    assert page.year.value() == 2018
    assert page.summary.text() == "Năm 2018: 2 lượt khen thưởng, tổng tiền thưởng 1.300.000 đồng."
    assert [v.chart.title for v in page.chart_views] == [
        "Khen thưởng năm 2018 theo hình thức", "Khen thưởng 2016-2018 theo năm",
        "Tổng tiền thưởng 2016-2018 (triệu đồng)"]
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Biểu đồ", "Đơn vị và hình thức", "Hình thức", "Năm", "Lý do", "Xếp loại quý"]
    by_unit = page.tables[0]
    assert [by_unit.item(r, 0).text() for r in range(by_unit.rowCount())] == [
        "Phòng Nội vụ", "Ủy ban nhân dân Phường 1", "Tổng cộng"]
    view = shown(qtbot, ChartView(page.chart_views[1].chart))
    image = view.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert {"#2f6db5", "#e07b28"} <= colours  # the two series' lines, in the PDF's colours
    assert (nice_top(0), nice_top(3.4), nice_top(41), nice_top(100)) == (1.0, 5.0, 50.0, 100.0)


def test_the_due_list_gives_the_ticked_entries_and_the_rules_are_edited(qtbot, awarded, tmp_path, answers):
    page = page_on_file(DuePage, qtbot, awarded, tmp_path)
    assert page.year.value() == 2018
    assert [(e.rule.code, e.name) for e in page.entries] == [("cstd_tinh", "Nguyễn Văn Ánh")]
    assert page.table.item(0, 4).text().startswith("03 năm liên tục Chiến sĩ thi đua cơ sở: 2016, 2017, 2018.")
    assert page.chosen() == []
    page.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert page.chosen() == page.entries
    dialog = shown(qtbot, DueRulesDialog(awarded, page))
    active, _name, count, *_rest = dialog.widgets[0]
    count.setValue(4)
    assert dialog.try_save()
    assert list_due_rules(awarded)[0].count == 4
    page.reload()
    assert page.entries == []
    dialog = shown(qtbot, DueRulesDialog(awarded, page))
    dialog.widgets[0][2].setValue(7)  # saved only if every rule is right
    dialog.widgets[1][1].setText(" ")
    assert not dialog.try_save()
    assert dialog.error.text() == "Quy tắc “Chiến sĩ thi đua toàn quốc”: Tên quy tắc không được để trống"
    assert [(r.name, r.count) for r in list_due_rules(awarded)[:2]] == [
        ("Chiến sĩ thi đua cấp tỉnh (thành phố)", 4), ("Chiến sĩ thi đua toàn quốc", 2)]


def test_the_ticked_entries_make_the_councils_proposal(qtbot, awarded, tmp_path, answers):
    """Issue #17 part 3: the council picks from the due list into a proposal (a PDF of the ticked rows)."""
    import io

    from pypdf import PdfReader

    from ui.awards.due_page import proposal_pdf

    page = page_on_file(DuePage, qtbot, awarded, tmp_path)
    page.save_proposal()  # nothing ticked: said, nothing written
    assert answers.infos == ["Chưa chọn ai: đánh dấu ở cột Chọn những người, tập thể Hội đồng đề nghị khen thưởng."]
    page.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(proposal_pdf(page.chosen(), 2018, awarded))).pages)
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG CÁ NHÂN, TẬP THỂ ĐẾN HẠN NĂM 2018" in text
    assert "Nguyễn Văn Ánh" in text and "tổng số: 1" in text
    assert "Chiến sĩ thi đua cấp tỉnh (thành phố)" in text
