"""Quarterly classification on the city database (20,000 staff, 400 units):

- the district review of a fully classified quarter (target: under 300 ms);
- importing 10,000 classification rows from xlsx, against reading the same file with
  python-calamine plus one sqlite-utils insert_all of the same rows (target: at most 3x).

    .venv/bin/python bench/bench_classification.py [--json OUT]
"""
from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, ensure_city, insert_classifications, json_out, median, verdict, write_json  # noqa: E402

YEAR, QUARTER = 2018, 3
CLASSIFIED_DB = DATA / "city-classified.sqlite3"
ROWS_XLSX = DATA / "classifications-10000.xlsx"


BIG_UNITS_DB = DATA / "big-units-classified.sqlite3"


def ensure_classified(path: Path = CLASSIFIED_DB, units: int = 400) -> Path:
    """A city database (20,000 staff in ``units`` units) with every person of Q3/2018 classified."""
    if path.exists():
        return path
    if units == 400:
        shutil.copy(ensure_city(), path)
    else:
        from gen_city import generate_city

        generate_city(path, units=units, staff=20_000)
    from models.quarters.classifications import quarter_units
    from models.store.db import connect

    rng = random.Random(3)
    db = connect(path)
    members = quarter_units(db, YEAR, QUARTER)
    with db.atomic():
        insert_classifications(db, rng, YEAR, QUARTER, members, [25, 60, 12, 3])
        db.conn.executemany(
            "INSERT INTO unit_quarter (unit_id, year, quarter, submitted_on) VALUES (?, ?, ?, ?)",
            [(u, YEAR, QUARTER, f"2018-10-0{rng.randint(1, 9)}") for u in sorted(set(members.values()))],
        )
    db.close()
    return path


def ensure_rows_xlsx() -> Path:
    """10,000 rows of Q3/2018 results, in the import's columns."""
    if ROWS_XLSX.exists():
        return ROWS_XLSX
    from models.quarters.classifications import quarter_units
    from models.store.db import connect
    from models.quarters.imports_classifications import COLUMNS
    from models.exchange.xlsx import write_workbook

    rng = random.Random(4)
    db = connect(ensure_city())
    members = sorted(quarter_units(db, YEAR, QUARTER))[:10_000]
    names = dict(db.execute("SELECT id, code || char(9) || full_name FROM staff").fetchall())
    labels = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "hoan thanh nhiem vu",
              "Không hoàn thành nhiệm vụ"]
    rows = []
    for staff_id in members:
        code, name = names[staff_id].split("\t")
        rows.append([code, name, YEAR, QUARTER, rng.choices(labels, [25, 60, 12, 3])[0], "", ""])
    write_workbook(ROWS_XLSX, f"Quý {QUARTER}-{YEAR}", COLUMNS, rows)
    db.close()
    return ROWS_XLSX


def bench_review() -> dict:
    from models.store.db import connect
    from models.quarters.quarter_review import extra_income, quarter_review

    db = connect(ensure_classified())
    quarter_review(db, YEAR, QUARTER)  # warm the page cache
    reviews, incomes = [], []
    for _ in range(5):
        t = time.perf_counter()
        review = quarter_review(db, YEAR, QUARTER)
        reviews.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        extra_income(db, YEAR, QUARTER)
        incomes.append((time.perf_counter() - t) * 1000)
    print(f"district review Q{QUARTER}/{YEAR}, {len(review.units)} units, "
          f"{review.district_classified:,} classified: median {median(reviews):.0f} ms  runs {[round(r) for r in reviews]}")
    print(f"extra income for the quarter (every classified person): median {median(incomes):.0f} ms")
    import datetime as dt

    from models.quarters.classification_report import district_sheet_data
    from reports.classification import district_pdf

    t = time.perf_counter()
    pdf = district_pdf(district_sheet_data(db, YEAR, QUARTER, dt.date(2019, 1, 10)))
    pdf_ms = (time.perf_counter() - t) * 1000
    print(f"district classification PDF ({len(review.units)} units, {len(pdf) // 1024} KB): {pdf_ms:.0f} ms")
    db.close()
    return {"review_ms": median(reviews), "income_ms": median(incomes), "pdf_ms": pdf_ms}


def bench_import() -> dict:
    import python_calamine
    import sqlite_utils

    from models.store.db import connect
    from models.quarters.imports_classifications import import_classifications

    xlsx = ensure_rows_xlsx()
    apps, bases = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(3):
            target = Path(tmp) / f"app{i}.sqlite3"
            shutil.copy(ensure_city(), target)
            db = connect(target)
            t = time.perf_counter()
            result = import_classifications(db, xlsx)
            apps.append((time.perf_counter() - t) * 1000)
            db.close()
            base_db = sqlite_utils.Database(Path(tmp) / f"base{i}.sqlite3")  # the same as bench_import.py
            t = time.perf_counter()
            grid = python_calamine.CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
            header = grid[0]
            base_db["t"].insert_all([dict(zip(header, r)) for r in grid[1:]])
            bases.append((time.perf_counter() - t) * 1000)
            base_db.close()
    ratio = median(apps) / median(bases)
    print(f"import 10,000 classification rows: median {median(apps):.0f} ms  runs {[round(a) for a in apps]}"
          f"  -> {result.summary()}")
    print(f"baseline calamine + insert_all   : median {median(bases):.0f} ms  runs {[round(b) for b in bases]}")
    print(f"RATIO app/baseline = {ratio:.2f}x   target <= 3x   {verdict(ratio <= 3)}")
    return {"import_ms": median(apps), "baseline_ms": median(bases), "ratio": ratio}


def bench_entry_switch() -> dict:
    """Switching unit or quarter in the entry screen, on the biggest units (median of 10 switches)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from models.store.db import connect
    from ui.app import create_application
    from ui.quarters.classification_page import ClassificationPage

    app = create_application()
    path = ensure_classified(BIG_UNITS_DB, units=40)  # about 500 people a unit
    db = connect(path)
    biggest = db.execute(
        "SELECT unit_id, count(*) FROM classification WHERE year = ? AND quarter = ? GROUP BY unit_id "
        "ORDER BY count(*) DESC LIMIT 2", [YEAR, QUARTER]).fetchall()
    page = ClassificationPage(db, path)
    page.resize(1280, 760)
    page.show()
    QApplication.processEvents()
    times = []
    for i in range(10):
        unit_id = biggest[i % 2][0]
        quarter = QUARTER if i % 3 else QUARTER - 1
        t = time.perf_counter()
        page.show_unit(unit_id, YEAR, quarter)
        QApplication.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    print(f"entry screen: switching unit or quarter ({biggest[0][1]} and {biggest[1][1]} people): "
          f"median {median(times):.1f} ms  max {max(times):.1f} ms")
    db.close()
    del app
    return {"switch_ms": median(times), "switch_max_ms": max(times), "unit_size": biggest[0][1]}


def main(argv: list[str]) -> int:
    print("== Quarterly classification on 20,000 staff ==")
    entry = bench_entry_switch()
    print(f"TARGET switch < 50 ms: {verdict(entry['switch_max_ms'] < 50)}")
    review = bench_review()
    print(f"TARGET district review < 300 ms: {verdict(review['review_ms'] < 300)}")
    imported = bench_import()
    ok = review["review_ms"] < 300 and imported["ratio"] <= 3 and entry["switch_max_ms"] < 50
    write_json(json_out(argv), {"name": "classification", **entry, **review, **imported,
                                "target": "review < 300 ms, import <= 3x", "pass": ok})
    return 0 if ok else 1


if __name__ == "__main__":
    status = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(status)
