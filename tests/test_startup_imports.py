"""The window's start (issue #19) loads only what it needs: what a library seldom uses loads on first use
(models.common.lazy_imports), and the modules of the screens not shown yet wait for their screen.
Checked in a fresh interpreter started as main.py starts the window, from its sys.modules when the
window has been shown; then what was deferred is used there and must work."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.people.units import Unit, save_unit
from models.common.codes import UnitKind
from models.store.db import connect

ROOT = Path(__file__).resolve().parent.parent

# main.py ends the window's process with os._exit: the report is written just before.
_START = r"""
import json, os, sys
real_exit = os._exit

def report(status):
    loaded = sorted(sys.modules)
    import PySide6.QtGui, PySide6.QtWidgets  # the Qt classes PySide6 has built (on a name's first import)
    built = sorted(n for m in (PySide6.QtGui, PySide6.QtWidgets) for n in vars(m) if n.startswith("Q"))
    import models.common.text
    fold_table = len(models.common.text._FAST_FOLD)
    import sqlite_utils.db
    slow_pattern = type(sqlite_utils.db._virtual_table_using_re).__name__  # before its first use
    from sqlite_utils import Database
    from sqlite_utils.recipes import parsedate
    db = Database(memory=True)
    db.execute("CREATE VIRTUAL TABLE notes USING fts5(text)")
    db.execute("CREATE TABLE plain (id INTEGER PRIMARY KEY)")
    used = {"parsedate": parsedate("03/04/2021", dayfirst=True), "fts": db["notes"].virtual_table_using,
            "not_fts": db["plain"].virtual_table_using, "slow_pattern": slow_pattern}
    print("REPORT " + json.dumps({"status": status, "loaded": loaded, "used": used, "built": built,
                                  "fold_table": fold_table}))
    sys.stdout.flush()
    real_exit(status)

os._exit = report
sys.argv = ["main.py", "--db", sys.argv[1], "--quit-after-show"]
sys.path.insert(0, os.getcwd())
import main
main.main(sys.argv[1:])
"""

NOT_AT_START = [
    "sqlite_utils", "click", "pluggy",  # an up-to-date database opens without sqlite-utils (models.store.db)
    "platformdirs", "secrets",  # the default database's folder (the window was given one); random names
    "dateutil.parser._parser", "dateutil.tz",  # sqlite-utils' date recipes
    "models.analysis.history", "models.awards.register",  # the award history dialog (Lịch sử khen thưởng)
    "models.people.snapshots", "ui.people.unit_dialog",  # undo snapshots, the unit dialog: on first use
    "ui.people.staff_page", "ui.campaigns.campaigns_page",  # screens not shown yet
    "cli", "cli.commands", "cli.common",  # the command line: main.py opens the window without it
    "models.people.succession", "models.people.staff",  # recording a succession (the units screen reads unit_ends)
    "models.store.history",  # the history's reading (session_name is in models.store.db)
    "models.store.output", "ui.kit.tasks",  # writing files, work in a thread: on first use
]


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    path = tmp_path_factory.mktemp("start") / "tdkt.sqlite3"
    db = connect(path)
    save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    db.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _START, str(path)], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=120)
    line = next((l for l in done.stdout.splitlines() if l.startswith("REPORT ")), None)
    assert line is not None, done.stdout + done.stderr
    return json.loads(line[len("REPORT "):])


def test_the_window_starts_without_what_the_first_screen_does_not_use(started):
    assert started["status"] == 0
    assert "ui.people.units_page" in started["loaded"]  # the first screen was built
    assert [m for m in NOT_AT_START if m in started["loaded"]] == []


# Qt classes whose first import makes PySide6 build the class and its enums (0.3-2 ms each): the forms'
# widgets, the history dialog, tabs, a QBrush (QGradient's enums, 180 presets)
QT_NOT_AT_START = ["QBrush", "QGradient", "QFormLayout", "QCompleter", "QSpinBox", "QDoubleSpinBox",
                   "QPlainTextEdit", "QCheckBox", "QDialog", "QDialogButtonBox", "QTableWidget", "QTabWidget"]


def test_the_window_starts_without_building_the_qt_classes_the_first_screen_does_not_use(started):
    assert "QMainWindow" in started["built"] and "QTableView" in started["built"]  # (what it reads is right)
    assert [name for name in QT_NOT_AT_START if name in started["built"]] == []
    assert started["fold_table"] == 0  # the first screen folds nothing: the table is filled on the first fold


def test_what_was_deferred_works_when_it_is_used(started):
    assert started["used"] == {"parsedate": "2021-04-03", "fts": "FTS5", "not_fts": None,
                               "slow_pattern": "_CompiledOnFirstUse"}  # compiled when sqlite-utils came
