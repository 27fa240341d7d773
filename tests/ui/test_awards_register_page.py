"""The award register screen (issue #17): newest first, searched in the database without diacritics,
added through the dialog and undone, deleted after a question, titles of an approved list protected."""
import datetime as dt
from functools import partial

import pytest

from models.awards.register import Award, list_awards, save_award
from models.common.award_codes import AwardKind, AwardLevel
from models.people.staff import list_staff
from models.people.units import list_units
from ui.awards.award_dialog import AwardDialog
from ui.awards.register_page import AwardTableModel, RegisterPage
from ui.main_window import AREAS

from .screens import cells, page_on_file, shown

M = AwardTableModel
_page = partial(page_on_file, RegisterPage)


@pytest.fixture
def register_db(sample_db):
    people = {p.code: p.id for p in list_staff(sample_db)}
    units = {u.code: u.id for u in list_units(sample_db)}
    save_award(sample_db, Award(people["CB01"], None, 2016, AwardKind.GIAY_KHEN, "Giấy khen", AwardLevel.HUYEN,
                                decision_number="45/QĐ-UBND", decision_date=dt.date(2017, 1, 10), amount=363000))
    save_award(sample_db, Award(None, units["NV"], 2017, AwardKind.TTLDTT, "Tập thể lao động tiên tiến",
                                AwardLevel.HUYEN, decision_number="9/QĐ-UBND"))
    sample_db.people = people
    return sample_db


def _accept_with(monkeypatch, fill):
    def fake_exec(self):
        self.show()
        fill(self)
        return int(self.try_save())

    monkeypatch.setattr(AwardDialog, "exec", fake_exec)


def test_newest_first_and_search_without_diacritics(qtbot, register_db, tmp_path):
    page = _page(qtbot, register_db, tmp_path)
    assert [(r[M.COL_YEAR], r[M.COL_CODE], r[M.COL_NAME], r[M.COL_AMOUNT]) for r in cells(page.model)] == [
        ("2017", "NV", "Phòng Nội vụ", ""), ("2016", "CB01", "Nguyễn Văn Ánh", "363.000 đ")]
    page.search.setText("nguyen van anh")
    assert [r[M.COL_CODE] for r in cells(page.model)] == ["CB01"]
    assert page.count_label.text() == "Hiển thị 1 khen thưởng"
    page.search.setText("")
    page.year_filter.set_value(2017)
    assert [r[M.COL_CODE] for r in cells(page.model)] == ["NV"]


def test_adding_through_the_dialog_writes_the_row_and_undo_takes_it_back(qtbot, register_db, tmp_path, monkeypatch):
    page = _page(qtbot, register_db, tmp_path)

    def fill(d):
        d.subject.staff.search.setText("đức")
        d.subject.staff._filter("đức")
        d.year.setText("2018")
        d.kind.set_value(AwardKind.BANG_KHEN)
        assert d.form_text.text() == "Bằng khen"  # follows the kind
        d.form_text.setText("Bằng khen của Chủ tịch UBND Thành phố")
        d.level.set_value(AwardLevel.TINH)
        d.decision_number.setText("88/QĐ-UBND")
        d.amount.setText("1.490.000")

    _accept_with(monkeypatch, fill)
    page.add_action.trigger()
    added = [a for a in list_awards(register_db) if a.year == 2018]
    assert [(a.code, a.form, a.level, a.amount) for a in added] == [
        ("CB05", "Bằng khen của Chủ tịch UBND Thành phố", AwardLevel.TINH, 1490000)]
    assert page.selected().id == added[0].id
    assert page.undo.next_text == "Thêm khen thưởng Bằng khen của Chủ tịch UBND Thành phố năm 2018 của CB05 - Đỗ Minh Đức"
    page.undo.undo()
    assert [a.year for a in list_awards(register_db)] == [2016, 2017]


def test_wrong_amount_and_missing_kind_are_shown_beside_the_fields(qtbot, register_db):
    dialog = shown(qtbot, AwardDialog(register_db))
    dialog.amount.setText("một triệu")
    assert not dialog.try_save()
    assert dialog.form.error_text("amount") == "“một triệu” không phải số tiền (đồng), ví dụ 1.390.000"
    assert dialog.form.error_text("kind") == "Chưa chọn loại khen thưởng"
    assert dialog.form.error_text("subject") == "Chọn một cán bộ (cá nhân) hoặc một đơn vị (tập thể)"


def test_deleting_asks_first_and_undo_puts_it_back(qtbot, register_db, tmp_path, answers):
    page = _page(qtbot, register_db, tmp_path)
    old = next(a for a in list_awards(register_db) if a.year == 2016)
    page.select_where(lambda a: a.id == old.id)
    answers.confirm_answer = False
    page.delete_action.trigger()
    assert answers.asked == ["Xóa Giấy khen năm 2016 của CB01 - Nguyễn Văn Ánh (Quyết định số 45/QĐ-UBND ngày "
                             "10/01/2017)?"]
    assert len(list_awards(register_db)) == 2
    answers.confirm_answer = True
    page.delete_action.trigger()
    assert [a.year for a in list_awards(register_db)] == [2017]
    page.undo.undo()
    assert next(a for a in list_awards(register_db) if a.year == 2016) == old


def test_the_register_the_due_list_and_the_statistics_are_areas_after_the_rules():
    titles = [title for title, _screen, _excel in AREAS]
    assert titles[-5:] == ["Sổ khen thưởng", "Đến hạn khen thưởng", "Thống kê", "Kỷ luật", "Nhật ký"]
    assert titles.index("Quy định áp dụng") < titles.index("Sổ khen thưởng")  # the yearly ratings may come between


def test_the_staff_and_units_screens_show_the_history_by_year(qtbot, register_db, tmp_path, monkeypatch):
    from ui.people.award_history import HistoryDialog
    from ui.people.staff_page import StaffPage
    from ui.people.units_page import UnitsPage

    opened = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append((self.windowTitle(), self.rows())))
    staff = page_on_file(StaffPage, qtbot, register_db, tmp_path)
    staff.select_where(lambda p: p.code == "CB01")
    staff.history_action.trigger()
    units = page_on_file(UnitsPage, qtbot, register_db, tmp_path)
    units.select_where(lambda u: u.code == "NV")
    units.history_action.trigger()
    assert opened == [
        ("Khen thưởng qua các năm - Nguyễn Văn Ánh (CB01)",
         [["2016", "Giấy khen (45/QĐ-UBND)", "", "", "", "", "", "", "363.000 đ"]]),
        ("Khen thưởng qua các năm - Phòng Nội vụ (NV)",
         [["2017", "Tập thể lao động tiên tiến (9/QĐ-UBND)", "", "", "", "", "", "", ""]]),
    ]
