"""The year-end screens on city databases: "Tổng kết thi đua" (review_page) and "Danh hiệu cuối năm"
(titles_page) with 20,000 and 100,000 staff.

    .venv/bin/python bench/bench_screens.py [--runs 3] [--sizes 20000,100000] [--json OUT]

For each size, in a child process of its own (offscreen Qt), medians of ``--runs``:

- ``answer``: the longest time the screen holds the GUI thread in each step (what a person waits
  before the window reacts again: the call itself, or showing the lists once a thread delivered
  them): open the screen, change the as-of day (review) or reload (titles), switch to the second tab;
- ``ready``: until the new lists are shown (a big year is computed on a thread meanwhile, with the
  previous lists shown).

Targets: every ``answer`` under 0.3 s at 20,000 staff and under 1.5 s at 100,000.

The databases (made on first use, git-ignored in bench/data): the city (bench/gen_city.py) with one
campaign of every unit (bench_campaign.py), the 2018 classifications and heads' evaluations
(bench_review.py); and the city with the 2024 classifications, discipline and initiatives
(bench_titles.py).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, DATA, PYTHON, ROOT, ensure_city, ensure_copy, json_out, median, offscreen_env, verdict, write_json  # noqa: E402,E501

TARGETS = {20_000: 0.3, 100_000: 1.5}
UNITS = {20_000: 400, 100_000: 2_000}


def city(staff: int) -> Path:
    from gen_city import city_path

    return ensure_city(city_path(staff), UNITS[staff], staff)


def review_db(staff: int) -> Path:
    from bench_campaign import CAMPAIGN_DB, _fill_campaign, ensure_campaign_db
    from bench_review import REVIEW_DB, _fill_review, ensure_review_db

    if staff == 20_000:
        assert CAMPAIGN_DB.name == "campaign-400.sqlite3"
        return ensure_review_db()
    campaign = ensure_copy(DATA / f"campaign-{UNITS[staff]}.sqlite3", lambda: city(staff), _fill_campaign)
    return ensure_copy(DATA / REVIEW_DB.name.replace("400", str(UNITS[staff])), lambda: campaign, _fill_review)


def titles_db(staff: int) -> Path:
    from bench_titles import _fill_titles, ensure_titles_db

    if staff == 20_000:
        return ensure_titles_db()
    return ensure_copy(DATA / f"city-titles-{staff}.sqlite3", lambda: city(staff), _fill_titles)


# The child: one screen measured on one database.
_CHILD = r"""
import datetime as dt, json, sys, time
sys.path.insert(0, ROOT)
from PySide6.QtWidgets import QApplication
from ui.app import create_application
app = create_application()
from models.store.db import connect
from ui.yearend.review_page import ReviewPage
from ui.yearend.titles_page import TitlesPage

def settle(page):
    '''Until the lists are shown (the thread, if any, has delivered them); the longest time the GUI
    thread was held meanwhile (showing the delivered lists, say).'''
    longest = 0.0
    while True:
        busy = page.computing
        t = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - t)
        if not busy:
            return longest
        time.sleep(0.002)

def step(name, action):
    t = time.perf_counter()
    page = action()
    app.processEvents()
    answer = time.perf_counter() - t
    held = settle(page)
    out[f"{name}_ready"] = time.perf_counter() - t
    out[f"{name}_answer"] = max(answer, held)
    return page

def open_screen():
    if SCREEN == "review":
        page = ReviewPage(db, PATH, today=dt.date(2019, 2, 1))
    else:
        page = TitlesPage(db, PATH, today=dt.date(2025, 1, 10))
    page.resize(1280, 760)
    page.show()
    return page

def change():
    if SCREEN == "review":
        page.set_as_of(dt.date(2019, 2, 2))
    else:
        page.load()  # the same year on the same data
    return page

db = connect(PATH)
out = {}
page = step("open", open_screen)
step("change", change)
step("tab", lambda: (page.tabs.setCurrentIndex(1), page)[1])
print(json.dumps(out))
"""


def _child(screen: str, path: Path) -> dict:
    code = _CHILD.replace("ROOT", repr(str(ROOT))).replace("PATH", repr(str(path))).replace("SCREEN", repr(screen))
    proc = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=offscreen_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{screen} on {path.name} failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


STEPS = {"review": ("open", "change", "tab"), "titles": ("open", "change", "tab")}
STEP_NAMES = {("review", "change"): "change as-of day", ("titles", "change"): "reload", ("review", "open"): "open",
              ("titles", "open"): "open", ("review", "tab"): "switch tab", ("titles", "tab"): "switch tab"}


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    sizes = [int(s) for s in argv[argv.index("--sizes") + 1].split(",")] if "--sizes" in argv else [20_000, 100_000]
    print("== Year-end screens on city databases (offscreen; a shared machine: timings are noisy) ==")
    result: dict = {"name": "screens", "pass": True}
    for staff in sizes:
        paths = {"review": review_db(staff), "titles": titles_db(staff)}
        target = TARGETS[staff]
        for screen, path in paths.items():
            samples = [_child(screen, path) for _ in range(runs)]
            for step in STEPS[screen]:
                answer = median([s[f"{step}_answer"] for s in samples])
                ready = median([s[f"{step}_ready"] for s in samples])
                ok = answer < target
                result["pass"] = result["pass"] and ok
                result[f"{screen}_{step}_{staff}"] = {"answer_s": answer, "ready_s": ready}
                print(f"{staff:>7,} staff  {screen:<6} {STEP_NAMES[(screen, step)]:<17} answers in {answer:6.3f} s "
                      f"(target < {target} s: {verdict(ok)}), lists shown after {ready:6.3f} s")
    result["target"] = "answer < 0.3 s at 20,000, < 1.5 s at 100,000"
    write_json(json_out(argv), result)
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
