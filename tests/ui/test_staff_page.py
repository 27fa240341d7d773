import datetime as dt
from functools import partial

from PySide6.QtCore import Qt

from models.common.codes import Gender, StaffCategory
from models.people.units import list_units
from models.people.staff import Staff, add_staff, get_staff, list_staff, unit_history
from ui.people.staff_dialog import StaffDialog
from ui.people.staff_page import StaffPage, StaffTableModel

from .typing import type_text
from .screens import column, page_on_file, refused_save, shown

TODAY = dt.date(2018, 12, 1)


_page = partial(page_on_file, StaffPage)


def _names(page):
    return column(page.model, StaffTableModel.COL_NAME)


def _by_code(db, code):
    return next(p for p in list_staff(db) if p.code == code)


def test_search_without_diacritics_finds_vietnamese_names(qtbot, sample_db, tmp_path):
    page = _page(qtbot, sample_db, tmp_path)
    type_text(page.search, "nguyen van anh")
    assert _names(page) == ["Nguyễn Văn Ánh"]
    page.search.clear()
    type_text(page.search, "Đức")
    assert _names(page) == ["Đỗ Minh Đức"]
    assert page.count_label.text() == "Hiển thị 1 / 5 cán bộ"


def test_unit_filter_shows_only_that_units_people(qtbot, sample_db, tmp_path):
    page = _page(qtbot, sample_db, tmp_path)
    page.unit_filter.setCurrentIndex(page.unit_filter.findText("Phòng Nội vụ (NV)"))
    assert _names(page) == ["Phạm Thị An", "Lê Văn Dũng"]
    page.leader_filter.setCurrentIndex(page.leader_filter.findText("Lãnh đạo, quản lý"))
    assert _names(page) == ["Phạm Thị An"]


def test_a_wrong_date_is_shown_beside_its_field_and_nothing_is_written(qtbot, sample_db):
    dialog = shown(qtbot, StaffDialog(sample_db, today=TODAY))
    type_text(dialog.code, "CB09")
    type_text(dialog.full_name, "Võ Thị Hường")
    type_text(dialog.birth_date, "31/02/1990")
    dialog.recruited_on.setText("01/07/2030")
    assert refused_save(dialog, "birth_date", "gender", "unit_id", "recruited_on") == {
        "birth_date": "Ngày 31/02/1990 không tồn tại", "gender": "Chưa chọn giới tính",
        "unit_id": "Chưa chọn đơn vị", "recruited_on": "Ngày tuyển dụng 01/07/2030 ở tương lai"}
    assert dialog.full_name.text() == "Võ Thị Hường"  # the user's input is kept
    assert len(list_staff(sample_db)) == 5


def test_adding_a_person_through_the_dialog(qtbot, sample_db):
    dialog = StaffDialog(sample_db, today=TODAY)
    qtbot.addWidget(dialog)
    type_text(dialog.code, "cb09")
    type_text(dialog.full_name, "Võ  Thị Hường")
    dialog.birth_date.setText("2/9/1990")
    dialog.gender.setCurrentIndex(dialog.gender.findText("Nữ"))
    dialog.unit.setCurrentIndex(dialog.unit.findText("Quận đoàn (DT)"))
    dialog.category.setCurrentIndex(dialog.category.findText("Viên chức"))
    dialog.recruited_on.setText("01/10/2015")
    assert dialog.try_save(), dialog.form.errors
    person = _by_code(sample_db, "CB09")
    assert (person.full_name, person.birth_date, person.unit_code) == ("Võ Thị Hường", dt.date(1990, 9, 2), "DT")
    assert [a.start for a in unit_history(sample_db, person.id)] == [dt.date(2015, 10, 1)]


