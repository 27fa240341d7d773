"""Opening a council's SQLite file: pragmas, migrations, the default location."""
from __future__ import annotations

import getpass
import re
import sqlite3
import weakref
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from models.common.errors import DomainError
from models.store.schema import MIGRATIONS, SESSION_SQL

if TYPE_CHECKING:
    from sqlite_utils import Database

APP_NAME = "TDKT"
APP_AUTHOR = "TDKT"
DB_FILENAME = "tdkt.sqlite3"


def default_db_path() -> Path:
    """The database in the user's data folder (created on first use, not here)."""
    import platformdirs  # only here: the window opened on a given file starts without it

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)) / DB_FILENAME


def connect(path: str | Path, who: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    A missing or empty file becomes a new database. An existing file that is not a TĐKT database, or
    one written by a newer version of the program, is refused (:class:`DomainError`) before anything
    is written to it (no WAL switch, no migration).

    Foreign keys are on, the journal is WAL, and a write that meets a lock waits up to 5 s.
    Before migrating an existing database, a backup is taken (``backups`` beside it).
    ``who`` (the operator, as the history shows it) is recorded for the changes made through this
    connection (default: :func:`set_default_who`).
    ``":memory:"`` gives a private in-memory database (tests).
    """
    try:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            recorded = _recorded_migrations(Path(path))  # one look at the file, read only
            refusal = _refusal(Path(path), recorded)
            if refusal:
                raise DomainError(refusal)
            _backup_before_migrating(Path(path), recorded)
        db = OpenedDatabase(sqlite3.connect(str(path), factory=HistoryConnection))
        db.execute("PRAGMA busy_timeout = 5000")
        db.execute("PRAGMA foreign_keys = ON")
        # Pages kept in memory: up to 64 MB (SQLite's default is 2 MB), taken only as pages are read.
        # A city's import of 100,000 people updates indexes bigger than 2 MB: 10% faster.
        db.execute("PRAGMA cache_size = -65536")
        if str(path) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        if not _up_to_date(db):
            MIGRATIONS.apply(db)
        _start_history(db, who if who is not None else _default_who)
    except sqlite3.DatabaseError as e:
        from models.store.failures import database_failure

        raise DomainError(database_failure(e, Path(str(path)))) from None
    return db


def _up_to_date(db: Database) -> bool:
    """Whether ``MIGRATIONS.apply(db)`` would change nothing: the file's migrations table has the shape
    sqlite-utils gives it (``id`` its key: it rebuilds one without) and records every migration (read
    on this connection: the file may have been replaced since the look before opening). Then the
    database opens without sqlite-utils' migrations (nor sqlite-utils itself)."""
    keys = [r[0] for r in db.execute("SELECT name FROM pragma_table_info('_sqlite_migrations') WHERE pk ORDER BY pk")]
    if keys != ["id"]:  # (none: no such table, a new database)
        return False
    recorded = {r[0] for r in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                         [MIGRATIONS.name])}
    return all(name in recorded for name in MIGRATIONS.names)


