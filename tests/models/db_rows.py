"""A database file read back table by table, to show that an action wrote nothing (or the same again)."""
import contextlib

import pytest
from sqlite_utils import Database

from models.store.db import connect
from models.store.schema import MIGRATIONS


# The tables of the quarterly classification (migrations 0003-0004): a dump of every table must hold them.
CLASSIFICATION_TABLES = frozenset(
    {"rule_set", "rule_cap", "rule_coefficient", "classification", "unit_quarter", "unit_quarter_event"})


def rows_of(db, tables) -> dict:
    """Every row of each of ``tables``, in the order written."""
    return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


def rerun_changes_nothing(path, body, tables) -> None:
    """The old file at ``path`` opened (migrated), then the migration's ``body`` run again, as after a stop
    between its work and its record: each of ``tables`` has the same definition and the same rows."""
    connect(path).close()
    db = Database(path)
    try:
        def state():
            return {t: (db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [t]).fetchone(),
                        rows_of(db, [t])[t]) for t in tables}

        before = state()
        body(db)
        assert state() == before
    finally:
        db.close()


def every_row(db, must_hold=frozenset()) -> dict:
    """Every table of the file (all migrations, the history included), row by row; the tables named
    in ``must_hold`` must be among them."""
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    assert set(must_hold) <= set(tables)
    return rows_of(db, tables)


def refused(db, call, error):
    """The ``error`` that ``call`` raises; every row of the file is as it was before."""
    before = every_row(db)
    with pytest.raises(error) as caught:
        call()
    assert every_row(db) == before
    return caught.value


def older_database(path, stop_before: str) -> Database:
    """A file at ``path`` as an older version left it: migrated only up to ``stop_before``."""
    old = Database(str(path))
    MIGRATIONS.apply(old, stop_before=stop_before)
    return old


@contextlib.contextmanager
def upgraded_from(tmp_path, stop_before: str, *statements):
    """A file left by an older version (migrated up to ``stop_before``, then ``statements`` run on
    it), opened by the app, which migrates it; closed afterwards."""
    path = tmp_path / "old.sqlite3"
    old = older_database(path, stop_before)
    for statement in statements:
        old.execute(*statement) if isinstance(statement, tuple) else old.execute(statement)
    old.close()
    with upgraded(path) as db:
        yield db


@contextlib.contextmanager
def upgraded(path):
    """The older file at ``path`` opened by the app (which migrates it), closed afterwards."""
    db = connect(path)
    try:
        yield db
    finally:
        db.close()
