"""backup, restore and check from the command line."""
import sqlite3

from tests.cli_helpers import make_demo, run


def test_backup_restore_and_check_round_trip(tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    copy = tmp_path / "copy.sqlite3"
    result = run("backup", "--db", db, "-o", copy)
    assert result.returncode == 0, result.stderr
    again = run("backup", "--db", db, "-o", copy)
    assert again.returncode == 1 and "đã có; chọn tên khác" in again.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM head_criterion")
    restored = run("restore", copy, "--db", db)
    assert restored.returncode == 0, restored.stderr
    assert "Bản trước khi khôi phục được giữ ở" in restored.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM head_criterion").fetchone()[0] > 0
    checked = run("check", "--db", db)
    assert checked.returncode == 0
    assert "Không phát hiện vấn đề nào" in checked.stdout


def test_check_reports_a_damaged_database_and_exits_1(tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE staff_unit SET unit_id = 9999 WHERE id = 1")
    result = run("check", "--db", db)
    assert result.returncode == 1
    assert "Bảng staff_unit, dòng 1: tham chiếu tới unit không tồn tại" in result.stderr


def test_restore_refuses_a_file_that_is_not_a_tdkt_database(tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    result = run("restore", junk, "--db", db)
    assert result.returncode == 1
    assert "không phải cơ sở dữ liệu SQLite hoặc đã hỏng" in result.stderr
