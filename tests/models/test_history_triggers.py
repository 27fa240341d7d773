"""The history triggers of a connection are made just before its first statement that may write (start-up
time, issue #19): a connection that only reads has none, and every way of writing through the connection
still records its history (the change_log row, who, the action), the first write included."""
import threading

import pytest

from models.common.codes import UnitKind
from models.people.units import Unit, list_units, save_unit
from models.store.db import connect, reads_only, write_transaction
from models.store.first_steps import first_steps
from models.store.schema import TRACKED, change_trigger_sql
from models.store.settings import get_setting


def _triggers(db) -> int:
    return db.conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'").fetchone()[0]


def _log(db) -> list[tuple]:
    return db.conn.execute("SELECT who, table_name, action FROM change_log ORDER BY id").fetchall()


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path, who="Lan")
    save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    db.close()
    return path


@pytest.fixture
def fresh(path):
    """A new connection to a database with one unit (its insert already in the history)."""
    db = connect(path, who="Bình")
    yield db
    db.close()


@pytest.mark.parametrize("sql", [
    "SELECT 1", "  select * from unit", "WITH x AS (SELECT 1) SELECT * FROM x", "PRAGMA foreign_keys = ON",
    "PRAGMA main.table_info(\"unit\")", "EXPLAIN QUERY PLAN SELECT 1", "-- a comment\nSELECT 1",
    "/* a comment */ SELECT updated_at FROM x",
])
def test_a_query_only_reads(sql):
    assert reads_only(sql)


@pytest.mark.parametrize("sql", [
    "INSERT INTO unit (code) VALUES ('A')", "update unit SET name = 'x'", "DELETE FROM unit",
    "REPLACE INTO unit (id) VALUES (1)", "INSERT OR REPLACE INTO unit (id) VALUES (1)",
    "WITH x AS (SELECT 1) INSERT INTO unit (code) SELECT * FROM x", "WITH x AS (SELECT 1) DELETE FROM unit",
    "CREATE TABLE t (a)", "DROP TABLE t", "ALTER TABLE unit ADD COLUMN b", "BEGIN", "BEGIN IMMEDIATE",
    "SAVEPOINT s", "VACUUM", "ATTACH 'x' AS y", "SELECT 1; DELETE FROM unit", "(SELECT 1)",
    "SELECT * FROM change_log WHERE action = 'delete'",  # made early (a word of a text), never late
])
def test_a_statement_that_may_write_is_not_a_read(sql):
    assert not reads_only(sql)


def test_a_connection_that_only_reads_has_no_trigger(fresh):
    assert [u.code for u in list_units(fresh)] == ["P01"]
    get_setting(fresh, "council_names")
    first_steps(fresh)
    fresh.execute("PRAGMA quick_check").fetchall()
    assert list(fresh["unit"].rows)[0]["code"] == "P01"
    assert _triggers(fresh) == 0


