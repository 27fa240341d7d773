"""The quick check before opening is skipped only for a file exactly as the program last left it
whole (models.store.known_whole); any change, and it runs."""
import os
import shutil
import sqlite3

import pytest

import models.store.backup as backup
import models.store.known_whole as known
from models.common.codes import UnitKind
from models.people.units import Unit, save_unit
from models.store.backup import database_problem_in_background
from models.store.db import connect
from models.store.known_whole import NOTE_NAME, fingerprint, known_whole, remember_at_close, remember_whole
from tests.safety.damage import DAMAGES, database_with_units


@pytest.fixture
def checks(monkeypatch):
    """The quick checks run before opening, by path."""
    ran = []
    real = backup.quick_check_outcome

    def counted(path):
        ran.append(path)
        return real(path)

    monkeypatch.setattr(backup, "quick_check_outcome", counted)
    return ran


def _closed_session(path):
    """A start as the window's, then a normal close: what the next start finds."""
    check = database_problem_in_background(path)
    assert check() is None
    assert remember_at_close(path, check.found_whole)
    return check


def test_a_file_left_whole_at_a_close_is_not_checked_again_at_the_next_start(tmp_path, checks, monkeypatch):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 3)
    assert not known_whole(path)
    first = database_problem_in_background(path)
    assert first() is None and checks == [path]  # no note yet: checked
    assert first.found_whole == fingerprint(path)

    def no_check(_path):
        raise AssertionError("unchanged since it was found whole: no second check at the close")

    monkeypatch.setattr(known, "_passes_quick_check", no_check)
    assert remember_at_close(path, first.found_whole)
    assert (tmp_path / "backups" / NOTE_NAME).is_file() and known_whole(path)
    second = database_problem_in_background(path)
    assert second() is None and checks == [path]  # not checked again
    assert second.found_whole == fingerprint(path)


@pytest.mark.parametrize("change", ["write", "touch", "copied over", "crash (no close)"])
def test_any_change_since_the_close_and_the_check_runs_again(tmp_path, checks, change):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 3)
    _closed_session(path)
    if change == "write":
        db = connect(path)
        save_unit(db, Unit(code="MOI", name="Đơn vị mới", kind=UnitKind.KHAC))
        db.close()
    elif change == "touch":
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    elif change == "copied over":  # the same bytes and times, another file
        shutil.copy2(path, tmp_path / "ban-sao.sqlite3")
        os.replace(tmp_path / "ban-sao.sqlite3", path)
    else:  # a session that wrote and never closed: its start is not noted
        check = database_problem_in_background(path)
        assert check() is None
        db = connect(path)
        save_unit(db, Unit(code="MOI", name="Đơn vị mới", kind=UnitKind.KHAC))
    checks.clear()
    assert not known_whole(path)
    assert database_problem_in_background(path)() is None and checks == [path]


def test_a_session_that_changed_the_file_notes_it_only_after_a_quick_check_at_the_close(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 300)
    check = database_problem_in_background(path)
    assert check() is None
    db = connect(path)
    save_unit(db, Unit(code="MOI", name="Đơn vị mới", kind=UnitKind.KHAC))
    db.close()
    assert remember_at_close(path, check.found_whole) and known_whole(path)  # changed, checked, whole

    DAMAGES["page-overwritten"](path)  # (damaged while it was open: a disk error)
    assert not remember_at_close(path, check.found_whole) and not known_whole(path)
    assert "bị hỏng" in database_problem_in_background(path)()


def test_a_note_that_is_unreadable_or_names_another_file_is_no_note(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 2)
    note = tmp_path / "backups" / NOTE_NAME
    assert remember_whole(path, fingerprint(path)) and known_whole(path)
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace(str(path), str(tmp_path / "khac.sqlite3")), encoding="utf-8")
    assert not known_whole(path)
    for garbage in ("", "{", "[1, 2]", '{"tep": 1}', "null"):
        note.write_text(garbage, encoding="utf-8")
        assert not known_whole(path)
    assert not known_whole(tmp_path / "chua-co.sqlite3")  # no file: nothing is known


def test_a_note_that_cannot_be_written_leaves_the_check_on(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 2)
    (tmp_path / "backups").write_text("không phải thư mục", encoding="utf-8")
    assert not remember_whole(path, fingerprint(path))
    assert not remember_at_close(path, fingerprint(path))
    assert not known_whole(path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial left


def test_an_empty_wal_left_by_a_read_only_look_is_no_change(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 2)
    before = fingerprint(path)
    (tmp_path / "tdkt.sqlite3-wal").write_bytes(b"")
    assert fingerprint(path) == before
    (tmp_path / "tdkt.sqlite3-wal").write_bytes(b"x")
    assert fingerprint(path) != before


def test_the_databases_of_one_folder_each_keep_their_note(tmp_path, checks):
    first = database_with_units(tmp_path / "tdkt-2025.sqlite3", 2)
    second = database_with_units(tmp_path / "tdkt-2026.sqlite3", 2)
    for path in (first, second, first, second):  # the two used in turn
        _closed_session(path)
    assert known_whole(first) and known_whole(second)
    assert checks == [first, second]  # each checked once: the note of one kept the other's

    for i in range(known.KEPT):  # a folder of many databases keeps the latest ones
        remember_whole(tmp_path / f"khac-{i}.sqlite3", [[0, i, 0, 0], None])
    assert not known_whole(first)


def test_a_file_the_check_could_not_read_is_not_noted_whole(tmp_path, checks):
    # another program holds the file (a lock, an antivirus...) while the window starts: the quick check
    # cannot run, which is no problem to report, but the file was not found whole either
    path = database_with_units(tmp_path / "tdkt.sqlite3", 300)
    DAMAGES["page-overwritten"](path)
    other = sqlite3.connect(path)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("SELECT count(*) FROM sqlite_master").fetchone()
    check = database_problem_in_background(path)
    assert check() is None and check.found_whole is None
    other.close()
    assert not remember_at_close(path, check.found_whole)  # a quick check at the close finds the damage
    assert not known_whole(path)
    assert "bị hỏng" in database_problem_in_background(path)()


def test_a_note_too_deep_to_read_is_no_note(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 2)
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / NOTE_NAME).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert not known_whole(path)
    assert database_problem_in_background(path)() is None  # (the start goes on, with its check)
    assert remember_whole(path, fingerprint(path)) and known_whole(path)  # (and the close replaces it)
