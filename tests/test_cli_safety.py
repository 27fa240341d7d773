"""backup, restore and check from the command line."""
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.safety.damage import DAMAGES
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


# --- odd folders, damaged databases, the restore log (issue 12: items 1, 4, 9, 12) --------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert run("demo", "--db", db).returncode == 0
    return db


def _copy_of(demo, folder):
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(demo, folder / "tdkt.sqlite3"))


def _count(db, table="staff"):
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_backup_from_and_into_folders_with_uri_characters_is_whole(demo, tmp_path):
    db = _copy_of(demo, tmp_path / "Phòng #1 ?a=b 100%")
    out = tmp_path / "Sao lưu #2 ?x %41" / "bản sao.sqlite3"
    result = run("backup", "--db", db, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Đã sao lưu vào {out}\n"
    assert _count(out) == _count(db) > 500


def test_backup_into_an_unwritable_folder_exits_1_with_a_sentence(demo, tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("/proc is a folder nobody can write files into on Linux")
    result = run("backup", "--db", demo, "-o", "/proc/tdkt-sao-luu.sqlite3")
    assert result.returncode == 1
    assert result.stderr.startswith("Không ghi được bản sao lưu vào thư mục “/proc”: thư mục không tồn tại hoặc "
                                    "không cho phép ghi (")
    assert "Hãy chọn thư mục khác hoặc cấp quyền ghi cho thư mục này, rồi sao lưu lại." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_database_is_reported_by_check_and_brought_back_by_restore(demo, tmp_path, damage):
    good = tmp_path / "good.sqlite3"
    assert run("backup", "--db", demo, "-o", good).returncode == 0
    db = _copy_of(demo, tmp_path / "data")
    DAMAGES[damage](db)
    damaged = db.read_bytes()
    checked = run("check", "--db", db)
    assert checked.returncode == 1
    assert checked.stderr.startswith("LỖI: Tệp “tdkt.sqlite3” bị hỏng")
    assert "Traceback" not in checked.stderr
    restored = run("restore", good, "--db", db)
    assert restored.returncode == 0, restored.stderr
    (kept,) = (tmp_path / "data").glob("tdkt.hong-*.sqlite3")
    assert kept.read_bytes() == damaged
    assert f"Bản trước khi khôi phục được giữ ở {kept}" in restored.stdout
    assert run("check", "--db", db).returncode == 0
    assert _count(db) == _count(demo)
    (line,) = (tmp_path / "data" / "tdkt.sqlite3.nhat-ky-khoi-phuc.txt").read_text(encoding="utf-8").splitlines()[1:]
    assert line.split("\t")[2:] == [str(good), str(kept)]
    assert line.split("\t")[1].endswith(" - dòng lệnh")