def test_the_first_write_makes_every_trigger_of_the_tables(fresh):
    fresh.conn.execute("UPDATE unit SET head_name = 'Lê Văn Bình'")
    made = {r[0] for r in fresh.conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")}
    assert made == {f"log_{table}_{action}" for table in TRACKED for action in ("insert", "update", "delete")}
    assert len(change_trigger_sql(fresh)) == 1 + len(made)  # all of them (and the session table)


WRITES = {
    "conn.execute": lambda db: db.conn.execute("UPDATE unit SET head_name = 'X'"),
    "db.execute": lambda db: db.execute("UPDATE unit SET head_name = 'X'"),
    "conn.executemany": lambda db: db.conn.executemany("UPDATE unit SET head_name = ?", [("X",)]),
    "conn.executescript": lambda db: db.conn.executescript("UPDATE unit SET head_name = 'X';"),
    "db.executescript": lambda db: db.executescript("UPDATE unit SET head_name = 'X';"),
    "cursor.execute": lambda db: db.conn.cursor().execute("UPDATE unit SET head_name = 'X'"),
    "cursor.executemany": lambda db: db.conn.cursor().executemany("UPDATE unit SET head_name = ?", [("X",)]),
    "cursor.executescript": lambda db: db.conn.cursor().executescript("UPDATE unit SET head_name = 'X';"),
    "sqlite-utils update": lambda db: db["unit"].update(1, {"head_name": "X"}),
    "a savepoint (atomic)": lambda db: _in_atomic(db),
    "write_transaction": lambda db: _in_write_transaction(db),
    "a domain function": lambda db: save_unit(db, Unit(id=1, code="P01", name="Phường 1", kind=UnitKind.PHUONG,
                                                       head_name="X")),
}


def _in_atomic(db):
    with db.atomic():
        db.conn.execute("UPDATE unit SET head_name = 'X'")


def _in_write_transaction(db):
    with write_transaction(db):
        db.conn.execute("UPDATE unit SET head_name = 'X'")


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_way_of_writing_records_the_first_change(fresh, write):
    before = _log(fresh)
    write(fresh)
    fresh.conn.commit()
    assert _log(fresh) == [*before, ("Bình", "unit", "update")]
    assert _log(fresh)[0] == ("Lan", "unit", "insert")


def test_an_insert_and_a_delete_as_first_writes_are_recorded(fresh):
    fresh.conn.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P02', 'Phường 2', 'phuong 2', 'phuong')")
    fresh.conn.execute("DELETE FROM unit WHERE code = 'P02'")
    fresh.conn.commit()
    assert _log(fresh)[-2:] == [("Bình", "unit", "insert"), ("Bình", "unit", "delete")]


def test_a_rolled_back_first_transaction_keeps_the_triggers(fresh):
    with pytest.raises(ZeroDivisionError):
        with write_transaction(fresh):
            fresh.conn.execute("UPDATE unit SET head_name = 'X'")
            1 / 0
    assert _triggers(fresh) > 100  # made before the transaction began: the rollback does not drop them
    fresh.conn.execute("UPDATE unit SET head_name = 'Y'")
    fresh.conn.commit()
    assert _log(fresh)[-1] == ("Bình", "unit", "update")
    assert len(_log(fresh)) == 2  # the rolled-back change left nothing


def test_a_worker_threads_connection_records_its_changes(path):
    def work():
        db = connect(path, who="Thread")
        db.conn.execute("UPDATE unit SET head_name = 'X'")
        db.conn.commit()
        db.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    db = connect(path)
    assert _log(db)[-1] == ("Thread", "unit", "update")
    db.close()


def test_the_read_test_does_not_backtrack_over_leading_spaces_and_comments():
    """Every write fails the read pattern: its leading white space and comments must be tried once,
    not in every way of splitting them (2^n: 40 spaces and two comment lines would never end)."""
    indent = "\n" + " " * 40
    assert not reads_only(f"{indent}-- one{indent}-- two{indent}UPDATE unit SET name = 'x'")
    assert reads_only(f"{indent}-- one{indent}/* two */{indent}SELECT 1")
    assert not reads_only("/**/INSERT*/\t*/SELECT 1")  # a comment ends at its first */, as SQLite reads it


def test_a_connection_that_only_reads_is_freed_without_a_collector_pass(path):
    import gc
    import weakref

    gc.disable()
    try:
        db = connect(path, who="Bình")
        assert [u.code for u in list_units(db)] == ["P01"]
        conn = weakref.ref(db.conn)
        db.close()
        del db
        assert conn() is None  # no cycle between the connection and its Database
    finally:
        gc.enable()


def test_the_triggers_are_made_when_only_the_connection_is_left(path):
    db = connect(path, who="Bình")
    conn = db.conn
    del db  # the wrapper gone: the triggers are read from the connection itself
    conn.execute("UPDATE unit SET name = 'Phường Một' WHERE code = 'P01'")
    conn.commit()
    assert conn.execute("SELECT who, table_name, action FROM change_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "Bình", "unit", "update")
    conn.close()
