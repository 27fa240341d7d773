"""The year-end review on the city database (20,000 staff, 400 units):

- computing both lists, commendation and criticism (``campaign_review`` + ``draft_list`` for each
  kind), target under 1 s;
- a 5,000-row list PDF through ``render_award_list`` against a bare reportlab table of the same
  rows, built in the same run (target: at most 2x). The bare table is a SimpleDocTemplate with
  one Table (``repeatRows=1``) of the same cells: the same TTF fonts, Paragraphs in the same
  styles for the wrapped columns (as any table of long Vietnamese text needs), the same widths
  and grid. What it lacks is the document around it: header, title, page numbers, signature.
  For information it also times the same Table with plain-string cells (nothing wraps).

    .venv/bin/python bench/bench_review.py [--json OUT]

Uses a copy of the campaign database of bench_campaign.py (one campaign, all 400 units taking
part, initiatives registered, reported and assessed) with, added here, a head-of-unit evaluation
for every unit and the four quarters of 2018 classified for everyone.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, LEVELS, ensure_copy, insert_classifications, json_out, median, verdict, write_json  # noqa: E402,E501
from bench_campaign import ensure_campaign_db  # noqa: E402

YEAR = 2018
AS_OF = dt.date(2019, 2, 1)
REVIEW_DB = DATA / "review-400.sqlite3"
PDF_ROWS = 5_000


def _fill_review(db) -> None:
    """The heads' evaluations and four quarters of classifications of the campaign's year."""
    from models.quarters.classifications import quarter_units

    rng = random.Random(2018)
    units = [r[0] for r in db.execute("SELECT unit_id FROM campaign_unit WHERE campaign_id = 1 ORDER BY unit_id")]
    db.conn.executemany(
        "INSERT INTO head_evaluation (unit_id, year, head_name, head_title, level) VALUES (?, ?, '', '', ?)",
        [(u, YEAR, rng.choices(LEVELS, [30, 55, 12, 3])[0]) for u in units])
    for quarter in range(1, 5):
        # About 74% rated excellent each quarter, as HCMC reported; 1% not classified.
        insert_classifications(db, rng, YEAR, quarter, quarter_units(db, YEAR, quarter), [74, 20, 5, 1])


def ensure_review_db() -> Path:
    return ensure_copy(REVIEW_DB, ensure_campaign_db, _fill_review)


def bench_lists() -> dict:
    from models.common.codes import ListKind
    from models.store.db import connect
    from models.yearend.review import campaign_review, draft_list, printable_list

    db = connect(ensure_review_db())
    classified = db.execute("SELECT count(DISTINCT staff_id) FROM classification WHERE year = ?", [YEAR]).fetchone()[0]
    draft_list(db, campaign_review(db, 1, AS_OF), ListKind.CRITICISM)  # warm the page cache
    runs, printables = [], []
    for _ in range(5):
        t = time.perf_counter()
        review = campaign_review(db, 1, AS_OF)
        commendation = draft_list(db, review, ListKind.COMMENDATION)
        criticism = draft_list(db, review, ListKind.CRITICISM)
        runs.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        for kind in ListKind:
            printable_list(db, 1, kind, AS_OF)
        printables.append((time.perf_counter() - t) * 1000)
    print(f"review of {len(review.units)} units and {len(review.people):,} people classified in {YEAR} "
          f"({classified:,} in the table): commendation {len(commendation.collectives)} collectives + "
          f"{len(commendation.individuals):,} individuals, criticism {len(criticism.collectives)} collectives")
    print(f"both lists (one review + two drafts): median {median(runs):.0f} ms  runs {[round(r) for r in runs]}")
    print(f"both lists as the command line prints them (printable_list x2, a review each): "
          f"median {median(printables):.0f} ms")
    db.close()
    return {"lists_ms": median(runs), "printable_ms": median(printables), "people": len(review.people)}


def _big_list():
    """A 5,000-row commendation list with real names and positions from the city database: the
    review's draft (header, signature) with the first 5,000 people and their units as the list
    prints them (position, unit). The review proposes only initiatives' authors, which this
    generated campaign does not name: the rows are the city's staff."""
    from dataclasses import replace

    from models.yearend.lists import PrintedEntry
    from models.common.codes import ListKind
    from models.store.db import connect
    from models.yearend.review import campaign_review, draft_list

    db = connect(ensure_review_db())
    review = campaign_review(db, 1, AS_OF)
    data = draft_list(db, review, ListKind.COMMENDATION)
    rows = db.execute(
        "SELECT s.id, s.full_name, s.position, u.name FROM staff s JOIN staff_unit su ON su.staff_id = s.id "
        "JOIN unit u ON u.id = su.unit_id ORDER BY s.id LIMIT ?", [PDF_ROWS]).fetchall()
    db.close()
    people = [PrintedEntry("staff", staff_id, name, f"{position}, {unit}" if position else unit,
                           f"Hoàn thành xuất sắc nhiệm vụ 4/4 quý được xếp loại năm {YEAR}")
              for staff_id, name, position, unit in rows]
    assert len(people) == PDF_ROWS, len(people)
    return replace(data, collectives=(), individuals=tuple(people),
                   total_line=f"Tổng số: 0 tập thể, {PDF_ROWS:,} cá nhân.".replace(",", "."))


