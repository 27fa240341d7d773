"""Opening a damaged database: a dialog names the problem and offers the backups beside it;
restoring one opens the program, quitting leaves everything as it was. Also the start-up backup
into an unwritable folder, and the restores listed in Nhật ký."""
import datetime as dt
import os
import sqlite3

import pytest
from PySide6.QtCore import Qt

from models.common.codes import UnitKind
from models.people.units import Unit, save_unit
from models.store.backup import (
    automatic_backup, backup_to, backups_dir, database_problem, database_problem_in_background, list_backups, restore,
)
from models.store.db import connect, program_schema_version
from tests.safety.damage import DAMAGES, database_with_units
from ui.app import run_gui
from ui.main_window import MainWindow
from ui.store import safety
from ui.store.history_page import RESTORES, HistoryPage

EARLY, LATE = dt.datetime(2018, 11, 30, 8, 0, 0), dt.datetime(2018, 12, 1, 17, 45, 10)


@pytest.fixture
def damaged(tmp_path):
    """tdkt.sqlite3 with 300 units, two start-up backups beside it, then a page overwritten."""
    path = database_with_units(tmp_path / "tdkt.sqlite3", 300)
    automatic_backup(path, EARLY)
    automatic_backup(path, LATE)
    DAMAGES["page-overwritten"](path)
    return path


class Asked:
    def __init__(self, answer):
        self.answer, self.calls = answer, []

    def __call__(self, db_path, problem, backups):
        self.calls.append((db_path, problem, [b.path.name for b in backups]))
        return self.answer(backups) if callable(self.answer) else self.answer


def test_a_damaged_database_offers_the_backups_newest_first_and_restores_the_chosen_one(damaged, monkeypatch, answers):
    damaged_bytes = damaged.read_bytes()
    asked = Asked(lambda backups: backups[0].path)
    monkeypatch.setattr(safety.DamagedDatabaseDialog, "ask", asked)
    assert safety.settle_damaged_database(damaged)
    ((db_path, problem, names),) = asked.calls
    assert db_path == damaged
    assert problem.startswith("Tệp “tdkt.sqlite3” bị hỏng")
    assert names == ["tdkt-20181201-174510-khoi-dong.sqlite3", "tdkt-20181130-080000-khoi-dong.sqlite3"]
    (kept,) = damaged.parent.glob("tdkt.hong-*.sqlite3")
    assert kept.read_bytes() == damaged_bytes
    assert answers.infos == [f"Đã khôi phục cơ sở dữ liệu từ “{names[0]}”.\nTệp hỏng được giữ nguyên ở:\n{kept}"]
    db = connect(damaged)
    assert db.execute("SELECT count(*) FROM unit").fetchone() == (300,)
    db.close()


def test_quitting_the_dialog_leaves_the_damaged_file_untouched_and_the_window_closed(damaged, monkeypatch, answers):
    before = damaged.read_bytes()
    asked = Asked(None)
    monkeypatch.setattr(safety.DamagedDatabaseDialog, "ask", asked)
    assert run_gui(damaged, explicit=True) == 1  # the window's start: the dialog, then quit
    assert len(asked.calls) == 1
    assert damaged.read_bytes() == before
    assert list(damaged.parent.glob("*.hong-*")) == []
    assert safety.lock_database(damaged) is not None  # the lock was released


def test_a_failed_restore_says_why_and_asks_again(damaged, tmp_path, monkeypatch, answers):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"broken" * 100)
    choices = iter([bad, None])
    monkeypatch.setattr(safety.DamagedDatabaseDialog, "ask", Asked(lambda backups: next(choices)))
    assert not safety.settle_damaged_database(damaged)
    assert answers.errors == ["Tệp “bad.sqlite3” không phải cơ sở dữ liệu SQLite hoặc đã hỏng"]


def test_a_whole_database_opens_without_the_dialog(tmp_path, monkeypatch):
    path = tmp_path / "tdkt.sqlite3"
    connect(path).close()
    monkeypatch.setattr(safety.DamagedDatabaseDialog, "ask", lambda *a: pytest.fail("asked for a whole database"))
    assert safety.settle_damaged_database(path)


