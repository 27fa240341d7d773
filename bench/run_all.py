"""Run the benchmarks, each in its own process, then print a summary table: each figure with its
reference and their ratio measured in the same run, and the printed lists' scaling line (1,000 /
5,000 / 20,000 rows).

    .venv/bin/python bench/run_all.py [--clean]

``--clean`` deletes bench/data first, so the city databases and the workbooks are generated again
(bench/gen_city.py: 20,000 and 100,000 staff). Exit status 0 when every benchmark meets its target,
1 otherwise. The machine's load moves every timing: read the ratios, each taken side by side.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, DATA, PYTHON, ROOT, ensure_city, offscreen_env, verdict  # noqa: E402

BENCHMARKS = ["bench_startup.py --runs 11", "bench_search.py", "bench_import.py", "bench_import.py --staff 100000",
              "bench_campaign.py", "bench_classification.py", "bench_review.py", "bench_titles.py", "bench_lists.py",
              "bench_screens.py", "bench_awards.py"]


def _row(r: dict) -> tuple[str, str, str, str, str, str]:
    if r["name"] == "startup":
        return ("start-up, 20,000 staff (demo)", f"{r['app_ms']:.0f} ms ({r.get('demo_ms', 0):.0f} ms)",
                f"{r['baseline_ms']:.0f} ms (empty QMainWindow)",
                f"{r['ratio']:.2f}x ({r.get('demo_ratio', 0):.2f}x)", r["target"], verdict(r["pass"]))
    if r["name"] == "search":
        return ("search keystroke, 20,000", f"median {r['app_median_ms']:.1f} / max {r['app_max_ms']:.1f} ms",
                f"{r['baseline_median_ms']:.2f} ms (20,000 x `in`)", f"{r['ratio']:.1f}x (info)",
                r["target"], verdict(r["pass"]))
    if r["name"] == "import":
        return (f"import {r.get('staff', 10_000):,} staff xlsx", f"{r['app_ms']:.0f} ms (re-import {r['reimport_ms']:.0f} ms)",
                f"{r['baseline_ms']:.0f} ms (calamine + insert_all)", f"{r['ratio']:.2f}x", r["target"],
                verdict(r["pass"]))
    if r["name"] == "campaign":
        return ("campaign of 400 units", f"screen max {max(r['open_max_ms'], r['refilter_max_ms'], r['recompute_max_ms']):.0f} ms, "
                f"PDF {r['pdf_ms']:.0f} ms", "-", "-", r["target"], verdict(r["pass"]))
    if r["name"] == "classification":
        return ("classification, 20,000", f"switch {r['switch_max_ms']:.0f} ms, review {r['review_ms']:.0f} ms, "
                f"import {r['import_ms']:.0f} ms",
                f"{r['baseline_ms']:.0f} ms (calamine + insert_all)", f"{r['ratio']:.2f}x", r["target"],
                verdict(r["pass"]))
    if r["name"] == "review":
        return ("year-end lists, 20,000", f"both lists {r['lists_ms']:.0f} ms, 5,000-row PDF {r['pdf_ms']:.0f} ms",
                f"{r['baseline_ms']:.0f} ms (bare reportlab Table)", f"{r['ratio']:.2f}x", r["target"],
                verdict(r["pass"]))
    if r["name"] == "lists":
        t1, t5, t20 = r["scaling_s"]
        reference = f"{r['baseline_ms']:.0f} ms (LibreOffice xlsx -> PDF)" if r["baseline_ms"] else "LibreOffice: not installed"
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "-"
        return ("list PDF 5,000 rows (process)", f"{r['app_ms']:.0f} ms; 20,000: {t20 / t5:.2f}x, {r['peak_mb']:.0f} MB",
                reference, ratio, r["target"], verdict(r["pass"]))
    if r["name"] == "screens":
        worst = {staff: max(v["answer_s"] for k, v in r.items() if isinstance(v, dict) and k.endswith(str(staff)))
                 for staff in (20_000, 100_000) if any(k.endswith(str(staff)) for k in r)}
        shown = ", ".join(f"{staff:,}: {s * 1000:.0f} ms" for staff, s in worst.items())
        return ("year-end screens, longest GUI hold", shown, "-", "-", r["target"], verdict(r["pass"]))
    if r["name"] == "titles":
        return ("title proposals, 20,000", f"{r['proposals_ms']:.0f} ms (LĐTT list {r['list_ms']:.0f} ms)", "-", "-",
                r["target"], verdict(r["pass"]))
    if r["name"] == "awards":
        return (f"award register, {r['awards']:,}", f"keystroke median {r['search_median_ms']:.1f} / max "
                f"{r['search_max_ms']:.1f} ms; statistics {r['stats_year_ms']:.0f} ms (20 years "
                f"{r['stats_span_ms']:.0f} ms)", "-", "-", r["target"], verdict(r["pass"]))
    raise ValueError(r["name"])


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    if "--clean" in argv and DATA.exists():
        shutil.rmtree(DATA)
        print(f"[clean] removed {DATA}")
    ensure_city()
    results, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for number, line in enumerate(BENCHMARKS):
            script, *args = line.split()
            out = Path(tmp) / f"{number}-{script}.json"
            print(f"\n$ {Path(PYTHON).name} bench/{line}", flush=True)
            proc = subprocess.run([PYTHON, str(BENCH / script), *args, "--json", str(out)], cwd=ROOT,
                                  env=offscreen_env())
            if out.exists():
                results.append(json.loads(out.read_text(encoding="utf-8")))
            else:
                failures.append(f"{line} exited {proc.returncode} without results")
    rows = [("benchmark", "app", "baseline", "ratio", "target", "result")] + [_row(r) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    line = "-+-".join("-" * w for w in widths)
    print(f"\n== Summary (total {time.perf_counter() - started:.0f} s) ==")
    for i, row in enumerate(rows):
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)))
        if i == 0:
            print(line)
    for r in results:
        if r["name"] == "lists":
            t1, t5, t20 = r["scaling_s"]
            print(f"SCALING list PDF, whole process, 1,000 / 5,000 / 20,000 rows: {t1:.2f} / {t5:.2f} / {t20:.2f} s "
                  f"(per 1,000 rows: {t1:.2f} / {t5 / 5:.2f} / {t20 / 20:.2f} s)")
    for failure in failures:
        print(f"ERROR: {failure}")
    ok = not failures and all(r["pass"] for r in results)
    print(f"overall: {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
