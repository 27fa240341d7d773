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
        "Đơn vị", "Cán bộ", "Phong trào thi đua", "Người đứng đầu", "Xếp loại quý", "Tổng hợp quý", "Tổng kết thi đua",
        "Danh hiệu cuối năm", "Quy định áp dụng", "Xếp loại cuối năm", "Sổ khen thưởng", "Đến hạn khen thưởng",
        "Thống kê", "Kỷ luật", "Nhật ký"]
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


def test_opening_another_programs_database_refuses_it_untouched(qtbot, sample_db, tmp_path, answers):
    import sqlite3

    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    other = tmp_path / "khac.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    before = other.read_bytes()
    window.open_database(other)
    assert "không phải của TĐKT; chương trình không mở nó" in answers.errors[0]
    assert other.read_bytes() == before and not (tmp_path / "khac.sqlite3-wal").exists()
    assert window.db_path == tmp_path / "tdkt.sqlite3"


def test_hidden_screens_load_their_data_when_first_shown(qtbot, sample_db, tmp_path):
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    assert window.units_page.model.rowCount() == 4
    assert window._pages[1:] == [None] * (len(window._pages) - 1)  # not built yet: the window opens fast
    window.nav.setCurrentRow(1)
    assert window.staff_page.model.total_count == 5
    # A change on another screen reaches a hidden screen when it is shown again.
    window.nav.setCurrentRow(0)
    window.units_page.changed.emit()
    assert window.staff_page._stale
    window.nav.setCurrentRow(1)
    assert not window.staff_page._stale


def test_a_unit_opened_from_the_quarter_review_shows_on_the_entry_screen(qtbot, sample_db, tmp_path):
    from models.quarters.classifications import Entry, save_quarter
    from models.common.codes import HeadLevel
    from models.people.staff import list_staff
    from models.people.units import list_units

    nv = next(u for u in list_units(sample_db) if u.code == "NV")
    people = [p for p in list_staff(sample_db) if p.unit_code == "NV"]
    save_quarter(sample_db, nv.id, 2018, 3, [Entry(p.id, HeadLevel.TOT) for p in people])
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(5)  # Tổng hợp quý
    window.page(5).open_unit.emit(nv.id, 2018, 3)
    entry = window.page(4)
    assert window.stack.currentWidget() is entry
    assert entry.unit_combo.value() == nv.id
    assert (entry.year.value(), entry.quarter.currentData()) == (2018, 3)
    assert entry.model.rowCount() == len(people)


LAZY_PROBE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from models.store.db import connect
from ui.main_window import AREAS, MainWindow

app = QApplication([])
path = Path(sys.argv[1])
window = MainWindow(connect(path), path)
window.show()
app.processEvents()
print(sorted(m for m in sys.modules if m.startswith("ui.") and m.count(".") == 2))
window.nav.setCurrentRow([title for title, _screen, _excel in AREAS].index("Danh hiệu cuối năm"))
print(type(window.stack.currentWidget()).__name__, "ui.yearend.titles_page" in sys.modules)
"""


def test_the_screens_table_builds_a_screen_when_it_is_first_shown(tmp_path):
    """The window imports a screen's module only when the screen is first shown (start-up speed)."""
    import ast
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", LAZY_PROBE, str(tmp_path / "tdkt.sqlite3")], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout.splitlines()
    loaded = ast.literal_eval(out[0])
    assert "ui.people.units_page" in loaded  # the first screen, shown at start
    assert not {"ui.yearend.titles_page", "ui.yearend.review_page", "ui.rules.rules_page",
                "ui.quarters.quarter_review_page", "ui.store.history_page"} & set(loaded)
    assert out[1] == "TitlesPage True"


def test_every_area_names_a_screen_class():
    from ui.main_window import AREAS

    assert [title for title, _screen, _excel in AREAS] == [
        "Đơn vị", "Cán bộ", "Phong trào thi đua", "Người đứng đầu", "Xếp loại quý", "Tổng hợp quý", "Tổng kết thi đua",
        "Danh hiệu cuối năm", "Quy định áp dụng", "Xếp loại cuối năm", "Sổ khen thưởng", "Đến hạn khen thưởng",
        "Thống kê", "Kỷ luật", "Nhật ký"]
    assert [excel for _title, _screen, excel in AREAS] == [True, True, False, False, True, False, False, False, False,
                                                           True, True, False, False, True, False]
    import importlib

    for _title, screen, _excel in AREAS:
        module, _, name = screen.partition(":")
        assert isinstance(getattr(importlib.import_module(module), name), type)
