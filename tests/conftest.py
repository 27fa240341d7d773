import os

# Without a display Qt aborts the process; tests always run offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

from models.db import connect  # noqa: E402

TODAY = dt.date(2018, 12, 1)


@pytest.fixture
def db(tmp_path):
    """A fresh, migrated database file."""
    database = connect(tmp_path / "tdkt.sqlite3")
    yield database
    database.close()


@pytest.fixture
def today():
    return TODAY
