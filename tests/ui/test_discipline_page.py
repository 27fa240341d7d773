import datetime as dt
from functools import partial

import openpyxl
import pytest
from PySide6.QtCore import Qt

from models.common.codes import DisciplineForm
from models.people.discipline import Discipline, list_discipline, save_discipline
from models.people.imports_discipline import HEADERS
from models.people.staff import list_staff
from ui.people.discipline_dialog import DisciplineDialog
from ui.people.discipline_page import DisciplinePage, DisciplineTableModel
from ui.kit.import_dialog import ImportDialog
from ui.main_window import AREAS

from .typing import type_text
from .screens import cells, go_to, main_window, page_on_file, refused_save, shown

M = DisciplineTableModel
TODAY = dt.date(2019, 3, 1)


def _accept_with(monkeypatch, fill):
    """The dialog opened by the page is filled by ``fill`` and saved as by pressing Lưu."""
    outcome = {}

    def fake_exec(self):
        self.show()
        fill(self)
        outcome["saved"] = self.try_save()
        return int(outcome["saved"])

    monkeypatch.setattr(DisciplineDialog, "exec", fake_exec)
    return outcome


def _ids(db):
    return {p.code: p.id for p in list_staff(db)}


@pytest.fixture
def discipline_db(sample_db):
    """CB01 reprimanded in 2018; CB03 warned in December 2018, taking effect in 2019."""
    ids = _ids(sample_db)
    save_discipline(sample_db, Discipline(ids["CB01"], DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND",
                                          dt.date(2018, 5, 10), note="Vi phạm giờ giấc"), TODAY)
    save_discipline(sample_db, Discipline(ids["CB03"], DisciplineForm.CANH_CAO, "45/QĐ-UBND",
                                          dt.date(2018, 12, 20), 2019), TODAY)
    return sample_db


_page = partial(page_on_file, DisciplinePage)


def _rows(page):
    return cells(page.model)


def _stored(db):
    return [(d.staff_code, d.form, d.decision_number, d.decision_date, d.effective_year, d.note)
            for d in list_discipline(db)]


def test_decisions_are_listed_newest_first_with_the_current_unit(qtbot, discipline_db, tmp_path):
    page = _page(qtbot, discipline_db, tmp_path)
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())] == [
        "Mã cán bộ", "Họ và tên", "Đơn vị", "Hình thức kỷ luật", "Số quyết định", "Ngày quyết định",
        "Năm áp dụng", "Ghi chú"]
    assert _rows(page) == [
        ["CB03", "Lê Văn Dũng", "Phòng Nội vụ", "Cảnh cáo", "45/QĐ-UBND", "20/12/2018", "2019", ""],
        ["CB01", "Nguyễn Văn Ánh", "Ủy ban nhân dân Phường 1", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "2018",
         "Vi phạm giờ giấc"],
    ]
    assert page.count_label.text() == "Hiển thị 2 / 2 quyết định kỷ luật"
    assert [page.year_filter.itemText(i) for i in range(page.year_filter.count())] == [
        "Tất cả các năm", "Năm 2019", "Năm 2018"]


def test_year_filter_and_search_without_diacritics(qtbot, discipline_db, tmp_path):
    page = _page(qtbot, discipline_db, tmp_path)
    page.year_filter.setCurrentIndex(page.year_filter.findText("Năm 2018"))
    assert [r[M.COL_CODE] for r in _rows(page)] == ["CB01"]
    assert page.count_label.text() == "Hiển thị 1 / 2 quyết định kỷ luật"
    assert page.file_stem() == "ky-luat-2018"
    page.year_filter.setCurrentIndex(0)
    type_text(page.search, "noi vu")
    assert [r[M.COL_CODE] for r in _rows(page)] == ["CB03"]
    page.search.clear()
    type_text(page.search, "giờ giấc")
    assert [r[M.COL_CODE] for r in _rows(page)] == ["CB01"]
    page.search.clear()
    page.model.sort(M.COL_FORM, Qt.SortOrder.DescendingOrder)  # most severe first
    assert [r[M.COL_FORM] for r in _rows(page)] == ["Cảnh cáo", "Khiển trách"]


