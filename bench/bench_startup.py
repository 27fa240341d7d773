"""Start-up time: process start to main window shown, with the 20,000-staff city database.

    .venv/bin/python bench/bench_startup.py [--runs 11] [--profile] [--json OUT]

App:      .venv/bin/python main.py --db CITY --quit-after-show   (prints "shown <s>", exits)
Baseline: .venv/bin/python bench/empty_window.py                  (QApplication + empty QMainWindow)
Both run as subprocesses with QT_QPA_PLATFORM=offscreen, timed wall-clock from Popen to exit,
alternately, after one warm-up run each; the median of ``--runs`` runs is compared. The children
run without PYTHONDONTWRITEBYTECODE (set in some shells and CI): the warm-up writes the program's
.pyc files, as a user's first start does (the Windows bundle ships them compiled), so that the
runs measure a normal start, not the compilation of every module of the program.
Target: app / baseline <= 1.8x (issue #19), with the demo and the 20,000-staff database. The runs
after the warm-up find each file as the previous run's close left it (models.store.known_whole: the
quick check before opening is skipped), as a user's start after a normal close does; a context line
gives the start after the file changed (modification time touched before each run: the quick check
runs). When the target is missed (or with --profile) a breakdown is
printed: the start-up's imports timed one by one, then MainWindow() as a call tree, measured by
wrapping the functions on the start-up path with perf_counter timers in a child process (no
cProfile overhead; the project's code is not changed); median of 3 child processes. The child
starts as main.py does: models.common.lazy_imports.defer_imports first (sqlite-utils is not imported:
an up-to-date database opens without it), the quick check of the database started in a thread before
Qt is imported, with the read-ahead of the units page's rows (models.store.read_ahead), awaited before
connect.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    BENCH, DATA, PYTHON, ROOT, ensure_city, json_out, median, offscreen_env, ratio_result, timing_line, write_json,
)

TARGET = 1.8
EMPTY_DB = DATA / "empty.sqlite3"
DEMO_DB = DATA / "demo.sqlite3"


def _env() -> dict[str, str]:
    env = offscreen_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a normal start reads the compiled .pyc files
    return env


def _run(cmd: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out}\n{err}")
    return elapsed, out


def _shown(out: str) -> float | None:
    for line in out.splitlines():
        if line.startswith("shown "):
            return float(line.split()[1])
    return None


# The breakdown runs in a fresh interpreter so that imports are measured cold (as at start-up).
# The start-up path itself is then run as main.py runs it, with the functions it goes through
# wrapped by timers (in that child process only): "incl" is the time inside a function, "excl"
# the part not spent in another wrapped function.
_BREAKDOWN = r"""
import json, sys, time
T = []  # [label, ms, ms not inside another timed function (or None)]
def mark(name, t0):
    T.append([name, (time.perf_counter() - t0) * 1000, None])
    return time.perf_counter()
sys.path.insert(0, ROOT)
from pathlib import Path
t = time.perf_counter()
from models.common.lazy_imports import defer_imports
defer_imports()
t = mark("models.common.lazy_imports.defer_imports (as main.py does first; sqlite-utils waits for its first use)", t)
import main
t = mark("import main (the entry point: the command line is not imported for the window)", t)
assert main.window_options(["--db", DB, "--quit-after-show"]) is not None  # the window's own path
from models.store.backup import database_problem_in_background
checked = database_problem_in_background(Path(DB), read_ahead=main.first_screen_reads())  # as main.py starts the window
import PySide6.QtWidgets
t = mark("import PySide6.QtWidgets (the quick check runs meanwhile in a thread)", t)
import ui.app
from ui.main_window import MainWindow
t = mark("import ui.app + ui.main_window (the app's own modules)", t)

sqlite_utils_at_start = "sqlite_utils" in sys.modules
import ui.main_window, ui.people.staff_page, ui.people.units_page, ui.kit.table_model
t = mark("import the timed screens' modules (units, staff: the staff page, not on the start-up path, "
         "imports sqlite-utils)", t)
