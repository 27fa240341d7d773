"""Helpers shared by the benchmark scripts (not a test module; pytest never collects bench/)."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"  # git-ignored: generated databases and workbooks
PYTHON = sys.executable

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CITY_DB = DATA / "city-20000.sqlite3"


def ensure_city(path: Path = CITY_DB, units: int = 400, staff: int = 20000) -> Path:
    """The city database, generated on first use (a few seconds)."""
    if not path.exists():
        from gen_city import generate_city

        print(f"[setup] generating {path.name} ({units} units, {staff} staff)...", flush=True)
        generate_city(path, units=units, staff=staff)
    return path


def ensure_copy(path: Path, source, fill) -> Path:
    """``path``: a copy of the database file ``source()`` gives, with ``fill(db)`` written into it in
    one transaction; made on first use only."""
    if path.exists():
        return path
    shutil.copy(source(), path)
    from models.store.db import connect

    db = connect(path)
    try:
        with db.atomic():
            fill(db)
    finally:
        db.close()
    return path


LEVELS = ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh")


def insert_classifications(db, rng, year: int, quarter: int, members: dict[int, int], weights) -> None:
    """Every member (staff id -> unit id) classified for the quarter: a level drawn with ``weights``
    over LEVELS, or, for 1% of them, not classified (maternity leave)."""
    db.conn.executemany(
        "INSERT INTO classification (staff_id, unit_id, year, quarter, level, reason, note) "
        "VALUES (?, ?, ?, ?, ?, ?, '')",
        [(s, u, year, quarter, *((rng.choices(LEVELS, weights)[0], None) if rng.random() > 0.01
                                 else (None, "thai_san"))) for s, u in sorted(members.items())],
    )


def runs_ms(seconds) -> str:
    """Timings in seconds as a list of whole milliseconds: "812, 790, 805"."""
    return ", ".join(f"{x * 1000:.0f}" for x in seconds)


def timing_line(label: str, seconds) -> str:
    """``label``, then the median and every run of ``seconds`` in milliseconds."""
    return f"{label}: median {median(seconds) * 1000:7.0f} ms   runs [{runs_ms(seconds)}] ms"


def ratio_result(name: str, app: float, base: float, target: float) -> dict:
    """The figures of a benchmark judged by app / baseline <= ``target``, printed as its RATIO line."""
    ratio = app / base
    ok = ratio <= target
    print(f"RATIO app/baseline = {ratio:.2f}x   target <= {target:g}x   {verdict(ok)}")
    return {"name": name, "app_ms": app * 1000, "baseline_ms": base * 1000, "ratio": ratio,
            "target": f"ratio <= {target:g}x", "pass": ok}


def median(values) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def offscreen_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def json_out(argv: list[str]) -> Path | None:
    """``--json PATH`` on the command line: where run_all.py wants the figures."""
    if "--json" in argv:
        return Path(argv[argv.index("--json") + 1])
    return None


def write_json(path: Path | None, result: dict) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
