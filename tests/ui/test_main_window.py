from PySide6.QtCore import Qt

from ui.main_window import MainWindow


def test_navigation_by_list_and_keyboard(qtbot, sample_db, tmp_path):
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()  # screens load their data when shown
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Đơn vị", "Cán bộ", "Phong trào thi đua", "Người đứng đầu"]
    assert window.stack.currentWidget() is window.units_page
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.staff_page
    window.nav.setCurrentRow(0)
    assert window.stack.currentWidget() is window.units_page
    assert window.windowTitle() == "TĐKT - Thi đua, Khen thưởng — tdkt.sqlite3"


def test_a_change_on_one_screen_refreshes_the_others(qtbot, sample_db, tmp_path, answers):
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()  # screens load their data when shown
    units = window.units_page
    units.select_where(lambda u: u.code == "NV")
    units.toggle_action.trigger()  # deactivate
    window.nav.setCurrentRow(1)
    labels = [window.staff_page.unit_filter.itemText(i) for i in range(window.staff_page.unit_filter.count())]
    assert "Phòng Nội vụ (NV)" in labels
    assert not [u for u in units.model._all if u.code == "NV"][0].active


def test_opening_a_file_that_is_not_a_database_keeps_the_current_one(qtbot, sample_db, tmp_path, answers):
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()  # screens load their data when shown
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    window.open_database(junk)
    assert "Không mở được cơ sở dữ liệu" in answers.errors[0]
    assert window.db_path == tmp_path / "tdkt.sqlite3"
    assert window.units_page.model.rowCount() == 4


def test_hidden_screens_load_their_data_when_first_shown(qtbot, sample_db, tmp_path):
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    assert window.units_page.model.rowCount() == 4
    assert window._pages[1:] == [None, None, None]  # not built yet: the window opens fast
    window.nav.setCurrentRow(1)
    assert window.staff_page.model.total_count == 5
    # A change on another screen reaches a hidden screen when it is shown again.
    window.nav.setCurrentRow(0)
    window.units_page.changed.emit()
    assert window.staff_page._stale
    window.nav.setCurrentRow(1)
    assert not window.staff_page._stale
