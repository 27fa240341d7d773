"""Printed lists against LibreOffice, whole processes measured side by side in one run.

    .venv/bin/python bench/bench_lists.py [--runs 3] [--json OUT]

The rows: the first N people of the city database (bench/gen_city.py, 20,000 staff) with their
position and unit, "Lao động tiên tiến" as the achievement, grouped by unit (a heading row per unit,
as the title lists print). Written once per N into bench/data: ``list-N.json`` (what our process
reads) and ``list-N.xlsx`` (the same rows, wrapped cells, header row repeated, for LibreOffice).

- App: ``python bench/render_list.py list-N.json out.pdf`` (start Python, read the rows, render the
  list with ``reports.award_list.render_award_list``, write the PDF).
- Reference: ``soffice --headless --convert-to pdf list-N.xlsx`` (skipped, with a message, when
  LibreOffice is not installed).

Each run starts both processes one after the other (alternating), wall clock from start to exit;
medians of ``--runs``. Peak memory: ``ru_maxrss`` of our child process (os.wait4).
Targets: 5,000 rows in at most 0.5x LibreOffice; 20,000 rows in at most 4.2x the 5,000-row time;
peak memory under 150 MB at 20,000 rows. Also printed: the scaling line, 1,000 / 5,000 / 20,000.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, DATA, PYTHON, ROOT, ensure_city, json_out, median, verdict, write_json  # noqa: E402

SIZES = (1_000, 5_000, 20_000)
TEXT = "Lao động tiên tiến"


def _rows(n: int) -> list[dict]:
    from models.store.db import connect

    db = connect(ensure_city())
    try:
        rows = db.execute(
            "SELECT s.id, s.full_name, s.position, u.name FROM staff s "
            "JOIN staff_unit m ON m.staff_id = s.id AND m.start_date = "
            "(SELECT max(start_date) FROM staff_unit WHERE staff_id = s.id) "
            "JOIN unit u ON u.id = m.unit_id ORDER BY u.id, s.id LIMIT ?", [n]).fetchall()
    finally:
        db.close()
    return [{"id": i, "name": name, "position_unit": f"{position}, {unit}", "group": unit}
            for i, name, position, unit in rows]


def ensure_list(n: int) -> tuple[Path, Path]:
    """``list-N.json`` and ``list-N.xlsx`` in bench/data, written on first use."""
    json_path, xlsx_path = DATA / f"list-{n}.json", DATA / f"list-{n}.xlsx"
    if json_path.exists() and xlsx_path.exists():
        return json_path, xlsx_path
    rows = _rows(n)
    assert len(rows) == n, len(rows)
    json_path.write_text(json.dumps({"text": TEXT, "rows": rows}, ensure_ascii=False), encoding="utf-8")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Chức vụ, đơn vị", "Danh hiệu"])
    group = None
    for number, row in enumerate(rows, start=1):
        if row["group"] != group:
            group = row["group"]
            ws.append(["", group])
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=4)
        ws.append([number, row["name"], row["position_unit"], TEXT])
    for column, width in zip("ABCD", (6, 23, 25, 28)):
        ws.column_dimensions[column].width = width
    thin = Side(style="thin")
    cell_style = dict(alignment=Alignment(wrap_text=True, vertical="center"), font=Font(name="Liberation Serif", size=12),
                      border=Border(left=thin, right=thin, top=thin, bottom=thin))
    for line in ws.iter_rows():
        for cell in line:
            for name, value in cell_style.items():
                setattr(cell, name, value)
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.save(xlsx_path)
    return json_path, xlsx_path


def _timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock seconds from start to exit and the peak resident memory in MB of ``cmd``."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.read().decode(errors='replace')}")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    office = soffice()
    print("== Printed lists: our whole process against LibreOffice's (xlsx -> PDF), same rows ==")
    print("(timings are wall clock on a shared machine: compare the ratios, taken in the same run)")
    app: dict[int, list[float]] = {n: [] for n in SIZES}
    peak: dict[int, float] = {}
    office_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {n: ensure_list(n) for n in SIZES}
        profile = Path(tmp) / "lo-profile"
        if office:  # LibreOffice's first start sets up its profile: not timed
            _timed([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", tmp, str(inputs[1_000][1])], ROOT)
        for _ in range(runs):
            for n in SIZES:
                seconds, mb = _timed([PYTHON, str(BENCH / "render_list.py"), str(inputs[n][0]),
                                      str(Path(tmp) / f"app-{n}.pdf")], ROOT)
                app[n].append(seconds)
                peak[n] = max(peak.get(n, 0.0), mb)
            if office:
                seconds, _mb = _timed([office, f"-env:UserInstallation=file://{profile}", "--headless",
                                       "--convert-to", "pdf", "--outdir", tmp, str(inputs[5_000][1])], ROOT)
                office_times.append(seconds)
        pages = _pages(Path(tmp) / "app-5000.pdf")
    for n in SIZES:
        print(f"app {n:>6,} rows: median {median(app[n]):6.2f} s  runs {[round(x, 2) for x in app[n]]}  "
              f"peak {peak[n]:.0f} MB")
    t1, t5, t20 = (median(app[n]) for n in SIZES)
    print(f"SCALING 1,000 / 5,000 / 20,000 rows: {t1:.2f} / {t5:.2f} / {t20:.2f} s   "
          f"per 1,000 rows: {t1:.2f} / {t5 / 5:.2f} / {t20 / 20:.2f} s   (5,000-row list: {pages} pages)")
    linear = t20 / t5
    memory_ok = peak[20_000] < 150
    print(f"RATIO 20,000 / 5,000 rows = {linear:.2f}x   target <= 4.2x   {verdict(linear <= 4.2)}")
    print(f"PEAK memory at 20,000 rows = {peak[20_000]:.0f} MB   target < 150 MB   {verdict(memory_ok)}")
    result = {"name": "lists", "app_ms": t5 * 1000, "scaling_s": [t1, t5, t20], "linear_ratio": linear,
              "peak_mb": peak[20_000], "pages_5000": pages}
    ok = linear <= 4.2 and memory_ok
    if office:
        lo = median(office_times)
        ratio = t5 / lo
        print(f"LibreOffice 5,000 rows: median {lo:6.2f} s  runs {[round(x, 2) for x in office_times]}")
        print(f"RATIO app/LibreOffice at 5,000 rows = {ratio:.2f}x   target <= 0.5x   {verdict(ratio <= 0.5)}")
        result.update(baseline_ms=lo * 1000, ratio=ratio)
        ok = ok and ratio <= 0.5
    else:
        print("SKIPPED the LibreOffice comparison: soffice is not installed "
              "(apt-get install -y --no-install-recommends libreoffice-calc-nogui)")
        result.update(baseline_ms=None, ratio=None)
    result.update(target="5,000 rows <= 0.5x LibreOffice, 20,000 <= 4.2x 5,000, < 150 MB", **{"pass": ok})
    write_json(json_out(argv), result)
    return 0 if ok else 1


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
