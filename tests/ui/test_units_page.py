from functools import partial

from PySide6.QtCore import Qt

from models.common.codes import UnitKind
from models.people.units import Unit, list_units, save_unit
from ui.people.unit_dialog import UnitDialog
from ui.people.units_page import UnitsPage, UnitsTableModel

from .typing import type_text
from .screens import column, page_on_file, refused_save, shown


_page = partial(page_on_file, UnitsPage)


def _names(page):
    return column(page.model, UnitsTableModel.COL_NAME)


def test_typing_vietnamese_in_the_search_box_filters_as_you_type(qtbot, sample_db, tmp_path):
    page = _page(qtbot, sample_db, tmp_path)
    type_text(page.search, "Phường 1")
    assert _names(page) == ["Ủy ban nhân dân Phường 1", "Ủy ban nhân dân Phường 10"]
    assert page.count_label.text() == "Hiển thị 2 / 4 đơn vị"
    page.search.clear()
    type_text(page.search, "noi vu")
    assert _names(page) == ["Phòng Nội vụ"]


def test_escape_clears_the_search(qtbot, sample_db, tmp_path):
    page = _page(qtbot, sample_db, tmp_path)
    page.search.setText("đoàn")
    assert page.model.rowCount() == 1
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert page.model.rowCount() == 4


def test_kind_and_state_filters(qtbot, sample_db, tmp_path, answers):
    page = _page(qtbot, sample_db, tmp_path)
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Phường"))
    assert len(_names(page)) == 2
    page.kind_filter.setCurrentIndex(0)
    page.select_where(lambda u: u.code == "DT")
    page.toggle_action.trigger()
    assert "Quận đoàn" not in _names(page)  # the default filter shows active units only
    page.state_filter.setCurrentIndex(page.state_filter.findText("Ngừng hoạt động"))
    assert _names(page) == ["Quận đoàn"]
    assert [u.active for u in list_units(sample_db) if u.code == "DT"] == [False]


def test_adding_a_unit_through_the_dialog_writes_it_and_selects_it(qtbot, sample_db, tmp_path):
    dialog = UnitDialog(sample_db)
    qtbot.addWidget(dialog)
    type_text(dialog.code, "tp")
    type_text(dialog.name, "Phòng Tư pháp")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Cơ quan chuyên môn"))
    type_text(dialog.head_name, "Võ Thị Hường")
    assert dialog.try_save()
    row = sample_db.execute("SELECT code, name, kind, head_name FROM unit WHERE code = 'TP'").fetchone()
    assert row == ("TP", "Phòng Tư pháp", "co_quan", "Võ Thị Hường")


def test_the_dialog_shows_each_error_beside_its_field_and_writes_nothing(qtbot, sample_db, tmp_path):
    dialog = shown(qtbot, UnitDialog(sample_db))
    dialog.code.setText("P01")
    assert refused_save(dialog, "code", "name", "kind", "head_name") == {
        "code": "Mã đơn vị “P01” đã có", "name": "Chưa nhập tên đơn vị", "kind": "Chưa chọn loại đơn vị",
        "head_name": ""}
    assert dialog.isVisible()
    assert len(list_units(sample_db)) == 4


def test_cancelling_a_dialog_with_changes_asks_first(qtbot, sample_db, answers):
    dialog = shown(qtbot, UnitDialog(sample_db))
    dialog.reject()  # nothing typed: closes without asking
    assert answers.asked == []
    dialog = shown(qtbot, UnitDialog(sample_db))
    dialog.name.setText("Phòng Y tế")
    answers.confirm_answer = False
    dialog.reject()
    assert len(answers.asked) == 1
    assert dialog.isVisible()
    assert dialog.name.text() == "Phòng Y tế"


def test_a_unit_with_staff_cannot_be_deleted(qtbot, sample_db, tmp_path, answers):
    page = _page(qtbot, sample_db, tmp_path)
    page.select_where(lambda u: u.code == "P01")
    page.delete_action.trigger()
    assert "đã có dữ liệu" in answers.errors[0]
    assert answers.asked == []
    assert any(u.code == "P01" for u in list_units(sample_db))


