"""Unit pickers (issue 18 items 4 and 5): found with or without diacritics, anywhere in the name or
code; the placeholder is a grey hint, never text typed after; inactive units are not offered."""
import datetime as dt

from PySide6.QtCore import Qt

from models.common.codes import Gender, StaffCategory
from models.people.staff import Staff, add_staff
from models.people.units import list_units, set_unit_active
from ui.kit.widgets import SearchableCombo
from ui.people.staff_dialog import StaffDialog
from ui.quarters.classification_page import ClassificationPage

from .classification_fixtures import cls_db  # noqa: F401  (a fixture)
from .screens import shown
from .typing import type_text

TODAY = dt.date(2018, 12, 1)


def _offered(combo: SearchableCombo) -> list[str]:
    """The entries the completer's list shows for what was typed."""
    model = combo.completer().completionModel()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _pick(qtbot, combo: SearchableCombo, row: int) -> None:
    """Choose the ``row``-th entry of the completer's list and press Enter, as a user does."""
    popup = combo.completer().popup()
    assert popup.isVisible()
    popup.setCurrentIndex(combo.completer().completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def _ids(db):
    return {u.code: u.id for u in list_units(db)}


def test_the_staff_dialog_finds_units_without_diacritics_and_never_types_after_the_placeholder(qtbot, sample_db):
    dialog = shown(qtbot, StaffDialog(sample_db, today=TODAY))
    combo = dialog.unit
    assert (combo.lineEdit().text(), combo.lineEdit().placeholderText()) == ("", "— Chọn đơn vị —")
    assert combo.value() is None
    qtbot.keyClicks(combo.lineEdit(), "phuong 1")
    assert _offered(combo) == ["Ủy ban nhân dân Phường 1 (P01)", "Ủy ban nhân dân Phường 10 (P10)"]
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "noi vu")
    assert combo.lineEdit().text() == "noi vu"  # not "— Chọn đơn vị —noi vu"
    assert _offered(combo) == ["Phòng Nội vụ (NV)"]
    _pick(qtbot, combo, 0)
    assert (combo.currentText(), combo.value()) == ("Phòng Nội vụ (NV)", _ids(sample_db)["NV"])


def test_a_code_or_a_vietnamese_spelling_finds_the_unit_too(qtbot, sample_db):
    dialog = shown(qtbot, StaffDialog(sample_db, today=TODAY))
    combo = dialog.unit
    qtbot.keyClicks(combo.lineEdit(), "(dt")
    assert _offered(combo) == ["Quận đoàn (DT)"]
    combo.lineEdit().clear()
    type_text(combo.lineEdit(), "Phường 10")
    assert _offered(combo) == ["Ủy ban nhân dân Phường 10 (P10)"]


def test_enter_takes_the_first_unit_offered(qtbot, sample_db):
    dialog = shown(qtbot, StaffDialog(sample_db, today=TODAY))
    qtbot.keyClicks(dialog.unit.lineEdit(), "phuong")
    qtbot.keyClick(dialog.unit.completer().popup(), Qt.Key.Key_Return)
    assert (dialog.unit.currentText(), dialog.unit.value()) == ("Ủy ban nhân dân Phường 1 (P01)", _ids(sample_db)["P01"])
    assert dialog.isVisible() and dialog.result_record is None  # Enter chose the unit, it did not save


def test_choosing_the_placeholder_again_empties_the_box(qtbot, sample_db):
    dialog = shown(qtbot, StaffDialog(sample_db, today=TODAY))
    combo = dialog.unit
    combo.set_value(_ids(sample_db)["NV"])
    assert combo.lineEdit().text() == "Phòng Nội vụ (NV)"
    combo.setCurrentIndex(0)
    assert (combo.lineEdit().text(), combo.value()) == ("", None)


def test_a_new_person_cannot_be_put_into_an_inactive_unit_but_its_member_keeps_it_shown(qtbot, sample_db):
    ids = _ids(sample_db)
    member = add_staff(sample_db, Staff(code="CB09", full_name="Võ Thị Hường", gender=Gender.NU,
                                        category=StaffCategory.CONG_CHUC, unit_id=ids["DT"]), TODAY)
    set_unit_active(sample_db, ids["DT"], False)
    new_dialog = shown(qtbot, StaffDialog(sample_db, today=TODAY))
    new = new_dialog.unit
    assert new.findData(ids["DT"]) == -1
    qtbot.keyClicks(new.lineEdit(), "doan")
    assert _offered(new) == []
    edit_dialog = shown(qtbot, StaffDialog(sample_db, member, today=TODAY))
    edited = edit_dialog.unit
    assert edited.currentText() == "Quận đoàn (DT) - ngừng hoạt động"
    assert edited.findData(ids["P01"]) >= 0


def test_the_classification_unit_picker_searches_folded_and_lists_active_units_only(qtbot, cls_db, tmp_path):
    set_unit_active(cls_db, cls_db.units["P10"], False)
    page = ClassificationPage(cls_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    page.show()
    page.show_unit(cls_db.units["P01"], 2018, 3)
    combo = page.unit_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Phòng Nội vụ (NV)", "Ủy ban nhân dân Phường 1 (P01)"]
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "noi vu")
    assert _offered(combo) == ["Phòng Nội vụ (NV)"]
    _pick(qtbot, combo, 0)
    assert page.header.target() == (cls_db.units["NV"], 2018, 3)
    assert page.unit().code == "NV"
