from PySide6.QtWidgets import QPushButton

from models.common.codes import UnitKind
from models.store.first_steps import first_steps_pending
from models.store.settings import council_names
from ui.store.council_dialog import CouncilDialog
from ui.main_window import MainWindow
from ui.people.unit_dialog import UnitDialog

from .screens import main_window, open_demo_file, shown
from .title_fixtures import accept_with


def test_an_empty_database_shows_four_steps_to_do(qtbot, db, tmp_path):
    window = main_window(qtbot, db, tmp_path)
    assert window.first_steps.isVisible()
    assert window.first_steps.steps() == [("council", False), ("units", False), ("staff", False),
                                          ("campaign", False)]


def test_adding_a_unit_ticks_its_step(qtbot, db, tmp_path, monkeypatch):
    window = main_window(qtbot, db, tmp_path)

    def fill(dialog):
        dialog.code.setText("NV")
        dialog.name.setText("Phòng Nội vụ")
        dialog.kind.set_value(UnitKind.CO_QUAN)
        return dialog.try_save()

    monkeypatch.setattr(UnitDialog, "exec", fill)
    [units_button] = [b for b in window.first_steps.findChildren(QPushButton, "first_steps_units")
                      if b.text() == "Thêm..."]
    units_button.click()
    assert [u["code"] for u in db.query("SELECT code FROM unit")] == ["NV"]
    assert window.first_steps.steps()[1] == ("units", True)
    assert window.first_steps.isVisible()  # staff and a campaign are still to come


def test_closing_the_checklist_hides_it_for_this_database(qtbot, db, tmp_path):
    window = main_window(qtbot, db, tmp_path)
    window.first_steps.close_for_good()
    assert not window.first_steps.isVisible()
    assert not first_steps_pending(db)


def test_the_sample_database_shows_no_checklist(qtbot, tmp_path):
    db, path = open_demo_file(tmp_path)
    window = shown(qtbot, MainWindow(db, path))
    assert not window.first_steps.isVisible()


def test_the_window_with_the_checklist_fits_1366_x_728(qtbot, db, tmp_path):
    window = main_window(qtbot, db, tmp_path)
    for index in range(3):  # the screens of the steps
        window.show_area(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 728, hint
    assert window.width() <= 1366


def test_the_council_button_opens_the_council_dialog_and_ticks_its_step(qtbot, db, tmp_path, monkeypatch):
    window = main_window(qtbot, db, tmp_path)
    opened = accept_with(monkeypatch, CouncilDialog, lambda dialog: dialog.place.setText("Quận 3"))
    window.first_steps.findChild(QPushButton, "first_steps_council").click()
    assert len(opened) == 1
    assert council_names(db).place == "Quận 3"
    assert window.first_steps.steps()[0] == ("council", True)
