"""The window and the command line share one lock: an import while the window is open is refused."""
from models.store.lock import HELD_ELSEWHERE
from tests.cli_helpers import dump, hold_lock_in_another_process, make_demo, release, run
from ui.store.db_lock import lock_database


def test_a_command_line_import_is_refused_while_the_window_holds_the_database(qapp, tmp_path):
    db = make_demo(tmp_path / "demo.sqlite3")
    out = tmp_path / "don-vi.xlsx"
    assert run("export", "units", out, "--db", db).returncode == 0
    before = dump(db)
    window_lock = lock_database(db)
    try:
        result = run("import", "units", out, "--db", db)
    finally:
        window_lock.unlock()
    assert (result.returncode, result.stderr) == (1, HELD_ELSEWHERE + "\n")
    assert dump(db) == before


def test_the_window_refuses_a_database_a_command_is_writing(qapp, tmp_path):
    db = tmp_path / "tdkt.sqlite3"
    holder = hold_lock_in_another_process(db)
    try:
        assert lock_database(db) is None  # the window then says the database is open elsewhere
    finally:
        release(holder)
    lock = lock_database(db)
    assert lock is not None
    lock.unlock()
