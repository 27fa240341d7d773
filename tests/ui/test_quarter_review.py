import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.quarters.classifications import Entry, save_quarter
from models.common.codes import Gender, HeadLevel, NotClassifiedReason, StaffCategory, UnitKind
from models.people.staff import Staff, add_staff, list_staff, update_staff
from models.people.units import list_units
from ui.kit import messages
from models.quarters.classifications import default_quarter, last_finished_quarter
from ui.quarters.quarter_review_page import QuarterReviewPage
from ui.quarters.quarter_review_tables import (
    ABOVE_STRONG,
    LATE_COLOUR,
    MISSING_COLOUR,
    TOTALS_COLOUR,
    WARN_COLOUR,
    IncomeTableModel,
    PersonHistoryTableModel,
    StaffPickTableModel,
    UnitReviewTableModel,
)

from .screens import held, open_demo_file

U = UnitReviewTableModel
I = IncomeTableModel
TODAY = dt.date(2024, 7, 20)
SALARIES = {"CB01": 3.0, "CB02": 2.34, "CB03": 2.34, "CB04": 4.0, "CB06": 3.33, "CB07": 3.0, "CB08": 2.67}
XS, TOT, HT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH


def classify_sample(db) -> None:
    """Q3/2018 (deadline 05/10/2018): P01 rates all three excellent, both leaders included (over the
    50% leaders' cap), submitted 03/10; NV (its leader rated good) submits late (12/10), one person
    on maternity leave;
    P10 never submits. Q2/2024: NV's Lê Văn Dũng rated good."""
    units = {u.code: u.id for u in list_units(db)}
    for code, name, unit, leader in (("CB06", "Võ Thị Hạnh", "P01", True), ("CB07", "Hồ Văn Bình", "NV", False),
                                     ("CB08", "Trịnh Thị Mai", "NV", False)):
        add_staff(db, Staff(code=code, full_name=name, gender=Gender.NU if "Thị" in name else Gender.NAM,
                            category=StaffCategory.CONG_CHUC, unit_id=units[unit], is_leader=leader,
                            birth_date=dt.date(1985, 1, 2), recruited_on=dt.date(2010, 1, 4)), TODAY)
    staff = {p.code: p for p in list_staff(db)}
    for code, salary in SALARIES.items():
        update_staff(db, replace(staff[code], salary_coefficient=salary), TODAY)
    ids = {code: p.id for code, p in staff.items()}
    save_quarter(db, units["P01"], 2018, 3, [Entry(ids["CB01"], XS), Entry(ids["CB02"], XS), Entry(ids["CB06"], XS)],
                 dt.date(2018, 10, 3), TODAY)
    save_quarter(db, units["NV"], 2018, 3, [
        Entry(ids["CB03"], XS), Entry(ids["CB04"], TOT), Entry(ids["CB07"], HT),
        Entry(ids["CB08"], reason=NotClassifiedReason.THAI_SAN),
    ], dt.date(2018, 10, 12), TODAY)
    save_quarter(db, units["P10"], 2018, 3, [Entry(ids["CB05"], TOT)])
    save_quarter(db, units["NV"], 2024, 2, [Entry(ids["CB03"], TOT, note="Hoàn thành đúng hạn")],
                 dt.date(2024, 7, 4), TODAY)


@pytest.fixture
def review_db(sample_db):
    classify_sample(sample_db)
    return sample_db


def _page(qtbot, db, tmp_path, quarter=(2018, 3), show=True):
    page = QuarterReviewPage(db, tmp_path / "tdkt.sqlite3", today=TODAY)
    qtbot.addWidget(page)
    page.resize(1090, 700)
    if show:
        page.show()
    page.set_quarter(*quarter)
    return page


def _rows(model, key_column=0):
    return {model.index(r, key_column).data(): [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())}