def _bare_table(data) -> bytes:
    """The same rows in one plain reportlab Table on SimpleDocTemplate, header row repeated."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from reports.award_list import _columns
    from reports.document import PageLayout, document_styles
    from reports.wording import markup

    layout = PageLayout()
    st = document_styles()
    columns = _columns(layout, True, data.text_heading, False)
    rows = [[Paragraph(markup(c.heading), st.table_header) for c in columns]]
    for number, e in enumerate(data.individuals, start=1):
        rows.append([str(number)] + [Paragraph(markup(v), st.cell["LEFT"]) for v in (e.name, e.position_unit, e.text)])
    table = Table(rows, colWidths=[c.width for c in columns], repeatRows=1, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular), ("FONTSIZE", (0, 0), (-1, -1), 12),
        ("ALIGN", (0, 1), (0, -1), "CENTER")]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=layout.size, topMargin=layout.top, bottomMargin=layout.bottom,
                      leftMargin=layout.left, rightMargin=layout.right, invariant=1).build([table])
    return buffer.getvalue()


def _plain_table(data) -> bytes:
    """For information: the same table with plain strings, so no cell wraps (long text runs over
    the cell borders; not a usable document, only the floor of reportlab's cost)."""
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from reports.award_list import _columns
    from reports.document import PageLayout, document_styles

    layout = PageLayout()
    st = document_styles()
    columns = _columns(layout, True, data.text_heading, False)
    rows = [[c.heading for c in columns]] + [[str(i), e.name, e.position_unit, e.text]
                                              for i, e in enumerate(data.individuals, start=1)]
    table = Table(rows, colWidths=[c.width for c in columns], repeatRows=1, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), 12)]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=layout.size, topMargin=layout.top, bottomMargin=layout.bottom,
                      leftMargin=layout.left, rightMargin=layout.right, invariant=1).build([table])
    return buffer.getvalue()


def bench_pdf() -> dict:
    from reports.award_list import render_award_list

    data = _big_list()
    render_award_list(data)  # fonts registered, caches warm, for both
    apps, bases, plains = [], [], []
    for _ in range(3):
        t = time.perf_counter()
        pdf = render_award_list(data)
        apps.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        bare = _bare_table(data)
        bases.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        _plain_table(data)
        plains.append((time.perf_counter() - t) * 1000)
    ratio = median(apps) / median(bases)
    print(f"{PDF_ROWS:,}-row list PDF, render_award_list: median {median(apps):.0f} ms  runs {[round(a) for a in apps]}"
          f"  ({len(pdf) // 1024} KB)")
    print(f"bare reportlab Table, repeatRows=1 : median {median(bases):.0f} ms  runs {[round(b) for b in bases]}"
          f"  ({len(bare) // 1024} KB)")
    print(f"(info) the same Table with unwrapped plain-string cells: median {median(plains):.0f} ms"
          f"  -> app/plain {median(apps) / median(plains):.2f}x")
    print(f"RATIO app/bare = {ratio:.2f}x   target <= 2x   {verdict(ratio <= 2)}")
    return {"pdf_ms": median(apps), "baseline_ms": median(bases), "plain_ms": median(plains), "ratio": ratio}


def main(argv: list[str]) -> int:
    print("== Year-end review on 20,000 staff, 400 units ==")
    lists = bench_lists()
    print(f"TARGET both lists < 1 s: {verdict(lists['lists_ms'] < 1000)}")
    pdf = bench_pdf()
    ok = lists["lists_ms"] < 1000 and pdf["ratio"] <= 2
    write_json(json_out(argv), {"name": "review", **lists, **pdf, "target": "lists < 1 s, PDF <= 2x", "pass": ok})
    return 0 if ok else 1


if __name__ == "__main__":
    status = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(status)