def test_an_empty_unit_is_deleted_only_after_confirmation(qtbot, sample_db, tmp_path, answers):
    page = _page(qtbot, sample_db, tmp_path)
    page.select_where(lambda u: u.code == "DT")
    answers.confirm_answer = False
    page.delete_action.trigger()
    assert any(u.code == "DT" for u in list_units(sample_db))
    answers.confirm_answer = True
    page.delete_action.trigger()
    assert "Quận đoàn" in answers.asked[-1]
    assert not any(u.code == "DT" for u in list_units(sample_db))
    assert page.model.rowCount() == 3


def test_keyboard_f2_opens_the_selected_unit(qtbot, sample_db, tmp_path, monkeypatch):
    page = _page(qtbot, sample_db, tmp_path)
    opened = []
    monkeypatch.setattr(UnitDialog, "exec", lambda self: opened.append(self.code.text()) or 0)
    page.show()
    page.windowHandle().requestActivate()  # shortcuts only reach the active window
    qtbot.waitUntil(page.isActiveWindow)
    page.select_where(lambda u: u.code == "NV")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert opened == ["NV"]


def test_a_database_locked_by_another_program_keeps_the_dialog_and_the_input(qtbot, sample_db, tmp_path):
    import sqlite3

    other = sqlite3.connect(tmp_path / "tdkt.sqlite3", timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    sample_db.execute("PRAGMA busy_timeout = 50")  # do not wait the full 5 s in a test
    dialog = shown(qtbot, UnitDialog(sample_db))
    dialog.code.setText("TP")
    dialog.name.setText("Phòng Tư pháp")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Cơ quan chuyên môn"))
    assert not dialog.try_save()
    assert dialog.general_error.text().startswith("Chưa lưu được: cơ sở dữ liệu đang bận")
    assert dialog.isVisible() and dialog.name.text() == "Phòng Tư pháp"
    other.rollback()
    other.close()
    assert dialog.try_save()
    assert "TP" in [u.code for u in list_units(sample_db)]


def _new_unit(qtbot, db, code, name):
    dialog = shown(qtbot, UnitDialog(db))
    dialog.code.setText(code)
    dialog.name.setText(name)
    dialog.kind.setCurrentIndex(dialog.kind.findText("Cơ quan chuyên môn"))
    return dialog


def test_a_second_unit_of_the_same_name_is_saved_only_after_confirmation(qtbot, sample_db, answers):
    dialog = _new_unit(qtbot, sample_db, "NV2", "phòng nội VỤ")
    answers.confirm_answer = False
    assert refused_save(dialog, "name") == {
        "name": "Trùng tên với đơn vị mã NV: hãy đổi tên, hoặc lưu lại và chọn “Vẫn lưu”"}
    assert answers.asked == ["Đã có đơn vị tên “Phòng Nội vụ” (mã NV). Vẫn lưu thêm đơn vị NV2 cùng tên?"]
    assert len(list_units(sample_db)) == 4
    answers.confirm_answer = True
    assert dialog.try_save()
    assert [u.code for u in list_units(sample_db) if u.name == "phòng nội VỤ"] == ["NV2"]


def test_no_question_for_a_new_name_a_taken_code_or_an_edit_keeping_the_name(qtbot, sample_db, answers):
    assert _new_unit(qtbot, sample_db, "TP", "Phòng Tư pháp").try_save()
    assert refused_save(_new_unit(qtbot, sample_db, "NV", "Phòng Nội vụ"), "code") == {
        "code": "Mã đơn vị “NV” đã có"}
    save_unit(sample_db, Unit(code="NV2", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))  # accepted earlier
    nv = next(u for u in list_units(sample_db) if u.code == "NV")
    dialog = shown(qtbot, UnitDialog(sample_db, nv))
    dialog.head_name.setText("Võ Thị Hường")
    assert dialog.try_save()
    assert answers.asked == []


def test_an_error_disappears_as_soon_as_its_field_is_fixed(qtbot, sample_db):
    dialog = shown(qtbot, UnitDialog(sample_db))
    dialog.code.setText("TP")
    assert refused_save(dialog, "name", "kind") == {"name": "Chưa nhập tên đơn vị", "kind": "Chưa chọn loại đơn vị"}
    dialog.name.setText("Phòng Tư pháp")
    assert dialog.form.error_text("name") == ""
    assert dialog.form.error_text("kind") == "Chưa chọn loại đơn vị"  # the other error stays until fixed
    dialog.kind.setCurrentIndex(1)
    assert dialog.form.error_text("kind") == ""