def _codes(model):
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_units_are_listed_most_excellent_first_with_counts_shares_and_submission(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    model = page.units.model
    assert _codes(model) == ["P01", "NV", "P10"]
    rows = _rows(model)
    assert rows["P01"][:U.COL_NOT_CLASSIFIED] == ["P01", "UBND Phường 1", "3", "3", "100%", "0", "0%", "0", "0%",
                                                  "0", "0%"]
    assert rows["NV"][U.COL_HEADCOUNT:U.COL_SUBMITTED] == ["4", "1", "33,3%", "1", "33,3%", "1", "33,3%", "0", "0%",
                                                          "1", "0"]
    assert [rows[c][U.COL_SUBMITTED] for c in ("P01", "NV", "P10")] == ["03/10", "12/10", ""]
    assert [rows[c][U.COL_STATUS] for c in ("P01", "NV", "P10")] == ["Đã nộp", "Nộp trễ", "Chưa nộp"]
    assert [rows[c][U.COL_LOCKED] for c in ("P01", "NV", "P10")] == ["", "", ""]
    totals = _rows(page.units.totals_model, U.COL_UNIT)["Toàn quận"]
    assert totals[U.COL_HEADCOUNT:U.COL_SUBMITTED] == ["8", "4", "57,1%", "2", "28,6%", "1", "14,3%", "0", "0%",
                                                      "1", "0"]
    assert totals[U.COL_STATUS] == "2/3"


def test_a_unit_over_the_cap_shows_the_violation(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    model = page.units.model
    row = model.row_of(lambda u: u.unit_code == "P01")
    cell = model.index(row, U.COL_VIOLATIONS)
    assert cell.data() == "LĐ 2/2 > 50%"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "2/2 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == WARN_COLOUR
    assert model.index(model.row_of(lambda u: u.unit_code == "NV"), U.COL_VIOLATIONS).data() == ""
    assert "1 đơn vị vượt giới hạn" in page.summary.text()


def test_cells_are_coloured_against_the_district(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    model = page.units.model

    def background(code, column):
        brush = model.index(model.row_of(lambda u: u.unit_code == code), column).data(Qt.ItemDataRole.BackgroundRole)
        return brush.color().name() if brush is not None else None

    assert background("P01", U.COL_SHARE[XS]) == ABOVE_STRONG  # 100% against 57,1%
    tip = model.index(0, U.COL_SHARE[XS]).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == ("Hoàn thành xuất sắc nhiệm vụ: 100% (3/3 người đã xếp loại)\nToàn quận: 57,1%; "
                   "cao hơn 42,9 điểm")
    assert background("NV", U.COL_STATUS) == LATE_COLOUR
    assert background("P10", U.COL_STATUS) == MISSING_COLOUR
    assert background("P01", U.COL_STATUS) is None
    totals = page.units.totals_model
    assert totals.index(0, U.COL_UNIT).data(Qt.ItemDataRole.BackgroundRole).color().name() == TOTALS_COLOUR


def test_summary_names_the_rule_set_the_deadline_and_the_status_counts(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    text = page.summary.text()
    assert "Quyết định 4631/QĐ-UBND ngày 19/10/2018" in text
    assert "<b>Hạn nộp:</b> 05/10/2018" in text
    assert "Đã nộp <b>1</b>" in text and "Nộp trễ <b>1</b>" in text and "Chưa nộp <b>1</b>" in text
    assert "HTXSNV <b>57,1%</b>" in text


def test_filters_by_status_kind_over_cap_and_search_without_diacritics(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    units = page.units
    units.status_filter.set_value("Nộp trễ")
    assert _codes(units.model) == ["NV"]
    units.status_filter.set_value(None)
    units.kind_filter.set_value(UnitKind.PHUONG)
    assert _codes(units.model) == ["P01", "P10"]
    units.over_only.setChecked(True)
    assert _codes(units.model) == ["P01"]
    units.over_only.setChecked(False)
    units.search.setText("phuong 10")
    assert _codes(units.model) == ["P10"]
    assert units.count_label.text().startswith("Hiển thị 1 / 3 đơn vị")


def test_sorting_from_the_header_above_the_totals_line(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    header = page.units.totals_view.horizontalHeader()
    header.setSortIndicator(U.COL_CODE, Qt.SortOrder.AscendingOrder)
    assert _codes(page.units.model) == ["NV", "P01", "P10"]
    header.setSortIndicator(U.COL_STATUS, Qt.SortOrder.DescendingOrder)
    assert _codes(page.units.model) == ["P10", "NV", "P01"]


def test_opening_a_unit_asks_for_its_entry_screen_for_the_quarter(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    nv = next(u.id for u in list_units(review_db) if u.code == "NV")
    page.units.select_where(lambda u: u.unit_code == "NV")
    with qtbot.waitSignal(page.open_unit) as signal:
        page.units.table.doubleClicked.emit(page.units.table.currentIndex())
    assert signal.args == [nv, 2018, 3]


def test_a_quarter_without_a_rule_set_says_so(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path, quarter=(2018, 1))
    assert "Chưa có quy định áp dụng cho quý 1/2018" in page.summary.text()
    assert page.units.model.rowCount() == 0


def test_default_quarter_is_the_latest_classified_else_the_last_finished(qtbot, review_db, tmp_path):
    from models.store.db import connect

    assert default_quarter(review_db, TODAY) == (2024, 2)
    empty = connect(tmp_path / "empty.sqlite3")
    assert default_quarter(empty, dt.date(2018, 12, 1)) == (2018, 3)
    empty.close()
    assert last_finished_quarter(dt.date(2019, 2, 1)) == (2018, 4)
    page = QuarterReviewPage(review_db, tmp_path / "x.sqlite3", today=TODAY)
    qtbot.addWidget(page)
    assert page.quarter() == (2024, 2)
    assert _codes(page.units.model)[0] == "NV"


def test_person_tab_shows_their_levels_across_quarters(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    page.tabs.setCurrentWidget(page.people)
    people = page.people
    people.search.setText("le van dung")  # one match: shown at once
    assert people.model.rowCount() == 1
    assert "<b>Lê Văn Dũng</b> (CB03)" in people.person_label.text()
    history = people.history_model
    assert [[history.index(r, c).data() for c in range(history.columnCount())] for r in range(history.rowCount())] == [
        ["2024", "2", "Phòng Nội vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành đúng hạn"],
        ["2018", "3", "Phòng Nội vụ", "Hoàn thành xuất sắc nhiệm vụ", ""],
    ]
    assert people.history_summary.text() == "2 quý: 1 HTXSNV, 1 HTTNV"
    people.search.setText("Trịnh Thị Mai")
    assert history.index(0, PersonHistoryTableModel.COL_RESULT).data() == "Không đánh giá (Nghỉ thai sản)"


def test_extra_income_per_person_with_the_estimated_amount(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    page.tabs.setCurrentWidget(page.income)
    rows = _rows(page.income.model)
    assert rows["CB02"][I.COL_RESULT:] == ["Hoàn thành xuất sắc nhiệm vụ", "Có", "100%", "0,6", "2,34", "5.854.680 đ"]
    assert rows["CB04"][I.COL_RESULT:] == ["Hoàn thành tốt nhiệm vụ", "Có", "100%", "0,6", "4,00", "10.008.000 đ"]
    assert rows["CB07"][I.COL_RESULT:] == ["Hoàn thành nhiệm vụ", "Không", "0%", "0,6", "3,00", "0 đ"]
    assert rows["CB05"][I.COL_SALARY:] == ["", ""]  # no salary coefficient: no estimate
    assert rows["CB08"][I.COL_RESULT] == "Không đánh giá (Nghỉ thai sản)"
    assert page.income.totals_text() == ("Tổng: 6 người được chi, ước tính 37.555.020 đ; "
                                         "1 người chưa có hệ số lương (chưa tính vào số tiền)")
    assert "lương cơ sở 1.390.000 đ/tháng" in page.income.note.text()
    page.income.paid_filter.set_value(False)
    assert sorted(_codes(page.income.model)) == ["CB07", "CB08"]
    assert page.income.totals_text() == "Tổng: 0 người được chi, ước tính 0 đ"
    page.income.paid_filter.set_value(None)
    page.income.unit_filter.set_value("P01")
    assert sorted(_codes(page.income.model)) == ["CB01", "CB02", "CB06"]


def test_from_q2_2024_good_is_paid_80_percent(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path, quarter=(2024, 2))
    page.tabs.setCurrentWidget(page.income)
    # 2,34 x 1.800.000 (the base salary from 01/07/2023) x 3 x 1,8 x 0,8
    assert _rows(page.income.model)["CB03"][I.COL_PAID:] == ["Có", "80%", "1,8", "2,34", "18.195.840 đ"]
    assert "Quyết định 20/2024/QĐ-UBND" in page.summary.text()


def test_income_tab_follows_the_quarter_and_loads_only_when_shown(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    assert page.income.model.total_count == 0  # hidden so far: not read
    page.tabs.setCurrentWidget(page.income)
    assert page.income.model.total_count == 8
    page.set_quarter(2024, 2)
    assert page.income.model.total_count == 1


def test_double_clicking_an_income_row_shows_the_persons_quarters(qtbot, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    page.tabs.setCurrentWidget(page.income)
    page.income.select_where(lambda r: r.code == "CB07")
    page.income.history_action.trigger()
    assert page.tabs.currentWidget() is page.people
    assert page.people.selected().code == "CB07"
    assert page.people.history_model.index(0, PersonHistoryTableModel.COL_RESULT).data() == "Hoàn thành nhiệm vụ"


def test_income_export_keeps_numbers_as_numbers(qtbot, review_db, tmp_path, monkeypatch, answers):
    import python_calamine

    page = _page(qtbot, review_db, tmp_path)
    page.tabs.setCurrentWidget(page.income)
    target = tmp_path / "tntt.xlsx"
    monkeypatch.setattr(messages, "save_xlsx", lambda parent, title, suggested: str(target))
    page.income.export_action.trigger()
    grid = python_calamine.CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    assert grid[0] == ["Mã", "Họ và tên", "Đơn vị", "Kết quả", "Được chi", "Tỷ lệ chi (%)", "Hệ số tăng thêm",
                       "Hệ số lương", "Số tiền ước tính (đồng)"]
    row = next(r for r in grid[1:] if r[0] == "CB02")
    assert row[4:] == ["Có", 100, 0.6, 2.34, 5854680]
    assert len(grid) == 9
    assert answers.infos == [f"Đã xuất 8 dòng ra tệp:\n{target}"]


def test_units_export_writes_the_table(qtbot, review_db, tmp_path, monkeypatch):
    import python_calamine

    page = _page(qtbot, review_db, tmp_path)
    target = tmp_path / "tonghop.xlsx"
    monkeypatch.setattr(messages, "save_xlsx", lambda parent, title, suggested: str(target))
    page.units.export_action.trigger()
    grid = python_calamine.CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    assert grid[0][:5] == ["Mã", "Đơn vị", "Số người", "HTXSNV", "% HTXSNV"]
    assert [r[0] for r in grid[1:]] == ["P01", "NV", "P10"]
    assert grid[1][3:5] == [3, 100]
    assert grid[2][U.COL_STATUS] == "Nộp trễ"
    assert grid[1][U.COL_VIOLATIONS] == "2/2 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"


def test_every_model_passes_the_model_tester(qtbot, qtmodeltester, review_db, tmp_path):
    page = _page(qtbot, review_db, tmp_path)
    page.tabs.setCurrentWidget(page.people)
    page.people.search.setText("CB03")
    page.tabs.setCurrentWidget(page.income)
    for model in (page.units.model, page.units.totals_model, page.people.model, page.people.history_model,
                  page.income.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    for cls in (UnitReviewTableModel, PersonHistoryTableModel, StaffPickTableModel, IncomeTableModel):
        qtmodeltester.check(cls())


def test_the_district_table_and_a_unit_sheet_are_printed_from_the_screens(qtbot, tmp_path, monkeypatch, answers):
    from ui.kit import pdf_export
    from ui.quarters.classification_page import ClassificationPage

    from ..reports.pdf_text import pages

    db, path = open_demo_file(tmp_path)
    review = held(qtbot, QuarterReviewPage(db, path))
    out = tmp_path / "district.pdf"
    monkeypatch.setattr(pdf_export, "ask_pdf_path", lambda *a: str(out))
    review.year.setValue(2018)
    review.quarter_combo.set_value(3)
    review.print_district()
    text = "".join(pages(out.read_bytes()))
    assert "Các cơ quan, đơn vị, UBND các phường quý 3 năm 2018" in text
    assert "Toàn quận" in text
    entry = held(qtbot, ClassificationPage(db, path))
    p05 = db.execute("SELECT id FROM unit WHERE code = 'P05'").fetchone()[0]
    entry.show_unit(p05, 2018, 3)
    sheet = tmp_path / "p05.pdf"
    monkeypatch.setattr(pdf_export, "ask_pdf_path", lambda *a: str(sheet))
    entry.print_sheet()
    text = "".join(pages(sheet.read_bytes()))
    assert "Đơn vị: Ủy ban nhân dân Phường 5" in text
    assert any("bảng tổng hợp xếp loại" in i for i in answers.infos)
    db.close()