def test_adding_a_decision_through_the_dialog_writes_the_row_and_can_be_undone(
        qtbot, discipline_db, tmp_path, monkeypatch):
    page = _page(qtbot, discipline_db, tmp_path)
    seen = {}

    def fill(d):
        type_text(d.staff.search, "đức")  # one match: chosen by itself
        seen["matches"] = [p.code for p in d.staff.matches()]
        d.form_choice.setCurrentIndex(d.form_choice.findText("Hạ bậc lương"))
        d.decision_number.setText(" 77/QĐ-UBND ")
        d.decision_date.setText("03/09/2018")
        seen["year"] = d.effective_year.text()  # follows the date
        d.note.setText("Vi phạm quy định về tài chính")

    _accept_with(monkeypatch, fill)
    page.add_action.trigger()
    assert seen == {"matches": ["CB05"], "year": "2018"}
    assert _stored(discipline_db)[1] == ("CB05", DisciplineForm.HA_BAC_LUONG, "77/QĐ-UBND", dt.date(2018, 9, 3),
                                         2018, "Vi phạm quy định về tài chính")
    assert page.selected().decision.decision_number == "77/QĐ-UBND"
    assert page.selected().unit_name == "Ủy ban nhân dân Phường 10"
    assert page.undo.next_text == "Thêm quyết định kỷ luật số 77/QĐ-UBND của CB05"
    page.undo.undo()
    assert [d.decision_number for d in list_discipline(discipline_db)] == ["12/QĐ-UBND", "45/QĐ-UBND"]


def test_errors_are_shown_beside_the_fields_and_nothing_is_saved(qtbot, discipline_db):
    before = _stored(discipline_db)
    dialog = shown(qtbot, DisciplineDialog(discipline_db, today=TODAY))
    dialog.decision_date.setText("31/02/2018")
    assert refused_save(dialog, "staff_id", "form", "decision_number", "decision_date", "effective_year") == {
        "staff_id": "Chưa chọn cán bộ",
        "form": "Chưa chọn hình thức kỷ luật",
        "decision_number": "Số quyết định kỷ luật không được để trống",
        "decision_date": "Ngày 31/02/2018 không tồn tại",
        "effective_year": "",  # the date's error says it all
    }
    dialog.staff.set_value(_ids(discipline_db)["CB01"])
    dialog.form_choice.set_value(DisciplineForm.CANH_CAO)
    dialog.decision_number.setText("12/QĐ-UBND")  # CB01 already has it
    dialog.decision_date.setText("05/03/2019")
    dialog.effective_year.setText("2O19")  # a letter O typed for a zero
    assert refused_save(dialog, "staff_id", "decision_number", "decision_date", "effective_year") == {
        "staff_id": "",
        "decision_number": "Cán bộ này đã có quyết định kỷ luật số 12/QĐ-UBND",
        "decision_date": "Ngày quyết định không được sau ngày hôm nay",
        "effective_year": "“2O19” không phải năm (ví dụ 2018)",
    }
    assert dialog.isVisible()
    assert _stored(discipline_db) == before


