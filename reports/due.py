"""The list of people and units due for the next award in a year ("report due"): one group per rule, its
heading with the condition and the rule's source (marked "cần kiểm tra" where the text was not read in
full), each row with the years that make it due. A working list for the council: the header of the council, no signature."""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm

from models.analysis.due import DueEntry
from models.store.settings import CouncilNames

from reports.council import council_parts
from reports.document import PageLayout, build_document, data_table, document_styles, header_block, scaled_columns, \
    title_block
from reports.paged_table import CellParagraph
from reports.wording import markup

LAYOUT = PageLayout(landscape=True, left=25 * mm)
COLUMNS = [("STT", 12, "CENTER", False), ("Họ và tên / Tên tập thể", 70, "LEFT", True),
           ("Đơn vị", 90, "LEFT", True), ("Năm đạt điều kiện", 50, "CENTER", True)]


def due_title(year: int) -> str:
    return f"DANH SÁCH CÁ NHÂN, TẬP THỂ ĐẾN HẠN XÉT KHEN THƯỞNG NĂM {year}"


def proposal_title(year: int) -> str:
    return f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG CÁ NHÂN, TẬP THỂ ĐẾN HẠN NĂM {year}"


def render_due(entries: list[DueEntry], year: int, council: CouncilNames, today: dt.date,
               proposal: bool = False) -> bytes:
    """The due list; ``proposal``: the entries the council picked from it, as its proposal (same table,
    grouped by the award proposed, each with its rule and source)."""
    columns = scaled_columns(COLUMNS, LAYOUT)
    st = document_styles()
    group_style = st.cell["LEFT"].clone("due-group", fontName=st.fonts.bold)
    rows, row_styles, keep, continued = [], {}, set(), {}
    current = None
    for number, e in enumerate(entries, start=1):
        if e.rule.code != current:
            current = e.rule.code
            heading = f"{e.rule.name}: {e.rule.condition_text}. Căn cứ: {e.rule.source_text}"
            row_styles[len(rows)] = [("SPAN", (0, 0), (-1, 0))]
            keep.add(len(rows))
            blank = [""] * (len(columns) - 1)
            continued[len(rows)] = [CellParagraph(markup(f"{heading} (tiếp theo)"), group_style), *blank]
            rows.append([CellParagraph(markup(heading), group_style), *blank])
        rows.append([str(number), e.name, e.unit_name or "Tập thể", ", ".join(str(y) for y in e.years)])
    parts = council_parts(council, date=today)
    story = [header_block(parts.header, LAYOUT),
             *title_block(proposal_title(year) if proposal else due_title(year), LAYOUT,
                          note=("(Hội đồng Thi đua - Khen thưởng chọn từ danh sách đến hạn xét khen thưởng năm "
                                f"{year}; tổng số: {len(entries)})") if proposal else
                               ("Chỉ xét điều kiện số năm liên tục theo sổ khen thưởng và xếp loại năm; các tiêu chuẩn "
                                "khác (sáng kiến, phạm vi ảnh hưởng, tỷ lệ phiếu) do Hội đồng xem xét.")),
             data_table(columns, rows, empty_text=f"Năm {year} không có ai đến hạn theo các quy tắc đang áp dụng.",
                        row_styles=row_styles, keep_with_next=frozenset(keep), continued=continued)]
    return build_document(story, LAYOUT, title=proposal_title(year) if proposal else due_title(year))
