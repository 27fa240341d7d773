"""Start-up time: process start to main window shown, with the 20,000-staff city database.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--profile] [--json OUT]

App:      .venv/bin/python main.py --db CITY --quit-after-show   (prints "shown <s>", exits)
Baseline: .venv/bin/python bench/empty_window.py                  (QApplication + empty QMainWindow)
Both run as subprocesses with QT_QPA_PLATFORM=offscreen, timed wall-clock from Popen to exit,
alternately, after one warm-up run each; the median of ``--runs`` runs is compared.
Target: app / baseline <= 3x. When the target is missed (or with --profile) a breakdown of the
start-up is measured in a child process (plain perf_counter, no profiler overhead) and printed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    BENCH, DATA, PYTHON, ROOT, ensure_city, json_out, median, offscreen_env, verdict, write_json,
)

TARGET = 3.0
EMPTY_DB = DATA / "empty.sqlite3"


def _run(cmd: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=offscreen_env(), stdout=subprocess.PIPE,
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
_BREAKDOWN = r"""
import json, sys, time
T = {}
def mark(name, t0):
    T[name] = (time.perf_counter() - t0) * 1000
    return time.perf_counter()
sys.path.insert(0, ROOT)
t = time.perf_counter()
import PySide6.QtWidgets
t = mark("import PySide6.QtWidgets", t)
import sqlite_utils
t = mark("import sqlite_utils", t)
import openpyxl
t = mark("import openpyxl (via ui.list_page -> models.exports/imports -> models.xlsx)", t)
import python_calamine
t = mark("import python_calamine", t)
import ui.app
from ui.main_window import MainWindow
t = mark("import ui.app + ui.main_window (rest of the app's modules)", t)
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = ui.app.create_application()
t = mark("create_application (QApplication + load 6 Be Vietnam Pro fonts)", t)
from models.db import connect
db = connect(Path(DB))
t = mark("models.db.connect (pragmas, migrations check)", t)
t0 = time.perf_counter()
window = MainWindow(db, Path(DB))
T["MainWindow(db) total"] = (time.perf_counter() - t0) * 1000
t = time.perf_counter()
window.show()
QApplication.processEvents()
t = mark("window.show() + processEvents (first layout/paint)", t)

# The parts of MainWindow(db), measured again one by one on the same data.
from models.staff import list_staff
from models.units import list_units
from models.text import fold, name_sort_key, sort_key
from ui.staff_page import StaffTableModel
from models.staff import _CURRENT_SQL
t = time.perf_counter()
people = list_staff(db)
t = mark("  models.staff.list_staff (SQL + 20,000 Staff objects)", t)
db.conn.execute(_CURRENT_SQL + " ORDER BY s.code").fetchall()
T["    (its SQL alone: execute + fetchall)"] = (time.perf_counter() - t) * 1000
t = time.perf_counter()
model = StaffTableModel()
hay = [fold(model.search_text(p)) for p in people]
t = mark("  RecordTableModel.set_records: fold(search_text) x 20,000 (haystacks)", t)
keys = [name_sort_key(p.full_name) for p in people]
t = mark("  RecordTableModel._keys(COL_NAME): name_sort_key x 20,000 (default sort by name)", t)
keys = [sort_key(p.full_name) for p in people]
T["    (one sort_key per name, for reference)"] = (time.perf_counter() - t) * 1000
t = time.perf_counter()
units = list_units(db)
t = mark("  models.units.list_units (400 units, staff_count subquery)", t)
sorted(units, key=lambda u: sort_key(u.name))
t = mark("  StaffPage.refresh_units: sort_key x 400 + combo items", t)
parts = [v for k, v in T.items() if k.startswith("  ") and not k.startswith("    ")]
T["  (rest of MainWindow: widgets, units page, filters, ...)"] = T["MainWindow(db) total"] - sum(parts)
print("BREAKDOWN " + json.dumps(T))
window.close()
"""


def breakdown(db: Path) -> dict[str, float]:
    code = f"ROOT = {str(ROOT)!r}\nDB = {str(db)!r}\n" + _BREAKDOWN
    _, out = _run([PYTHON, "-c", code])
    line = next(l for l in out.splitlines() if l.startswith("BREAKDOWN "))
    return json.loads(line[len("BREAKDOWN "):])


def interpreter_start() -> float:
    return median([_run([PYTHON, "-c", "pass"])[0] for _ in range(3)])


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    city = ensure_city()
    if not EMPTY_DB.exists():
        from models.db import connect

        connect(EMPTY_DB).close()
    app_cmd = [PYTHON, "main.py", "--db", str(city), "--quit-after-show"]
    empty_app_cmd = [PYTHON, "main.py", "--db", str(EMPTY_DB), "--quit-after-show"]
    base_cmd = [PYTHON, str(BENCH / "empty_window.py")]

    print("== Start-up: process start -> main window shown (offscreen, wall clock Popen -> exit) ==")
    _run(app_cmd), _run(base_cmd)  # warm-up: disk cache, .pyc files, font cache
    app_times, app_shown, base_times = [], [], []
    for _ in range(runs):
        t, out = _run(app_cmd)
        app_times.append(t)
        app_shown.append(_shown(out))
        base_times.append(_run(base_cmd)[0])
    empty_times = [_run(empty_app_cmd)[0] for _ in range(3)]
    app, base = median(app_times), median(base_times)
    ratio = app / base
    ok = ratio <= TARGET
    fmt = lambda xs: ", ".join(f"{x * 1000:.0f}" for x in xs)  # noqa: E731
    print(f"app, 20,000 staff   : median {app * 1000:7.0f} ms   runs [{fmt(app_times)}] ms")
    print(f"   (app's own 'shown' figure, from ui.app import: median {median(app_shown) * 1000:.0f} ms)")
    print(f"baseline empty QMainWindow: median {base * 1000:7.0f} ms   runs [{fmt(base_times)}] ms")
    print(f"context: app on an empty database: median {median(empty_times) * 1000:.0f} ms; "
          f"bare interpreter (python -c pass): {interpreter_start() * 1000:.0f} ms")
    print(f"RATIO app/baseline = {ratio:.2f}x   target <= {TARGET:.0f}x   {verdict(ok)}")
    result = {
        "name": "startup", "app_ms": app * 1000, "baseline_ms": base * 1000, "ratio": ratio,
        "target": f"ratio <= {TARGET:.0f}x", "pass": ok,
        "app_runs_ms": [x * 1000 for x in app_times], "baseline_runs_ms": [x * 1000 for x in base_times],
        "empty_db_app_ms": median(empty_times) * 1000,
    }
    if not ok or "--profile" in argv:
        parts = breakdown(city)
        print("\nBreakdown of the app's start-up (one cold child process, ms):")
        for name, ms in parts.items():
            print(f"  {ms:8.1f}  {name}")
        result["breakdown_ms"] = parts
    write_json(json_out(argv), result)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
