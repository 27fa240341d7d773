"""One writer per database: the lock the window holds and the command line takes (models.store.lock)."""
import pytest

from models.common.errors import DomainError
from models.store.lock import HELD_ELSEWHERE, lock_for_writing, lock_path, try_lock
from tests.cli_helpers import hold_lock_in_another_process, read_only


def test_a_held_lock_refuses_a_second_one_until_released(tmp_path):
    db = tmp_path / "tdkt.sqlite3"
    first = try_lock(db)
    assert first is not None and lock_path(db) == tmp_path / "tdkt.sqlite3.lock"
    assert try_lock(db) is None
    with pytest.raises(DomainError) as refused:
        lock_for_writing(db)
    assert str(refused.value) == HELD_ELSEWHERE
    first.unlock()
    first.unlock()  # twice is harmless
    with lock_for_writing(db):
        assert try_lock(db) is None
    assert try_lock(db) is not None


def test_a_lock_held_by_another_process_is_released_when_that_process_ends(tmp_path):
    db = tmp_path / "tdkt.sqlite3"
    holder = hold_lock_in_another_process(db)
    assert try_lock(db) is None
    holder.kill()  # no clean-up: the system releases the lock
    holder.wait()
    lock = try_lock(db)
    assert lock is not None
    lock.unlock()


def test_a_lock_that_cannot_be_made_names_the_read_only_folder(tmp_path):
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(DomainError) as refused:
            try_lock(folder / "tdkt.sqlite3")
    assert str(refused.value).startswith(f"Thư mục “{folder}” chỉ cho đọc")
