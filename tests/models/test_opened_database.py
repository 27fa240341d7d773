"""connect() opens an up-to-date database without sqlite-utils (issue #19, start-up): the object it gives
reads through the connection and becomes a sqlite_utils.Database, the same object, when more is asked."""
import sqlite3

import pytest
import sqlite_utils

from models.store.db import OpenedDatabase, connect
from models.store.schema import MIGRATIONS, MigrationSet


@pytest.fixture
def path(tmp_path):
    """A database file with every migration applied (and one unit), closed."""
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    db["unit"].insert({"code": "P01", "name": "Phường 1", "name_folded": "phuong 1", "kind": "phuong"})
    db.close()
    return path


def _logged(path, table):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM change_log WHERE table_name = ?", [table]).fetchone()[0]
    finally:
        conn.close()


def test_an_up_to_date_database_opens_and_reads_without_becoming_sqlite_utils(path):
    db = connect(path)
    try:
        assert type(db) is OpenedDatabase
        assert db.execute("SELECT code FROM unit").fetchall() == [("P01",)]
        assert db.execute("SELECT code FROM unit WHERE code = ?", ["P01"]).fetchone() == ("P01",)
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.execute("PRAGMA recursive_triggers").fetchone() == (1,)  # as sqlite-utils sets it
        assert type(db) is OpenedDatabase
    finally:
        db.close()


def test_asking_for_a_table_makes_it_a_sqlite_utils_database_on_the_same_connection(path):
    db = connect(path)
    conn, execute = db.conn, db.execute  # a method taken before the change still works after it
    unit = db["unit"]  # the first thing only sqlite-utils has
    assert isinstance(db, sqlite_utils.Database) and db.conn is conn and unit.db is db
    unit.insert({"code": "P02", "name": "Phường 2", "name_folded": "phuong 2", "kind": "phuong"})
    execute("UPDATE unit SET name = 'Phường Hai' WHERE code = 'P02'")
    assert [r["code"] for r in db.query("SELECT code FROM unit ORDER BY code")] == ["P01", "P02"]
    db.close()
    assert _logged(path, "unit") == 3  # the history triggers were made for the writes


def test_a_write_through_execute_is_sqlite_utils_execute(path):
    db = connect(path)
    db.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P03', 'Phường 3', 'phuong 3', 'phuong')")
    assert isinstance(db, sqlite_utils.Database)
    assert not db.conn.in_transaction  # committed at once, as sqlite-utils' execute does
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*) FROM unit").fetchone() == (2,)
    other.close()
    with pytest.raises(sqlite3.IntegrityError):  # a refused write leaves no transaction open either
        db.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P03', 'x', 'x', 'phuong')")
    assert not db.conn.in_transaction
    db.close()
    assert _logged(path, "unit") == 2


@pytest.mark.parametrize("statement", [
    "WITH x AS (SELECT 1) DELETE FROM unit WHERE code = 'none'",  # starts as a query, writes
    "  -- a comment\n  UPDATE unit SET name = name WHERE code = 'none'",
])
def test_a_statement_that_may_write_goes_through_sqlite_utils(path, statement):
    db = connect(path)
    db.execute(statement)
    assert isinstance(db, sqlite_utils.Database)
    db.close()


def test_a_transaction_and_the_with_block_work_from_the_start(path):
    with connect(path) as db:
        with db.atomic():
            db.execute("UPDATE unit SET name = 'Phường Một' WHERE code = 'P01'")
        assert db.execute("SELECT name FROM unit").fetchone() == ("Phường Một",)
    with pytest.raises(sqlite3.ProgrammingError):  # the with block closed it
        db.execute("SELECT 1")


def test_a_database_missing_a_migration_gets_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite_utils.Database(path)
    MIGRATIONS.apply(old, stop_before=MIGRATIONS.names[-1])
    old.close()
    db = connect(path)
    assert [m.name for m in MIGRATIONS.applied(db)] == MIGRATIONS.names
    db.close()