class OpenedDatabase:
    """What :func:`connect` gives: a sqlite-utils ``Database`` whose library is imported when first needed.

    Importing sqlite-utils (with click and pluggy) takes about 35 ms, an eighth of the window's start,
    and the first screen only reads. Until more is asked of it, this object has the connection
    (``conn``), ``close()`` and ``execute()`` of a statement that only reads (:func:`reads_only`: for
    those, sqlite-utils' ``execute`` is the connection's ``execute``). Anything else (a write, a table,
    ``query``, ``atomic``...) imports sqlite-utils and makes this object a ``sqlite_utils.Database`` on
    the same connection (its class changed, its attributes set by ``Database.__init__``): every
    reference to it stays valid, and ``isinstance(db, sqlite_utils.Database)`` holds from then on.
    No sqlite-utils plugin is run (none is used, and none installed on the machine may change the
    connection)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers=on;")  # as sqlite_utils.Database(conn) does

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        if not reads_only(sql):
            return _sqlite_utils_database(self).execute(sql, parameters)
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def close(self) -> None:
        self.conn.close()

    def __getattr__(self, name: str):  # only what the object does not have: sqlite-utils' own
        if name.startswith("__") or name == "conn":  # (conn: before __init__ set it, e.g. a copy)
            raise AttributeError(name)
        return getattr(_sqlite_utils_database(self), name)

    def __getitem__(self, table: str):
        return _sqlite_utils_database(self)[table]

    def __enter__(self):
        return _sqlite_utils_database(self).__enter__()

    def __exit__(self, *exc):  # (Python took it when the block began: the object may have changed since)
        return _sqlite_utils_database(self).__exit__(*exc)

    def __repr__(self) -> str:
        return f"<Database {self.conn}>"  # as sqlite-utils writes it


def _sqlite_utils_database(db: OpenedDatabase | Database) -> Database:
    """``db`` made a ``sqlite_utils.Database`` (see :class:`OpenedDatabase`), if it is not one yet."""
    import sqlite_utils

    if type(db) is OpenedDatabase:  # its attributes first: a failure (a closed connection) leaves it as it was
        sqlite_utils.Database.__init__(db, db.conn, recursive_triggers=False, execute_plugins=False)
        db.__class__ = sqlite_utils.Database
    return db


def create_database(path: str | Path) -> None:
    """Create a new, empty TĐKT database at ``path`` (refused when a file with content is already there;
    an empty file is filled)."""
    path = Path(path)
    if path.exists() and not (path.is_file() and path.stat().st_size == 0):
        raise DomainError(f"Tệp “{path}” đã có; không tạo cơ sở dữ liệu mới đè lên nó. Hãy chọn tên tệp khác.")
    connect(path).close()


def foreign_database(path: Path) -> str | None:
    """Why the existing file ``path`` must not be opened as a TĐKT database, or None (a TĐKT database
    this program knows, or a missing or empty file). Read only: nothing is written to the file."""
    return _refusal(path, _recorded_migrations(path))


def _recorded_migrations(path: Path) -> set[str] | None:
    """The program's migrations recorded in the existing file ``path`` (read only; empty for a database
    of something else); None for a missing or empty file, or one without tables (a new database)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    from models.store.backup import open_read_only  # the path quoted: a folder "a#b" is not "a"

    conn = open_read_only(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "_sqlite_migrations" not in tables:
            return set()
        return {r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATIONS.name])}
    finally:
        conn.close()


def _refusal(path: Path, recorded: set[str] | None) -> str | None:
    """:func:`foreign_database` from the migrations ``recorded`` in the file."""
    if recorded is None:
        return None
    if not recorded:
        return (f"Tệp “{path.name}” là một cơ sở dữ liệu SQLite nhưng không phải của TĐKT; chương trình không "
                "mở nó (để không sửa gì trong đó). Hãy chọn đúng tệp cơ sở dữ liệu TĐKT.")
    unknown = sorted(recorded - set(MIGRATIONS.names))
    if unknown:
        return (f"Cơ sở dữ liệu “{path.name}” do một phiên bản mới hơn của chương trình tạo ra (có thay đổi "
                f"cấu trúc “{unknown[0]}” mà phiên bản này không biết); chương trình không ghi vào nó. "
                "Hãy dùng phiên bản mới hơn của chương trình.")
    return None


@contextmanager
def write_transaction(db: Database):
    """One write transaction taken at once (``BEGIN IMMEDIATE``): reads and writes inside see one state,
    and a second writer waits (busy timeout) and is then refused with a clear message, not a traceback.
    Committed when the block ends, rolled back when it raises."""
    from models.store.failures import database_failure

    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise DomainError(database_failure(e, Path(database_file(db)))) from None
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def database_file(db: Database) -> str:
    """The file a connection is open on ("" for an in-memory database)."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


_default_who = ""
_trigger_sql: dict[tuple, list[str]] = {}


def session_name(operator: str = "") -> str:
    """Who the history names: the name typed at first start, and the system user."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment
        user = ""
    if operator and user:
        return f"{operator} ({user})"
    return operator or user


def set_default_who(who: str) -> None:
    """Who the history names for connections opened without ``who`` (worker threads)."""
    global _default_who
    _default_who = who


