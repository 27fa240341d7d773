import os

# Without a display Qt aborts the process; tests always run offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

from models.store.db import connect  # noqa: E402

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


_exit_status = {}


def pytest_sessionfinish(session, exitstatus):
    _exit_status["code"] = int(exitstatus)


def pytest_unconfigure(config):
    """Leave without Python's interpreter teardown once pytest has reported everything.

    With PySide6 6.12 on Python 3.11, tearing down the interpreter after a long Qt session can
    abort with "bool_dealloc: deallocating True or False" (a reference-count slip inside a C
    extension that shows only at exit; True is immortal from Python 3.12 on). The results are
    already printed, so exiting directly keeps pytest's own exit status instead of a crash's.
    """
    if "code" in _exit_status and os.environ.get("TDKT_NO_FAST_EXIT") != "1":
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status["code"])
