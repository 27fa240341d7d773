"""The first screen's units read ahead in the quick check's thread (models.store.read_ahead): taken
only when they are what the program's own connection would read at that moment."""
import os
import shutil
import sqlite3

import pytest

import main
from models.common.codes import UnitKind
from models.people import units
from models.people.units import Unit, list_units, save_unit
from models.store import read_ahead
from models.store.backup import database_problem_in_background
from models.store.db import connect
from tests.safety.damage import DAMAGES, database_with_units


def _started(path):
    """As main.py starts the window: the quick check, then the read-ahead, in a thread."""
    check = database_problem_in_background(path, read_ahead=main.first_screen_reads())
    assert check() is None
    return check.read_ahead()


def _statements(db) -> list[str]:
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    return seen


def _fresh_codes(path) -> list[tuple[str, int]]:
    db = connect(path)
    try:
        return [(u.code, u.staff_count) for u in list_units(db)]
    finally:
        db.close()


def test_the_window_reads_ahead_what_the_units_page_reads():
    assert main.first_screen_reads() == (units.list_units,)


def test_the_units_read_ahead_are_taken_once_when_nothing_was_committed_since(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 4)
    expected = _fresh_codes(path)
    ahead = _started(path)
    assert ahead is not None
    db = connect(path)
    read_ahead.give(db, ahead)
    seen = _statements(db)
    got = list_units(db)
    assert [(u.code, u.staff_count) for u in got] == expected
    assert not any("staff_unit" in s for s in seen)  # not read again on the program's connection
    assert ahead._conn is None  # its connection closed once its only result was taken
    again = list_units(db)  # given once: the next load reads
    assert [(u.code, u.staff_count) for u in again] == expected and any("staff_unit" in s for s in seen)
    db.close()


def test_a_commit_by_another_program_after_the_read_ahead_makes_the_page_read_again(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 3)
    ahead = _started(path)
    other = connect(path)
    save_unit(other, Unit(code="MOI", name="Đơn vị mới", kind=UnitKind.KHAC))
    other.close()
    db = connect(path)
    read_ahead.give(db, ahead)
    assert [u.code for u in list_units(db)] == ["MOI", "U000", "U001", "U002"]
    assert ahead._conn is None
    db.close()


def test_a_write_on_the_programs_own_connection_before_the_page_reads_makes_it_read_again(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 2)
    ahead = _started(path)
    db = connect(path)
    read_ahead.give(db, ahead)
    save_unit(db, Unit(code="A1", name="Đơn vị A", kind=UnitKind.KHAC))
    assert [u.code for u in list_units(db)] == ["A1", "U000", "U001"]
    db.close()


@pytest.mark.parametrize("how", [
    "replaced",  # a restore, or a copy made by hand, between the check and the opening
    "copied over in place",  # the same file (inode), other bytes: SQLite's data_version does not see it
])
def test_a_file_replaced_after_the_read_ahead_is_read_anew(tmp_path, how):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 2)
    other = database_with_units(tmp_path / "khac.sqlite3", 5)
    ahead = _started(path)
    if how == "replaced":
        os.replace(other, path)
    else:
        shutil.copyfile(other, path)
    db = connect(path)
    read_ahead.give(db, ahead)
    assert [u.code for u in list_units(db)] == ["U000", "U001", "U002", "U003", "U004"]
    db.close()


def test_nothing_is_read_ahead_from_a_damaged_file_a_missing_one_or_another_programs_database(tmp_path):
    damaged = database_with_units(tmp_path / "hong.sqlite3", 300)
    DAMAGES["page-overwritten"](damaged)
    check = database_problem_in_background(damaged, read_ahead=main.first_screen_reads())
    assert "bị hỏng" in check()
    assert check.read_ahead() is None

    missing = tmp_path / "chua-co.sqlite3"
    check = database_problem_in_background(missing, read_ahead=main.first_screen_reads())
    assert check() is None and check.read_ahead() is None
    assert not missing.exists()  # the read-only look made no file

    foreign = tmp_path / "khac.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE ghi_chu (x)")
    conn.commit()
    conn.close()
    check = database_problem_in_background(foreign, read_ahead=main.first_screen_reads())
    assert check() is None and check.read_ahead() is None  # (the opening refuses it, with its message)


def test_what_was_not_taken_is_released_with_its_connection(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 2)
    ahead = _started(path)
    db = connect(path)
    read_ahead.give(db, ahead)
    read_ahead.release(db)
    assert ahead._conn is None and read_ahead.taken(db, units.list_units) is None
    assert [u.code for u in list_units(db)] == ["U000", "U001"]
    db.close()


def test_the_read_ahead_is_given_once(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 1)
    check = database_problem_in_background(path, read_ahead=main.first_screen_reads())
    first = check.read_ahead()
    assert first is not None and check.read_ahead() is None
    first.close()
