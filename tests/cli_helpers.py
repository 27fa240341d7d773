"""What the command-line tests share: running main.py, reading the database file, writing workbooks,
and the demo database (``demo``, ``own_demo`` fixtures: import them into a test module to use them)."""
import contextlib
import os
import resource
import signal
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.models.imports_data import write_xlsx  # noqa: F401  (one xlsx writer for every test)

ROOT = Path(__file__).resolve().parents[1]


def run(*args, **kwargs):
    """``python main.py ARGS`` in a child process (text output, offscreen)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, **kwargs)


def rows(db, sql, params=()):
    """The rows of one query on the database file ``db``."""
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def count(db, table) -> int:
    return rows(db, f"SELECT count(*) FROM {table}")[0][0]


def dump(db) -> dict:
    """Every table of the database file, row by row: to compare before and after."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in tables}


def make_demo(path):
    """The sample database at ``path`` (through the command line); returns ``path``."""
    result = run("demo", "--db", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The sample database, shared by a module's tests that only read it."""
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


@pytest.fixture
def own_demo(demo, tmp_path):
    """A copy of the demo database this test may change."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo, path)
    return path


def hold_lock_in_another_process(db_path) -> subprocess.Popen:
    """A child process holding the database's lock (as the window does) until it is killed or its
    standard input is closed; returns once the lock is held."""
    code = ("import sys\nfrom models.store.lock import try_lock\n"
            "lock = try_lock(sys.argv[1])\nprint('held' if lock else 'busy', flush=True)\nsys.stdin.read()\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(db_path)], cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout.readline() == "held\n"
    return child


def release(child: subprocess.Popen) -> None:
    """End a :func:`hold_lock_in_another_process` child."""
    child.stdin.close()
    assert child.wait(timeout=60) == 0


@contextlib.contextmanager
def read_only(path):
    """``path`` (a file or a folder) cannot be written, even by root (the immutable flag then)."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = os.access(path, os.W_OK)  # root ignores the mode bits
    if immutable and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        path.chmod(mode)
        pytest.skip("this user cannot make a file read-only")
    try:
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


def file_size_limit(limit: int):
    """For a child process (``preexec_fn``): files may grow to ``limit`` bytes; beyond, writes fail with
    EFBIG (no signal), as on a full disk."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    return apply
