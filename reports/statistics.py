"""The statistics report ("report statistics"): the same charts as the window, then the tables behind
them (awards by unit and kind, by kind, by year, criticism by reason, quarters against the caps); and the
numbers alone as an xlsx workbook (one sheet per table)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from models.analysis.statistics import BONUS_COLUMN, Statistics, sheet_name, tables
from models.common.text import money
from models.store.settings import CouncilNames

from reports.charts import chart_drawing
from reports.council import council_parts
from reports.document import Column, PageLayout, build_document, data_table, document_styles, header_block, \
    paragraph, title_block

LAYOUT = PageLayout(landscape=True, left=25 * mm)


def statistics_title(stats: Statistics) -> str:
    years = f"năm {stats.year}" if stats.from_year == stats.year else f"các năm {stats.from_year}-{stats.year}"
    return f"THỐNG KÊ THI ĐUA, KHEN THƯỞNG {years.upper()}"


def _cell(value) -> str:
    return money(value) if isinstance(value, int) and abs(value) >= 10_000 else str(value)


MONEY_SHARE = 0.12  # of the frame: "342.120.000" on one line


def _shares(heading: str, columns: list[str]) -> list[float]:
    """Each column's share of the frame: the names 30% (a year 10%), a bonus column room for a
    hundreds-of-millions amount, the counts the rest."""
    if heading.startswith("Xếp loại quý"):
        return [0.07, 0.1, *[0.1] * 4, 0.43]
    first = 0.1 if columns[0] == "Năm" else 0.3
    money_columns = columns[1:].count(BONUS_COLUMN)
    count = (1 - first - MONEY_SHARE * money_columns) / (len(columns) - 1 - money_columns)
    return [first, *[MONEY_SHARE if c == BONUS_COLUMN else count for c in columns[1:]]]


def render_statistics(stats: Statistics, council: CouncilNames, today: dt.date) -> bytes:
    st = document_styles()
    width = LAYOUT.frame_width
    story = [header_block(council_parts(council, date=today).header, LAYOUT),
             *title_block(statistics_title(stats), LAYOUT,
                          note=f"Tổng số {stats.total} lượt khen thưởng năm {stats.year}; tổng tiền thưởng "
                               f"{money(stats.bonus)} đồng.")]
    charts = stats.charts()
    for i in range(0, len(charts), 2):  # two charts side by side
        pair = charts[i:i + 2]
        row = [chart_drawing(c, width / 2 - 6) for c in pair] + [""] * (2 - len(pair))
        story.append(Table([row], colWidths=[width / 2] * 2, style=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(Spacer(1, 4 * mm))
    for heading, columns, rows in tables(stats):
        widths = [width * share for share in _shares(heading, columns)]
        cols = [Column(h, w, "LEFT" if i == 0 or i == len(columns) - 1 and heading.startswith("Xếp loại")
                       else "RIGHT") for i, (h, w) in enumerate(zip(columns, widths))]
        story.append(paragraph(heading, st.subtitle.clone("statistics-heading", keepWithNext=1, spaceAfter=2 * mm)))
        story.append(data_table(cols, [[_cell(v) for v in r] for r in rows], empty_text="Không có số liệu."))
        story.append(Spacer(1, 5 * mm))
    return build_document(story, LAYOUT, title=statistics_title(stats))


def write_statistics_xlsx(stats: Statistics, path: str | Path) -> int:
    """The tables as sheets of one workbook (numbers as numbers); returns the rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    count = 0
    for heading, columns, rows in tables(stats):
        sheet = workbook.create_sheet(sheet_name(heading))
        sheet.append([heading])
        sheet["A1"].font = Font(bold=True)
        sheet.append(columns)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for r in rows:
            sheet.append([str(v) if isinstance(v, str) else v for v in r])
            count += 1
        sheet.column_dimensions["A"].width = 40
    workbook.save(str(path))
    return count
