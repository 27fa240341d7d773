"""Opening a council's SQLite file: pragmas, migrations, the default location."""
from __future__ import annotations

from pathlib import Path

import platformdirs
from sqlite_utils import Database

from .schema import MIGRATIONS

APP_NAME = "TDKT"
APP_AUTHOR = "TDKT"
DB_FILENAME = "tdkt.sqlite3"


def default_db_path() -> Path:
    """The database in the user's data folder (created on first use, not here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)) / DB_FILENAME


def connect(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    Foreign keys are on, the journal is WAL, and a write that meets a lock waits up to 5 s.
    ``":memory:"`` gives a private in-memory database (tests).
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = Database(str(path) if str(path) != ":memory:" else None, memory=str(path) == ":memory:")
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    MIGRATIONS.apply(db)
    return db


def schema_version(db: Database) -> int:
    """How many of this program's migrations the file has had."""
    return len(MIGRATIONS.applied(db))