def test_the_effective_year_follows_the_date_until_another_year_is_typed(qtbot, discipline_db):
    dialog = DisciplineDialog(discipline_db, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.decision_date.setText("20/12/2018")
    assert dialog.effective_year.text() == "2018"
    dialog.decision_date.setText("02/01/2019")
    assert dialog.effective_year.text() == "2019"
    dialog.effective_year.setText("2020")
    dialog.decision_date.setText("03/01/2019")
    assert dialog.effective_year.text() == "2020"


def test_editing_a_decision_and_undoing_the_edit(qtbot, discipline_db, tmp_path, monkeypatch):
    page = _page(qtbot, discipline_db, tmp_path)
    seen = {}

    def fill(d):
        seen["staff"] = d.staff.chosen.text()
        seen["year"] = d.effective_year.text()
        d.form_choice.set_value(DisciplineForm.GIANG_CHUC)
        d.effective_year.setText("2018")

    _accept_with(monkeypatch, fill)
    page.select_where(lambda r: r.decision.staff_code == "CB03")
    page.edit_action.trigger()
    assert seen == {"staff": "Đã chọn: <b>CB03 - Lê Văn Dũng (Phòng Nội vụ)</b>", "year": "2019"}
    assert _stored(discipline_db)[1] == ("CB03", DisciplineForm.GIANG_CHUC, "45/QĐ-UBND", dt.date(2018, 12, 20),
                                         2018, "")
    assert page.undo.next_text == "Sửa quyết định kỷ luật số 45/QĐ-UBND của CB03"
    page.undo.undo()
    assert _stored(discipline_db)[1] == ("CB03", DisciplineForm.CANH_CAO, "45/QĐ-UBND", dt.date(2018, 12, 20),
                                         2019, "")


def test_deleting_asks_first_and_undo_puts_the_same_decision_back(qtbot, discipline_db, tmp_path, answers):
    page = _page(qtbot, discipline_db, tmp_path)
    old = {d.decision_number: d for d in list_discipline(discipline_db)}["12/QĐ-UBND"]
    page.select_where(lambda r: r.decision.id == old.id)
    answers.confirm_answer = False
    page.delete_action.trigger()
    assert answers.asked == ["Xóa quyết định kỷ luật số 12/QĐ-UBND ngày 10/05/2018 (Khiển trách) "
                             "của CB01 - Nguyễn Văn Ánh?"]
    assert len(list_discipline(discipline_db)) == 2
    answers.confirm_answer = True
    page.delete_action.trigger()
    assert [d.decision_number for d in list_discipline(discipline_db)] == ["45/QĐ-UBND"]
    assert [r[M.COL_CODE] for r in _rows(page)] == ["CB03"]
    assert page.undo.next_text == "Xóa quyết định kỷ luật số 12/QĐ-UBND của CB01"
    page.undo.undo()
    assert {d.decision_number: d for d in list_discipline(discipline_db)}["12/QĐ-UBND"] == old  # same id too


def test_the_import_window_imports_decisions(qtbot, discipline_db, tmp_path):
    path = tmp_path / "ky_luat.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    book.active.append(["CB02", "Khiển trách", "9/QĐ-UBND", "01/10/2018", "", ""])
    book.active.append(["CB01", "Cảnh cáo", "12/QĐ-UBND", "10/05/2018", "", "Vi phạm giờ giấc"])
    book.save(path)
    dialog = ImportDialog("discipline", tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    assert dialog.summary.text().startswith("Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 1, cập nhật 1")
    assert dialog.run_import()
    assert dialog.summary.text() == "Đã thêm 1, cập nhật 1, giữ nguyên 0 dòng."
    stored = {d.decision_number: d for d in list_discipline(discipline_db)}
    assert (stored["9/QĐ-UBND"].staff_code, stored["12/QĐ-UBND"].form) == ("CB02", DisciplineForm.CANH_CAO)


def test_the_screen_is_an_area_of_the_main_window_before_the_history(qtbot, discipline_db, tmp_path):
    titles = [a[0] for a in AREAS]
    assert titles.index("Kỷ luật") == titles.index("Nhật ký") - 1
    window = main_window(qtbot, discipline_db, tmp_path)
    data_menu = [a.text() for a in window.menuBar().actions()[2].menu().actions() if a.text()]
    assert "Kỷ luật: nhập từ Excel..." in data_menu
    page = go_to(window, "Kỷ luật")
    assert window.stack.currentWidget() is page
    assert page.model.rowCount() == 2


def test_discipline_table_model_passes_qt_model_tester(qtmodeltester, qtbot, discipline_db, tmp_path):
    page = _page(qtbot, discipline_db, tmp_path)
    qtmodeltester.check(page.model)
    index = page.model.index(page.model.row_of(lambda r: r.decision.staff_code == "CB01"), M.COL_NOTE)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Vi phạm giờ giấc"
    page.model.sort(M.COL_NAME)
    qtmodeltester.check(page.model)


def test_the_staff_picker_finds_people_by_code_or_name_and_down_arrow_picks(qtbot, discipline_db):
    dialog = DisciplineDialog(discipline_db, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.staff
    assert [p.code for p in picker.matches()] == ["CB01", "CB02", "CB03", "CB04", "CB05"]
    type_text(picker.search, "THỊ")
    assert [p.code for p in picker.matches()] == ["CB02", "CB04"]
    assert picker.value() is None  # two people: the user chooses
    assert picker.hint.text() == "2 người khớp; chọn một người trong danh sách."
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.value() == _ids(discipline_db)["CB02"]
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    assert picker.value() == _ids(discipline_db)["CB04"]
    assert picker.chosen.text() == "Đã chọn: <b>CB04 - Phạm Thị An (Phòng Nội vụ)</b>"
    picker.search.clear()
    type_text(picker.search, "cb9")
    assert picker.matches() == []
    assert picker.hint.text() == "Không có cán bộ nào khớp với nội dung tìm."
    assert dialog.is_dirty()
