"""Only a TĐKT database this program knows is opened; any other SQLite file is refused untouched."""
import hashlib
import sqlite3

import pytest

from models.common.errors import DomainError
from models.store.db import connect, create_database, write_transaction
from models.store.failures import BUSY


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _journal_mode(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "khac.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('giữ nguyên')")
    before = _digest(path)
    with pytest.raises(DomainError) as refused:
        connect(path)
    assert str(refused.value) == (
        "Tệp “khac.sqlite3” là một cơ sở dữ liệu SQLite nhưng không phải của TĐKT; chương trình không mở nó "
        "(để không sửa gì trong đó). Hãy chọn đúng tệp cơ sở dữ liệu TĐKT.")
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["khac.sqlite3"]  # no -wal, no backup folder
    assert _journal_mode(path) == "delete"


def test_a_database_of_a_newer_program_is_refused_and_never_written(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    connect(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "SELECT migration_set, '0099_from_the_future', applied_at FROM _sqlite_migrations LIMIT 1")
    before = _digest(path)
    with pytest.raises(DomainError) as refused:
        connect(path)
    assert str(refused.value) == (
        "Cơ sở dữ liệu “tdkt.sqlite3” do một phiên bản mới hơn của chương trình tạo ra (có thay đổi cấu trúc "
        "“0099_from_the_future” mà phiên bản này không biết); chương trình không ghi vào nó. "
        "Hãy dùng phiên bản mới hơn của chương trình.")
    assert _digest(path) == before


def test_a_missing_or_empty_file_still_becomes_a_new_database(tmp_path):
    (tmp_path / "rong.sqlite3").write_bytes(b"")
    for name in ("moi.sqlite3", "rong.sqlite3"):
        db = connect(tmp_path / name)
        assert db["unit"].exists()
        db.close()


def test_create_database_makes_an_empty_one_and_refuses_an_existing_file(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    create_database(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM unit").fetchone() == (0,)
    before = _digest(path)
    with pytest.raises(DomainError, match="đã có; không tạo cơ sở dữ liệu mới đè lên nó"):
        create_database(path)
    assert _digest(path) == before


def test_a_second_writer_is_told_another_program_is_writing(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    connect(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    db = connect(path)
    db.execute("PRAGMA busy_timeout = 0")  # the 5 s wait would end the same way
    try:
        with pytest.raises(DomainError) as refused:
            with write_transaction(db):
                db.execute("INSERT INTO setting (key, value) VALUES ('x', 'y')")
        assert str(refused.value) == BUSY
    finally:
        other.rollback()
        other.close()
        db.close()


def test_write_transaction_commits_or_rolls_back_as_one(tmp_path):
    db = connect(tmp_path / "tdkt.sqlite3")
    try:
        with pytest.raises(RuntimeError):
            with write_transaction(db):
                db.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
                raise RuntimeError
        assert db.execute("SELECT count(*) FROM setting WHERE key = 'a'").fetchone() == (0,)
        with write_transaction(db):
            db.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
        assert db.execute("SELECT count(*) FROM setting WHERE key = 'a'").fetchone() == (1,)
    finally:
        db.close()