assert not sqlite_utils_at_start, "sqlite-utils was imported on the start-up path"
STATS, STACK = {}, []  # STATS: call path -> (calls, incl, excl); STACK: [path, inner time]
def timed(owner, name, label=None, per_class=False):
    fn = getattr(owner, name)
    def wrapper(*args, **kwargs):
        key = label or name
        if per_class:
            key = f"{type(args[0]).__name__}.{name}"
        path = (STACK[-1][0] if STACK else ()) + (key,)
        STATS.setdefault(path, (0, 0.0, 0.0))
        STACK.append([path, 0.0])
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent = time.perf_counter() - t0
            inner = STACK.pop()[1]
            if STACK:
                STACK[-1][1] += spent
            calls, incl, excl = STATS[path]
            STATS[path] = (calls + 1, incl + spent, excl + spent - inner)
    setattr(owner, name, wrapper)
timed(ui.main_window.MainWindow, "__init__", "MainWindow.__init__")
timed(ui.main_window.MainWindow, "_build_menus", "MainWindow._build_menus")
timed(ui.people.units_page.UnitsPage, "__init__", "UnitsPage.__init__")
timed(ui.people.units_page, "list_units", "models.people.units.list_units (units page: read ahead, checked current)")
timed(ui.people.staff_page.StaffPage, "__init__", "StaffPage.__init__")
timed(ui.people.staff_page, "list_staff", "models.people.staff.list_staff")
timed(ui.people.staff_page, "list_units", "models.people.units.list_units (staff page unit filter)")
for method in ("refresh_units", "apply_filters", "selection_changed", "_build_history_panel"):
    timed(ui.people.staff_page.StaffPage, method, f"StaffPage.{method}")
for method in ("set_records", "_keys", "_filtered", "sort"):
    timed(ui.kit.table_model.RecordTableModel, method, per_class=True)

from PySide6.QtWidgets import QApplication
app = ui.app.create_application()
t = mark("create_application (QApplication + load 6 Be Vietnam Pro fonts)", t)
assert checked() is None  # a whole file: ui.store.safety is not imported (as in ui.app.run_gui)
t = mark("await the quick check (skipped: the file is as the last close left it) and the read-ahead", t)
from models.store.db import connect
from models.store import read_ahead
db = connect(Path(DB))
ahead = checked.read_ahead()
assert ahead is not None, "the units were not read ahead"
read_ahead.give(db, ahead)
t = mark("models.store.db.connect (pragmas, migrations check; the history triggers wait for the first write)", t)
window = MainWindow(db, Path(DB))
t = mark("MainWindow(db, path)", t)
assert ahead._conn is None, "the units page did not take the units read ahead"
window.show()
QApplication.processEvents()
t = mark("window.show() + processEvents (first layout/paint)", t)
HINTS = {
    "StaffTableModel.set_records": "excl: fold(search_text) x 20,000 haystacks, then the sort",
    "StaffTableModel._keys": "name_sort_key x 20,000: the default sort by name",
    "models.people.staff.list_staff": "SQL + 20,000 Staff dataclasses",
    "StaffTableModel._filtered": "the filter-bar predicate lambda per row",
}
for path, (calls, incl, excl) in STATS.items():  # in order of first call: a call tree
    hint = HINTS.get(path[-1], "") if incl > 0.005 else ""
    label = f"  {'  ' * (len(path) - 1)}{path[-1]} [{calls}x]" + (f"  <- {hint}" if hint else "")
    T.append([label, incl * 1000, excl * 1000])