def test_the_dialog_names_the_problem_and_lists_dates_and_sizes(qtbot, damaged):
    backups = list_backups(damaged)
    dialog = safety.DamagedDatabaseDialog(damaged, "Tệp “tdkt.sqlite3” bị hỏng: thử", backups)
    qtbot.addWidget(dialog)
    assert "Tệp “tdkt.sqlite3” bị hỏng: thử" in dialog.message.text()
    assert str(damaged) in dialog.message.text()
    items = [dialog.backups.item(i).text() for i in range(dialog.backups.count())]
    size = f"{os.path.getsize(backups[0].path) / 1024 / 1024:.1f} MB".replace(".", ",") \
        if os.path.getsize(backups[0].path) >= 1024 * 1024 else f"{round(os.path.getsize(backups[0].path) / 1024)} KB"
    assert items == [f"01/12/2018 17:45:10 - tdkt-20181201-174510-khoi-dong.sqlite3 ({size})",
                     f"30/11/2018 08:00:00 - tdkt-20181130-080000-khoi-dong.sqlite3 ({size})"]
    dialog.backups.setCurrentRow(1)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == backups[1].path


def test_the_dialog_without_backups_can_only_pick_a_file_or_quit(qtbot, tmp_path):
    dialog = safety.DamagedDatabaseDialog(tmp_path / "tdkt.sqlite3", "Tệp hỏng", [])
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "Không có bản sao lưu nào" in dialog.message.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Rejected and dialog.chosen is None


def test_an_unwritable_backup_folder_is_a_warning_and_the_window_keeps_working(qtbot, sample_db, tmp_path, answers):
    backups_dir(tmp_path / "tdkt.sqlite3").write_text("chiếm chỗ")  # the folder cannot be made
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    safety.start_of_session(window)
    (warning,) = answers.errors
    assert warning.startswith(f"Không ghi được bản sao lưu vào thư mục “{tmp_path / 'backups'}”")
    assert warning.endswith("Chương trình vẫn dùng được; dữ liệu hiện tại không thay đổi.")
    assert window.statusBar().currentMessage().startswith("Chưa sao lưu tự động được: Không ghi được")
    assert window.units_page.model.total_count == 4


def test_restores_are_listed_in_the_history_and_survive_the_restore(qtbot, tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path, who="Lan")
    save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    db.close()
    older = backup_to(path, tmp_path / "older.sqlite3")
    db = connect(path, who="Lan")
    save_unit(db, Unit(code="P02", name="Phường 2", kind=UnitKind.PHUONG))
    db.close()
    kept = restore(older, path, dt.datetime(2018, 12, 1, 9, 0, 0), program_schema_version(), who="Hùng")
    db = connect(path)
    page = HistoryPage(db, path)
    qtbot.addWidget(page)
    rows = [[page.model.index(r, c).data() for c in range(6)] for r in range(page.model.rowCount())]
    restores = [r for r in rows if r[2] == "Khôi phục dữ liệu"]
    assert restores == [["01/12/2018 09:00:00", "Hùng", "Khôi phục dữ liệu", "Khôi phục", "older.sqlite3",
                         f"Thay toàn bộ dữ liệu bằng tệp {older}; dữ liệu trước khi khôi phục được giữ ở {kept}"]]
    assert [r[4] for r in rows if r[2] == "Đơn vị"] == ["P01 - Phường 1"]  # the database's own history was rewound
    page.table_filter.setCurrentIndex(page.table_filter.findData(RESTORES))
    assert page.model.rowCount() == 1
    page.table_filter.setCurrentIndex(0)
    page.who.setCurrentIndex(page.who.findText("Hùng"))
    assert page.model.rowCount() == 1
    db.close()
    with sqlite3.connect(path) as conn:  # the log is outside the database: no table holds it
        assert "Hùng" not in str(conn.execute("SELECT who FROM change_log").fetchall())


