import datetime as dt

from PySide6.QtCore import Qt

from models.common.codes import Gender, StaffCategory
from models.people.staff import Staff, add_staff

from models.people.staff import list_staff, unit_history
from models.people.units import list_units
from ui.main_window import MainWindow
from ui.people.staff_dialog import StaffDialog
from ui.people.unit_dialog import UnitDialog


def _window(qtbot, db, tmp_path):
    window = MainWindow(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()  # screens load their data when shown
    return window


def _accept_with(monkeypatch, dialog_class, fill):
    def fake_exec(self):
        fill(self)
        return int(self.try_save())

    monkeypatch.setattr(dialog_class, "exec", fake_exec)


def test_ctrl_z_undoes_an_edit_of_a_unit(qtbot, sample_db, tmp_path, monkeypatch):
    window = _window(qtbot, sample_db, tmp_path)
    page = window.units_page
    assert not window.undo_action.isEnabled()
    _accept_with(monkeypatch, UnitDialog, lambda d: d.name.setText("Phòng Nội vụ quận Gò Vấp"))
    page.select_where(lambda u: u.code == "NV")
    page.edit_action.trigger()
    assert [u.name for u in list_units(sample_db) if u.code == "NV"] == ["Phòng Nội vụ quận Gò Vấp"]
    assert window.undo_action.text() == "Hoàn tác: Sửa đơn vị NV"
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    window.units_page.table.setFocus()
    qtbot.keyClick(window.units_page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [u.name for u in list_units(sample_db) if u.code == "NV"] == ["Phòng Nội vụ"]
    assert window.statusBar().currentMessage() == "Đã hoàn tác: Sửa đơn vị NV"
    assert not window.undo_action.isEnabled()


def test_undo_brings_back_a_deleted_person_and_then_a_move(qtbot, sample_db, tmp_path, monkeypatch):
    window = _window(qtbot, sample_db, tmp_path)
    window.nav.setCurrentRow(1)
    staff = window.staff_page

    def move(d):
        d.unit.setCurrentIndex(d.unit.findText("Quận đoàn (DT)"))
        d.move_from.setText("01/10/2018")

    _accept_with(monkeypatch, StaffDialog, move)
    staff.select_where(lambda p: p.code == "CB05")
    staff.move_action.trigger()
    person = next(p for p in list_staff(sample_db) if p.code == "CB05")
    assert person.unit_code == "DT"
    staff.select_where(lambda p: p.code == "CB05")
    staff.delete_action.trigger()
    assert "CB05" not in [p.code for p in list_staff(sample_db)]
    window.undo_last()
    assert window.undo_action.text() == "Hoàn tác: Chuyển đơn vị cho cán bộ CB05"
    assert [a.unit_code for a in unit_history(sample_db, person.id)] == ["P10", "DT"]
    window.undo_last()
    assert [a.unit_code for a in unit_history(sample_db, person.id)] == ["P10"]


def test_undo_that_the_rules_forbid_explains_why_and_changes_nothing(qtbot, sample_db, tmp_path, monkeypatch, answers):
    window = _window(qtbot, sample_db, tmp_path)

    def new_unit(d):
        d.code.setText("TP")
        d.name.setText("Phòng Tư pháp")
        d.kind.setCurrentIndex(d.kind.findText("Cơ quan chuyên môn"))

    _accept_with(monkeypatch, UnitDialog, new_unit)
    window.units_page.add_action.trigger()
    tp = next(u for u in list_units(sample_db) if u.code == "TP")

    # Someone is added to the new unit outside this screen: the unit now has data.
    add_staff(sample_db, Staff(code="CB99", full_name="Lê Văn Mới", gender=Gender.NAM,
                               category=StaffCategory.CONG_CHUC, unit_id=tp.id), dt.date(2018, 12, 1))
    window.undo_last()
    assert "Không thể xóa đơn vị" in answers.errors[0]
    assert any(u.id == tp.id for u in list_units(sample_db))
    assert window.undo_action.text() == "Hoàn tác: Thêm đơn vị TP"
