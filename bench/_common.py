"""Helpers shared by the benchmark scripts (not a test module; pytest never collects bench/)."""
from __future__ import annotations

import json
import os
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