def _start_history(db: Database, who: str) -> None:
    """The connection's history: its session (who is working) now, its triggers (temp: they know who is
    working on this connection) before its first statement that may change a table."""
    sqlite3.Connection.execute(db.conn, SESSION_SQL)
    # A HistoryConnection (connect opens no other). Its Database by a weak reference: the connection
    # holding its wrapper would make a cycle, kept until a collector pass (and some work runs without).
    wrapper = weakref.ref(db)
    db.conn.history = lambda conn: _history_triggers(wrapper() or OpenedDatabase(conn))
    set_session_who(db, who)


def _history_triggers(db: Database) -> list[str]:
    """The history triggers of the tables as they are now (the same SQL while their shape is the same)."""
    from models.store.schema import change_trigger_sql

    shape = tuple(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall())
    statements = _trigger_sql.get(shape)
    if statements is None:  # another shape: one kept at a time (another thread may clear it meanwhile)
        statements = change_trigger_sql(db)
        _trigger_sql.clear()
        _trigger_sql[shape] = statements
    return statements


# A statement that only reads: it starts as a query does and names no statement that writes (a word such
# as DELETE inside a text makes it count as a write: the triggers are then made a little early, never late).
# Possessive (*+) and one white-space character at a time: a statement that does not match (every write)
# must not make the engine try every way of splitting its leading spaces and comments (2^n of them).
_READS = re.compile(r"(?:\s|--[^\n]*(?:\n|$)|/\*.*?\*/)*+(?:SELECT|WITH|PRAGMA|EXPLAIN|VALUES)\b", re.I | re.S)
_WRITES = re.compile(r"\b(?:INSERT|UPDATE|DELETE|REPLACE|UPSERT|CREATE|DROP|ALTER|ATTACH|DETACH|VACUUM|REINDEX|"
                     r"BEGIN|SAVEPOINT)\b", re.I)


@lru_cache(maxsize=4096)
def reads_only(sql: str) -> bool:
    """Whether ``sql`` only reads (see :data:`_READS`): it needs no history trigger."""
    return _READS.match(sql) is not None and _WRITES.search(sql) is None