def test_an_old_shaped_migrations_table_is_rebuilt_as_sqlite_utils_does(path):
    """A migrations table keyed otherwise than by ``id`` (as older sqlite-utils wrote it) is rebuilt at
    the opening even when no migration is missing."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("ALTER TABLE _sqlite_migrations RENAME TO old_migrations")
        conn.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT, "
                     "PRIMARY KEY (migration_set, name))")
        conn.execute("INSERT INTO _sqlite_migrations SELECT migration_set, name, applied_at FROM old_migrations")
        conn.execute("DROP TABLE old_migrations")
    conn.close()
    db = connect(path)
    assert isinstance(db, sqlite_utils.Database)
    assert db["_sqlite_migrations"].pks == ["id"]
    assert [m.name for m in MIGRATIONS.applied(db)] == MIGRATIONS.names
    db.close()


def test_the_migration_set_is_registered_without_sqlite_utils_and_refuses_a_name_twice():
    migrations = MigrationSet("test")

    @migrations(name="0001_first")
    def first(db):
        db.execute("CREATE TABLE a (id INTEGER PRIMARY KEY)")

    @migrations()
    def second(db):
        db.execute("CREATE TABLE b (id INTEGER PRIMARY KEY)")

    assert migrations.names == ["0001_first", "second"]
    with pytest.raises(ValueError, match="0001_first"):
        migrations(name="0001_first")(second)
    db = sqlite_utils.Database(memory=True)
    migrations.apply(db)
    assert {"a", "b"} <= set(db.table_names())
    assert [m.name for m in migrations.applied(db)] == ["0001_first", "second"]


def test_a_failure_while_becoming_sqlite_utils_leaves_the_object_as_it_was(path, monkeypatch):
    """(Python 3.12 refuses sqlite-utils' set-up on a closed connection.) The object is not left half
    made: it stays an OpenedDatabase, and becomes a sqlite_utils.Database at the next try."""
    db = connect(path)
    real_init = sqlite_utils.Database.__init__

    def refused(self, *args, **kwargs):
        raise sqlite3.ProgrammingError("Cannot operate on a closed database.")

    monkeypatch.setattr(sqlite_utils.Database, "__init__", refused)
    with pytest.raises(sqlite3.ProgrammingError):
        db["unit"]
    assert type(db) is OpenedDatabase
    monkeypatch.setattr(sqlite_utils.Database, "__init__", real_init)
    assert db["unit"].count == 1 and isinstance(db, sqlite_utils.Database)
    db.close()


def test_a_file_replaced_while_it_is_opened_gets_its_migrations(path, tmp_path, monkeypatch):
    """The migrations recorded are read on the connection itself, not from the look taken before it."""
    import models.store.db as store

    old = tmp_path / "old.sqlite3"
    older = sqlite_utils.Database(old)
    MIGRATIONS.apply(older, stop_before=MIGRATIONS.names[-1])
    older.close()
    real_backup = store._backup_before_migrating

    def replaced(target, recorded):  # after the look at the up-to-date file, before the connection
        real_backup(target, recorded)
        target.write_bytes(old.read_bytes())

    monkeypatch.setattr(store, "_backup_before_migrating", replaced)
    db = connect(path)
    assert MIGRATIONS.pending(db) == []
    db.close()


def test_the_slow_patterns_are_deferred_only_for_the_importing_thread():
    import re
    import threading

    from models.common.lazy_imports import _REAL_COMPILE, _slow_patterns_compiled_on_first_use

    slow = "[\\u0080-\\uffff]+"
    other = {}
    with _slow_patterns_compiled_on_first_use():
        mine = re.compile(slow, re.IGNORECASE)
        thread = threading.Thread(target=lambda: other.setdefault("pattern", re.compile(slow, re.IGNORECASE)))
        thread.start()
        thread.join()
    assert not isinstance(mine, re.Pattern) and mine.match("ứ")  # compiled when first used
    assert isinstance(other["pattern"], re.Pattern)  # another thread got a real pattern
    assert re.compile is _REAL_COMPILE  # itself again afterwards
