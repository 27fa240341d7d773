"""Keyboard entry on Xếp loại quý starts in the table: Ctrl+5, the menu Xem and a click in the
navigation put the focus on the first person still to classify; letters never jump to another area."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.common.codes import label
from ui.main_window import AREAS, MainWindow
from ui.quarters.classification_table import ClassificationTableModel as M

from .classification_fixtures import KHT, TOT, _type, cls_db  # noqa: F401  (cls_db is a fixture)

ENTRY = [area[0] for area in AREAS].index("Xếp loại quý")


def _window(qtbot, db, tmp_path):
    """The main window on P01, quarter 3/2018, whose first two people are classified and saved;
    the user is back on the first screen (Đơn vị)."""
    window = MainWindow(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    window.nav.setCurrentRow(ENTRY)
    page = window.page(ENTRY)
    page.show_unit(db.units["P01"], 2018, 3)
    page._go_to_row(0)
    page.table.setFocus()
    _type(qtbot, page, "1", "2")
    assert page.save()
    window.nav.setCurrentRow(0)
    window.units_page.search.setFocus()
    return window, page


def _level(page, row):
    return page.model.index(row, M.COL_LEVEL).data()


def test_ctrl_5_puts_the_focus_on_the_first_person_to_classify(qtbot, cls_db, tmp_path):
    window, page = _window(qtbot, cls_db, tmp_path)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    assert QApplication.focusWidget() is page.table
    assert page.current_row() == 2 and page.table.currentIndex().column() == M.COL_LEVEL
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T)
    assert page.search.text() == ""
    assert _level(page, 2) == label(TOT)
    assert page.current_row() == 3  # on to the next person


def test_the_menu_xem_puts_the_focus_in_the_table(qtbot, cls_db, tmp_path):
    window, page = _window(qtbot, cls_db, tmp_path)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Xem")
    next(a for a in view.actions() if a.text() == "Xếp loại quý").trigger()
    assert QApplication.focusWidget() is page.table
    assert page.current_row() == 2


def test_after_a_click_in_the_navigation_k_classifies_instead_of_opening_discipline(qtbot, cls_db, tmp_path):
    window, page = _window(qtbot, cls_db, tmp_path)
    nav = window.nav
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(ENTRY)).center())
    assert window.stack.currentWidget() is page
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K)
    assert nav.currentRow() == ENTRY  # not Kỷ luật
    assert _level(page, 2) == label(KHT)


def test_letters_typed_in_the_navigation_go_to_the_screen(qtbot, cls_db, tmp_path):
    window, page = _window(qtbot, cls_db, tmp_path)
    window.nav.setCurrentRow(ENTRY)  # arrows in the navigation: the focus stays there
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_K)
    assert window.nav.currentRow() == ENTRY
    assert QApplication.focusWidget() is page.table
    assert _level(page, 2) == label(KHT)