def test_file_save_backup_from_and_into_odd_folders_is_whole(qtbot, tmp_path, monkeypatch, answers):
    path = database_with_units(tmp_path / "Dữ liệu #1 ?a=b 100%" / "tdkt.sqlite3", 40)
    target = tmp_path / "Sao lưu #2 ?x %41" / "bản sao.sqlite3"
    monkeypatch.setattr(safety.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    db = connect(path)
    window = MainWindow(db, path)
    qtbot.addWidget(window)
    window.show()
    safety.save_backup(window)
    assert answers.infos == [f"Đã sao lưu cơ sở dữ liệu vào:\n{target}"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM unit").fetchone() == (40,)
    db.close()


def test_file_open_of_a_damaged_database_offers_its_backups_and_keeps_the_open_one(
        damaged, tmp_path, qtbot, monkeypatch, answers):
    first = database_with_units(tmp_path / "first" / "tdkt.sqlite3", 3)
    window = MainWindow(connect(first), first)
    qtbot.addWidget(window)
    asked = Asked(None)  # the user closes the dialog: the damaged file is not opened
    monkeypatch.setattr(safety.DamagedDatabaseDialog, "ask", asked)
    damaged_bytes = damaged.read_bytes()
    window.open_database(damaged)
    assert [(path, names) for path, _problem, names in asked.calls] == [
        (damaged, ["tdkt-20181201-174510-khoi-dong.sqlite3", "tdkt-20181130-080000-khoi-dong.sqlite3"])]
    assert window.db_path == first
    assert window.db.execute("SELECT count(*) FROM unit").fetchone() == (3,)
    assert damaged.read_bytes() == damaged_bytes
    window.db.close()


def test_the_quick_check_started_before_qt_loads_is_the_one_acted_on(damaged, monkeypatch, answers):
    asked = Asked(None)
    monkeypatch.setattr(safety.DamagedDatabaseDialog, "ask", asked)
    checked = database_problem_in_background(damaged)  # as main.py starts it, before importing Qt
    assert run_gui(damaged, explicit=True, checked=checked) == 1
    ((db_path, problem, names),) = asked.calls
    assert (db_path, problem) == (damaged, database_problem(damaged))
    assert problem.startswith("Tệp “tdkt.sqlite3” bị hỏng")


def test_a_problem_found_before_the_lock_is_checked_again_under_it(tmp_path, monkeypatch):
    # the early check runs before the lock: another copy may have been restoring the file then. A
    # file whole by the time the lock is held is opened, no backup offered over it
    whole = database_with_units(tmp_path / "tdkt.sqlite3", 3)
    asked = Asked(None)
    monkeypatch.setattr(safety.DamagedDatabaseDialog, "ask", asked)
    assert safety.settle_damaged_database(whole, checked=lambda: "Tệp “tdkt.sqlite3” bị hỏng (lúc kiểm tra sớm)")
    assert asked.calls == []


def test_the_window_notes_the_file_whole_at_its_close_and_the_next_start_reads_the_units_ahead_unchecked(
        tmp_path, qapp, monkeypatch):
    import main
    import models.store.backup as backup_module
    from models.store import read_ahead
    from models.store.known_whole import known_whole

    path = database_with_units(tmp_path / "tdkt.sqlite3", 3)
    ran, taken, windows = [], [], []
    real_check, real_taken = backup_module.quick_check_outcome, read_ahead.taken
    monkeypatch.setattr(backup_module, "quick_check_outcome", lambda p: ran.append(p) or real_check(p))
    monkeypatch.setattr(read_ahead, "taken", lambda db, f: taken.append(r := real_taken(db, f)) or r)
    # The event loop is not run here (after QApplication.exec() Qt counts the application as closing,
    # and the next tests' windows could not be activated): the session ends as soon as it starts.
    monkeypatch.setattr(type(qapp), "exec", lambda app: windows.extend(
        w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()) or 0)
    for start in (1, 2):
        checked = database_problem_in_background(path, read_ahead=main.first_screen_reads())
        assert run_gui(path, explicit=True, quit_after_show=True, checked=checked) == 0
        assert known_whole(path)  # noted at the close
        windows[-1].close()
    assert ran == [path]  # the second start found the file as the first one left it
    # read ahead at each start, still current when the units page took them (and given once)
    assert [[u.code for u in units] for units in taken if units is not None] == [["U000", "U001", "U002"]] * 2