class HistoryConnection(sqlite3.Connection):
    """The program's SQLite connection: its history triggers are created just before the first statement
    that may change a table (``history``, set by :func:`connect`, gives them), not when it is opened: a
    session that only reads (the window's start, a report) does not pay for its triggers (three per
    tracked table, over a hundred: about 10 ms). Every way a statement reaches SQLite through the connection comes here first: execute,
    executemany, executescript, and the same on its cursors. The triggers are created outside any
    transaction (a statement that begins one is a write), so that no rollback can drop them."""

    history: Callable[[sqlite3.Connection], list[str]] | None = None  # the triggers to create; None: made or not wanted

    def before(self, sql: str | None) -> None:
        """Create the history triggers unless they exist or ``sql`` only reads (None: a script)."""
        if self.history is None or (sql is not None and reads_only(sql)):
            return
        make, self.history = self.history, None  # the reads below need no trigger
        try:
            if self.in_transaction:
                raise RuntimeError("the history triggers must be made before a transaction begins")
            for statement in make(self):
                sqlite3.Connection.execute(self, statement)
        except BaseException:
            self.history = make  # tried again at the next write (the triggers are IF NOT EXISTS)
            raise

    def execute(self, sql, parameters=(), /):
        self.before(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        self.before(sql)
        return super().executemany(sql, parameters)

    def executescript(self, script, /):
        self.before(None)
        return super().executescript(script)

    def cursor(self, factory=None):
        return super().cursor(factory or HistoryCursor)


class HistoryCursor(sqlite3.Cursor):
    """A cursor of a :class:`HistoryConnection`: its statements go through the connection's ``before``."""

    def execute(self, sql, parameters=(), /):
        self.connection.before(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        self.connection.before(sql)
        return super().executemany(sql, parameters)

    def executescript(self, script, /):
        self.connection.before(None)
        return super().executescript(script)


def make_history_now(db: Database) -> None:
    """Create the connection's history triggers now instead of before its first write (an import makes
    them while the reader reads its file on another thread); nothing when they are made already, or
    inside a transaction (the first write then makes them as it would have)."""
    conn = db.conn
    if isinstance(conn, HistoryConnection) and not conn.in_transaction:
        conn.before(None)


def insert_with_history_by_set(db: Database, table: str, sql: str, rows: list, per_statement: int = 1) -> None:
    """``db.conn.executemany(sql, rows)``, each statement inserting one row into ``table``, inside
    the caller's transaction, with the history written by one statement instead of the insert
    trigger once per row: the same change_log rows (columns, JSON, order), about 3x faster for a
    bulk import. The trigger (a TEMP one: this connection's only) is dropped for the time of the
    insert and created again, both inside the transaction, so that a rollback restores it too.
    The inserted rows must take rowids above the table's largest (new ids); when they do not
    all, nothing is kept (RuntimeError, the caller's transaction is rolled back). With ``per_statement``
    above 1, ``sql`` is a one-row ``INSERT ... VALUES (?, ...)`` made to insert that many rows at once
    (:func:`execute_in_groups`)."""
    from models.store.schema import insert_trigger_sql, inserted_log_sql

    if not db.conn.in_transaction:
        raise RuntimeError("insert_with_history_by_set outside a transaction")
    (top,) = db.conn.execute(f'SELECT coalesce(max(rowid), 0) FROM main."{table}"').fetchone()
    db.conn.execute(f'DROP TRIGGER temp."log_{table}_insert"')
    try:
        inserted = execute_in_groups(db.conn, sql, rows, per_statement)
    finally:
        db.conn.execute(insert_trigger_sql(db, table))
    logged = db.conn.execute(inserted_log_sql(db, table), [top]).rowcount
    if logged != inserted:
        raise RuntimeError(f"{table}: {inserted} rows inserted, {logged} above rowid {top}")


def execute_in_groups(conn: sqlite3.Connection, sql: str, rows: list, per_statement: int) -> int:
    """``conn.executemany(sql, rows).rowcount`` for a one-row ``INSERT ... VALUES (?, ...)``, with its
    VALUES repeated to insert ``per_statement`` rows in each statement, in the same order: 20% faster for
    a bulk insert (10,000 staff: 46 -> 37 ms), as SQLite steps one statement instead of hundreds. Fewer
    rows go in a statement when they would pass SQLite's limit of parameters."""
    if rows:
        per_statement = min(per_statement, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // max(len(rows[0]), 1))
    if per_statement <= 1 or len(rows) <= 1:
        return conn.executemany(sql, rows).rowcount
    head, _, values = sql.partition(" VALUES ")
    inserted = 0
    for start in range(0, len(rows), per_statement):
        group = rows[start:start + per_statement]
        statement = head + " VALUES " + ", ".join([values] * len(group))
        inserted += conn.execute(statement, list(chain.from_iterable(group))).rowcount
    return inserted


def set_session_who(db: Database, who: str) -> None:
    """Who the history names for the changes made through this connection from now on (the session
    table is not in the history: written without waking the triggers)."""
    sqlite3.Connection.execute(db.conn, "INSERT OR REPLACE INTO temp.session (id, who) VALUES (1, ?)", [who])
    db.conn.commit()  # sqlite3 opened a transaction for that INSERT: close it, or later writes stay in it


def session_who(db: Database) -> str:
    """Who the history names for this connection's changes ("" when nobody was set)."""
    (who,) = db.execute("SELECT coalesce((SELECT who FROM temp.session WHERE id = 1), '')").fetchone()
    return who


def _backup_before_migrating(path: Path, recorded: set[str] | None) -> None:
    """A backup (``backups`` beside the file) before the migrations not ``recorded`` in it are applied."""
    if recorded and any(name not in recorded for name in MIGRATIONS.names):
        import datetime as dt

        from models.store.backup import automatic_backup

        automatic_backup(path, dt.datetime.now(), reason="truoc-nang-cap")


def database_path(db: Database) -> str:
    """The file ``db`` works on (empty for an in-memory database): a worker thread opens its own
    connection to it."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


def data_stamp(db: Database) -> tuple[int, int]:
    """What changes whenever the data do: the commits of other connections (``PRAGMA data_version``)
    and this connection's own changes (``total_changes``). Equal stamps: the same data, so a
    result computed from them can be shown again."""
    return db.conn.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


def program_schema_version() -> int:
    """How many migrations this version of the program knows."""
    return len(MIGRATIONS.names)


def schema_version(db: Database) -> int:
    """How many of this program's migrations the file has had."""
    return len(MIGRATIONS.applied(db))
