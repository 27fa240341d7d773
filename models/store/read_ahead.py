"""Reading the first screen's rows ahead, while the window's start is busy loading Qt.

The quick check of the database runs in a thread before Qt is imported (``database_problem_in_background``
in models.store.backup). When the file is whole, the same thread reads what the first screen shows
(the units with their staff counts: 10-15 ms on a city's database) on a read-only connection of its
own, and notes SQLite's ``PRAGMA data_version`` there. The screen then takes those rows instead of
reading them again, but only when they are still what the program's connection would read:

- the file at the path has the same fingerprint (models.store.known_whole: the same file, with the same
  size and modification time, and the same -wal): not replaced by a restore, nor copied over in place
  (which SQLite's own counter below does not see), and
- ``PRAGMA data_version`` on the read-ahead connection is unchanged: SQLite changes it whenever any
  other connection (the program's own included: a migration, a first write) commits to the file.

Otherwise the screen reads as usual. Each result is given once; the connection is closed when the
last one is taken, or by :func:`release`.
"""
from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path

from models.store.known_whole import fingerprint

_NOTHING = object()


class _Reader:
    """What a read function is given on the read-ahead connection (functions that read through ``db.conn``)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn


class ReadAhead:
    """Results of read functions (called with an object whose ``conn`` is the read-only connection),
    all read in one read transaction, with the data version they were read at. The functions are
    imported by the caller, before the thread starts: an import in a thread while the main thread
    imports could meet a circular import from the other side."""

    def __init__(self, path: Path, conn: sqlite3.Connection, version: int, found: list,
                 results: dict[Callable, object]):
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._version = version
        self._found = found
        self._results = results

    @classmethod
    def read(cls, path: str | Path, functions: Iterable[Callable]) -> ReadAhead | None:
        """Read ``functions`` on a new read-only connection to ``path``; None when any of them fails
        (no such table: not a TĐKT database, or an older one...): the screens then read as usual."""
        from models.store.backup import read_only_uri

        path = Path(path)
        found = fingerprint(path)
        if found is None:
            return None
        try:
            conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            conn.execute("PRAGMA mmap_size = 0")
            conn.execute("BEGIN")  # one snapshot for the version and every result
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            results = {}
            for function in functions:
                results[function] = function(_Reader(conn))
            conn.execute("COMMIT")
        except Exception:  # an optimisation only: whatever failed is read again by the screen, which reports it
            conn.close()
            return None
        if fingerprint(path) != found:  # (written meanwhile: the results may be of either state)
            conn.close()
            return None
        return cls(path, conn, version, found, results)

    def current(self) -> bool:
        """Whether the results are still what the file holds (see the module's text)."""
        if self._conn is None:
            return False
        try:
            return (fingerprint(self.path) == self._found
                    and self._conn.execute("PRAGMA data_version").fetchone()[0] == self._version)
        except sqlite3.Error:
            return False

    def take(self, function: Callable) -> object | None:
        """The result of ``function`` when it is still current (once); None otherwise."""
        result = self._results.pop(function, _NOTHING)
        current = result is not _NOTHING and self.current()
        if not self._results:
            self.close()
        return result if current else None

    def close(self) -> None:
        self._results.clear()
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# The read-ahead given to a database the program opened (kept while the database object lives).
_GIVEN: weakref.WeakKeyDictionary[object, ReadAhead] = weakref.WeakKeyDictionary()


def give(db, ahead: ReadAhead | None) -> None:
    """Let the reads on ``db`` (the program's connection to the same file) take ``ahead``'s results."""
    if ahead is not None:
        _GIVEN[db] = ahead


def taken(db, function: Callable) -> object | None:
    """What ``function`` read ahead on ``db``'s file, if still current; None: read it now."""
    ahead = _GIVEN.get(db)
    if ahead is None:
        return None
    result = ahead.take(function)
    if ahead._conn is None:
        del _GIVEN[db]
    return result


def release(db) -> None:
    """Close what was read ahead for ``db`` and not taken (the window is built: the first screen has read)."""
    ahead = _GIVEN.pop(db, None)
    if ahead is not None:
        ahead.close()
