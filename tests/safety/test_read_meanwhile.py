"""read_rows(meanwhile=...): the caller's own work (reading its database) runs on the calling thread while
the reader reads the sheet on another one. The file is refused as before, with the same messages, and what
that work raises comes only after the file is found good, as if it had been done after read_rows."""
import sqlite3
import threading

import pytest
import python_calamine

from models.exchange.xlsx import ImportRejected, read_rows
from models.people.imports import STAFF_HEADERS, import_staff
from models.store.db import connect, make_history_now

from .hostile_data import GOOD_ROWS, _xlsx, seeded  # noqa: F401  (seeded is a fixture)

BROKEN = "Tệp “{}” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"


def _good(tmp_path, name="tot.xlsx"):
    return _xlsx(tmp_path / name, STAFF_HEADERS, GOOD_ROWS["staff"])


def test_the_work_runs_here_while_the_reader_reads_on_another_thread(tmp_path, monkeypatch):
    path = _good(tmp_path)
    plain = read_rows(path, STAFF_HEADERS)
    threads = {}
    real = python_calamine.CalamineWorkbook

    class Recording:
        @staticmethod
        def from_path(name):
            threads["reader"] = threading.current_thread()
            return real.from_path(name)

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Recording)
    rows = read_rows(path, STAFF_HEADERS, meanwhile=lambda: threads.setdefault("work", threading.current_thread()))
    assert threads["work"] is threading.current_thread()
    assert threads["reader"] is not threading.current_thread()
    assert rows == plain and rows.warnings == plain.warnings


def test_what_the_work_raises_comes_once_the_file_is_found_good(tmp_path):
    def failing():
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        read_rows(_good(tmp_path), STAFF_HEADERS, meanwhile=failing)
    # a file refused after the reader read it (its headers): the refusal, the same as without the work
    wrong = _xlsx(tmp_path / "sai.xlsx", ["Mã cán bộ", "Tên"], [["CB1", "A"]])
    with pytest.raises(ImportRejected) as alone:
        read_rows(wrong, STAFF_HEADERS)
    with pytest.raises(ImportRejected) as with_work:
        read_rows(wrong, STAFF_HEADERS, meanwhile=failing)
    assert with_work.value.errors == alone.value.errors


def test_a_file_the_guard_refuses_is_never_given_to_the_work(tmp_path):
    def edit(workbook, sheet):
        sheet["A3"] = "=1+1"
    path = _xlsx(tmp_path / "cong_thuc.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)
    called = []
    with pytest.raises(ImportRejected) as caught:
        read_rows(path, STAFF_HEADERS, meanwhile=lambda: called.append(1))
    assert caught.value.errors == ["Dòng 3, cột Mã cán bộ: ô có công thức (=1+1), "
                                   "hãy dán giá trị (Paste Values) thay cho công thức"]
    assert called == []


class _Panic(BaseException):
    """What a panic of the reader (Rust) arrives as."""


@pytest.mark.parametrize("failure, message", [
    (_Panic("index out of bounds"), BROKEN.format("tot.xlsx")),
    (python_calamine.PasswordError("encrypted"),
     "Tệp “tot.xlsx” được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại"),
    (MemoryError(), "Không đủ bộ nhớ để đọc tệp “tot.xlsx”; hãy đóng bớt chương trình khác hoặc chia nhỏ tệp"),
])
def test_a_failure_of_the_reader_on_its_thread_is_the_same_refusal(tmp_path, monkeypatch, failure, message):
    path = _good(tmp_path)

    class Failing:
        @staticmethod
        def from_path(name):
            raise failure

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Failing)
    called = []
    for meanwhile in (None, lambda: called.append(1)):
        with pytest.raises(ImportRejected) as caught:
            read_rows(path, STAFF_HEADERS, meanwhile=meanwhile)
        assert caught.value.errors == [message]
    assert called == [1]


def _temp_triggers(db):
    return db.conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'").fetchone()[0]


def test_the_history_triggers_can_be_made_before_the_first_write(db):
    assert _temp_triggers(db) == 0  # made before the first write, not when the database is opened
    make_history_now(db)
    made = _temp_triggers(db)
    assert made > 100
    make_history_now(db)
    assert _temp_triggers(db) == made


def test_inside_a_transaction_the_first_write_makes_them_as_before(db):
    sqlite3.Connection.execute(db.conn, "BEGIN")  # (the connection's own execute would make them first)
    make_history_now(db)  # a transaction is open: nothing (the triggers are made outside any)
    assert _temp_triggers(db) == 0
    sqlite3.Connection.execute(db.conn, "ROLLBACK")
    db.conn.execute("UPDATE setting SET value = value WHERE 0")
    assert _temp_triggers(db) > 100


def test_the_import_reads_the_database_while_the_file_is_read(seeded, tmp_path, today):
    path = _xlsx(tmp_path / "tot.xlsx", STAFF_HEADERS, [*GOOD_ROWS["staff"], ["OLD", "Phạm Văn Mới", "", "Nam",
                                                                                "P03", "", "Cán bộ", "Không", ""]])
    result = import_staff(seeded, path, today)
    assert (result.added, result.updated, result.moved) == (2, 1, 1)
    assert seeded.conn.execute("SELECT full_name FROM staff WHERE code = 'OLD'").fetchone() == ("Phạm Văn Mới",)


def test_history_triggers_that_fail_while_the_file_is_read_are_made_by_the_first_write(seeded, tmp_path, today,
                                                                                        monkeypatch):
    from models.people import imports

    def failing(db):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(imports, "make_history_now", failing)
    fresh = connect(tmp_path / "tdkt.sqlite3")  # (the seeding made the triggers of its own connection)
    try:
        assert _temp_triggers(fresh) == 0
        result = import_staff(fresh, _good(tmp_path), today)
    finally:
        fresh.close()
    assert result.added == 2
    logged = seeded.conn.execute("SELECT count(*) FROM change_log WHERE table_name = 'staff' AND action = 'insert' "
                                 "AND record_id IN (SELECT id FROM staff WHERE code IN ('CB01', 'CB02'))").fetchone()
    assert logged == (2,)