from models.people.staff import _CURRENT_SQL
t = time.perf_counter()
db.conn.execute(_CURRENT_SQL + " ORDER BY s.code").fetchall()
mark("(list_staff's SQL alone, execute + fetchall, run again afterwards)", t)
print("BREAKDOWN " + json.dumps(T))
window.close()
"""


def breakdown(db: Path, repeat: int = 3) -> list[tuple[str, float, float | None]]:
    """Median over ``repeat`` cold child processes of each figure."""
    code = f"ROOT = {str(ROOT)!r}\nDB = {str(db)!r}\n" + _BREAKDOWN
    samples = []
    for _ in range(repeat):
        _, out = _run([PYTHON, "-c", code])
        line = next(l for l in out.splitlines() if l.startswith("BREAKDOWN "))
        samples.append(json.loads(line[len("BREAKDOWN "):]))
    rows = []
    for i, (label, _, excl) in enumerate(samples[0]):
        if any(s[i][0] != label for s in samples):
            raise SystemExit("breakdown runs took different paths")
        rows.append((label, median([s[i][1] for s in samples]),
                     None if excl is None else median([s[i][2] for s in samples])))
    return rows


def interpreter_start() -> float:
    return median([_run([PYTHON, "-c", "pass"])[0] for _ in range(3)])


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 11
    city = ensure_city()
    if not EMPTY_DB.exists():
        from models.store.db import connect

        connect(EMPTY_DB).close()
    app_cmd = [PYTHON, "main.py", "--db", str(city), "--quit-after-show"]
    empty_app_cmd = [PYTHON, "main.py", "--db", str(EMPTY_DB), "--quit-after-show"]
    if not DEMO_DB.exists():
        from models.demo.sample import create_demo_database

        create_demo_database(DEMO_DB)
    demo_cmd = [PYTHON, "main.py", "--db", str(DEMO_DB), "--quit-after-show"]
    base_cmd = [PYTHON, str(BENCH / "empty_window.py")]

    print("== Start-up: process start -> main window shown (offscreen, wall clock Popen -> exit) ==")
    _run(app_cmd), _run(base_cmd)  # warm-up: disk cache, .pyc files, font cache
    app_times, app_shown, base_times, demo_times = [], [], [], []
    for _ in range(runs):
        t, out = _run(app_cmd)
        app_times.append(t)
        app_shown.append(_shown(out))
        base_times.append(_run(base_cmd)[0])
        demo_times.append(_run(demo_cmd)[0])
    empty_times = [_run(empty_app_cmd)[0] for _ in range(3)]
    changed_times = []
    for _ in range(max(3, runs // 2)):
        os.utime(city)  # "changed since the last close": the quick check runs before opening
        changed_times.append(_run(app_cmd)[0])
    print(timing_line("app, 20,000 staff   ", app_times))
    print(f"   (app's own 'shown' figure, from ui.app import: median {median(app_shown) * 1000:.0f} ms)")
    print(timing_line("baseline empty QMainWindow", base_times))
    print(timing_line("app, the demo database", demo_times)
          + f"  -> {median(demo_times) / median(base_times):.2f}x baseline (target <= {TARGET:g}x)")
    print(f"context: app, 20,000 staff, file changed since the program's last close (the quick check runs "
          f"before opening): median {median(changed_times) * 1000:.0f} ms "
          f"({median(changed_times) / median(base_times):.2f}x)")
    print(f"context: app on an empty database: median {median(empty_times) * 1000:.0f} ms; "
          f"bare interpreter (python -c pass): {interpreter_start() * 1000:.0f} ms")
    result = ratio_result("startup", median(app_times), median(base_times), TARGET)
    result.update(app_runs_ms=[x * 1000 for x in app_times], baseline_runs_ms=[x * 1000 for x in base_times],
                  empty_db_app_ms=median(empty_times) * 1000, demo_ms=median(demo_times) * 1000,
                  changed_file_ms=median(changed_times) * 1000,
                  demo_ratio=median(demo_times) / median(base_times))
    result["pass"] = ok = result["pass"] and result["demo_ratio"] <= TARGET
    if not ok or "--profile" in argv:
        parts = breakdown(city)
        print("\nBreakdown of the app's start-up (median of 3 cold child processes, ms).\n"
              "Call tree of MainWindow(): first column inside the function, second column the part\n"
              "not inside another timed function.")
        for name, ms, excl in parts:
            if excl is None:
                print(f"  {ms:8.1f}           {name}")
            else:
                print(f"  {ms:8.1f} {excl:8.1f}  {name}")
        result["breakdown_ms"] = [[name, ms, excl] for name, ms, excl in parts]
    write_json(json_out(argv), result)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