def test_changing_the_unit_asks_for_the_move_date_and_keeps_history(qtbot, sample_db, tmp_path, answers):
    page = _page(qtbot, sample_db, tmp_path)
    person = _by_code(sample_db, "CB02")
    dialog = StaffDialog(sample_db, person, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.move_from.isVisibleTo(dialog)
    dialog.unit.setCurrentIndex(dialog.unit.findText("Phòng Nội vụ (NV)"))
    assert dialog.move_from.isVisibleTo(dialog)
    dialog.move_from.setText("01/07/2018")
    assert dialog.try_save(), dialog.form.errors
    history = unit_history(sample_db, person.id)
    assert [(a.unit_code, a.start, a.end) for a in history] == [
        ("P01", dt.date(2005, 3, 1), dt.date(2018, 7, 1)),
        ("NV", dt.date(2018, 7, 1), None),
    ]
    page.reload()
    page.select_where(lambda p: p.code == "CB02")
    items = [page.history.item(i).text() for i in range(page.history.count())]
    assert items == [
        "01/07/2018 đến nay:\n  Phòng Nội vụ (NV)",
        "01/03/2005 đến 30/06/2018:\n  Ủy ban nhân dân Phường 1 (P01)",
    ]
    page.undo_move_button.click()
    assert "Trần Thị Đào sẽ trở lại “Ủy ban nhân dân Phường 1”" in answers.asked[-1]
    assert get_staff(sample_db, person.id).unit_code == "P01"


def test_a_move_date_in_the_future_is_refused_beside_the_field(qtbot, sample_db):
    person = _by_code(sample_db, "CB03")
    dialog = StaffDialog(sample_db, person, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unit.setCurrentIndex(dialog.unit.findText("Quận đoàn (DT)"))
    dialog.move_from.setText("01/01/2019")
    assert not dialog.try_save()
    assert dialog.form.error_text("move_from") == "Ngày chuyển 01/01/2019 ở tương lai"
    assert get_staff(sample_db, person.id).unit_code == "NV"


def test_a_person_with_no_data_is_deleted_after_confirmation(qtbot, sample_db, tmp_path, answers):
    page = _page(qtbot, sample_db, tmp_path)
    page.select_where(lambda p: p.code == "CB05")
    answers.confirm_answer = False
    page.delete_action.trigger()
    assert len(list_staff(sample_db)) == 5
    answers.confirm_answer = True
    page.delete_action.trigger()
    assert "CB05 - Đỗ Minh Đức" in answers.asked[-1]
    assert [p.code for p in list_staff(sample_db)] == ["CB01", "CB02", "CB03", "CB04"]


def test_header_click_sorts_by_that_column(qtbot, sample_db, tmp_path):
    page = _page(qtbot, sample_db, tmp_path)
    page.table.horizontalHeader().setSortIndicator(StaffTableModel.COL_CODE, Qt.SortOrder.DescendingOrder)
    codes = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert codes == ["CB05", "CB04", "CB03", "CB02", "CB01"]


def test_unit_kind_filter_shows_the_people_of_that_kind_of_unit(qtbot, sample_db, tmp_path):
    page = _page(qtbot, sample_db, tmp_path)
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Phường"))
    assert sorted(_names(page)) == ["Nguyễn Văn Ánh", "Trần Thị Đào", "Đỗ Minh Đức"]


def test_the_salary_coefficient_is_typed_with_a_decimal_comma(qtbot, sample_db):
    person = _by_code(sample_db, "CB03")
    dialog = StaffDialog(sample_db, person, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.salary_coefficient.setText("abc")
    assert not dialog.try_save()
    assert dialog.form.error_text("salary_coefficient") == "“abc” không phải số (ví dụ 2,34)"
    dialog.salary_coefficient.setText("2,34")
    assert dialog.try_save(), dialog.form.errors
    assert get_staff(sample_db, person.id).salary_coefficient == 2.34


def test_search_lists_name_matches_before_other_columns(qtbot, sample_db, tmp_path):
    ids = {u.code: u.id for u in list_units(sample_db)}
    for code, name, position in [("CB21", "Nguyễn Thị Bé", "Phó trưởng phòng Văn hóa"),
                                 ("CB22", "Nguyễn Văn Anh Tú", ""), ("CB23", "Nguyễn Văn An", ""),
                                 ("CB24", "Lê Nguyễn Văn An", "")]:
        add_staff(sample_db, Staff(code=code, full_name=name, gender=Gender.NAM, position=position,
                                   category=StaffCategory.CONG_CHUC, unit_id=ids["NV"],
                                   recruited_on=dt.date(2005, 3, 1)), TODAY)
    page = _page(qtbot, sample_db, tmp_path)
    page.search.setText("nguyen van an")
    assert _names(page) == ["Nguyễn Văn An", "Nguyễn Văn Ánh", "Nguyễn Văn Anh Tú", "Lê Nguyễn Văn An",
                            "Nguyễn Thị Bé"]
    page.search.setText("Nguyễn Văn An")  # narrowing again keeps the ranking
    assert _names(page)[0] == "Nguyễn Văn An"
    page.search.setText("van")  # a title containing "Văn" comes after every name containing it
    assert _names(page)[-1] == "Nguyễn Thị Bé"
