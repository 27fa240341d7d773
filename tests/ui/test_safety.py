from models.store.backup import backup_to, list_backups
from models.people.units import list_units
from ui.store import safety
from ui.main_window import MainWindow


def _window(qtbot, db, tmp_path):
    window = MainWindow(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_second_copy_of_the_program_cannot_take_the_same_database(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    first = safety.lock_database(path)
    assert first is not None
    assert safety.lock_database(path) is None  # the second copy is refused
    first.unlock()
    again = safety.lock_database(path)
    assert again is not None
    again.unlock()


def test_every_start_backs_up_and_checks(qtbot, sample_db, tmp_path, answers):
    window = _window(qtbot, sample_db, tmp_path)
    safety.start_of_session(window)
    assert len(list_backups(tmp_path / "tdkt.sqlite3")) == 1
    assert window.statusBar().currentMessage().startswith("Đã sao lưu tự động: tdkt-")
    assert answers.errors == []  # the quick check found nothing


def test_restore_from_the_menu_replaces_the_data_and_keeps_a_copy(qtbot, sample_db, tmp_path, answers):
    copy = backup_to(tmp_path / "tdkt.sqlite3", tmp_path / "before.sqlite3")
    sample_db.execute("DELETE FROM staff_unit WHERE unit_id = (SELECT id FROM unit WHERE code = 'DT')")
    sample_db.execute("DELETE FROM unit WHERE code = 'DT'")
    window = _window(qtbot, sample_db, tmp_path)
    assert "DT" not in [u.code for u in list_units(window.db)]
    assert safety.restore_backup(window, copy)
    assert "DT" in [u.code for u in list_units(window.db)]
    assert window.units_page.model.total_count == 4
    assert "Bản trước khi khôi phục" in answers.infos[-1]
    assert any("truoc-khoi-phuc" in b.path.name for b in list_backups(tmp_path / "tdkt.sqlite3"))


def test_restoring_a_broken_file_changes_nothing_and_says_why(qtbot, sample_db, tmp_path, answers):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"broken" * 100)
    window = _window(qtbot, sample_db, tmp_path)
    assert not safety.restore_backup(window, bad)
    assert "không phải cơ sở dữ liệu SQLite hoặc đã hỏng" in answers.errors[-1]
    assert len(list_units(window.db)) == 4
    assert window.units_page.model.total_count == 4


def test_the_data_check_reports_a_problem_in_plain_vietnamese(qtbot, sample_db, tmp_path, answers):
    window = _window(qtbot, sample_db, tmp_path)
    safety.check_data(window)
    assert answers.infos[-1].startswith("Không phát hiện vấn đề nào")
    sample_db.execute("PRAGMA foreign_keys = OFF")
    sample_db.execute("UPDATE staff_unit SET unit_id = 999 WHERE id = 1")
    safety.check_data(window)
    assert "Bảng staff_unit, dòng 1: tham chiếu tới unit không tồn tại" in answers.errors[-1]
