"""The table writer's fast path (reports/fast_cells.py, reports/paged_table.py) prints the very pages
reportlab's general engine prints: the same bytes, so the same text on the same pages, on the demo's
lists, its year's package (the Tờ trình, the minutes, the decisions with their lists), the other long
tables (classification sheets, the initiatives register) and long generated lists (groups, money,
continued headings, markup, words wider than a cell, strings on several lines)."""
import datetime as dt

import pytest
from reportlab.lib.units import mm

from models.common.codes import ListKind
from models.yearend import review, title_lists
from models.yearend.lists import PrintedEntry
from reports import fast_cells
from reports.award_list import render_award_list, render_award_lists
from reports.parts import render
from reports.document import Column, PageLayout, build_document, data_table, document_styles
from reports.paged_table import CellParagraph, reference_layout

from ..models.demo_data import demo  # noqa: F401  (a fixture)
from .pdf_text import pages
from .test_award_list import _commendation

AS_OF = dt.date(2019, 2, 1)
UNITS = ["Phòng Nội vụ", "Ủy ban nhân dân Phường 17, Quận Gò Vấp", "Trung tâm Văn hóa - Thể thao",
         "Hội Liên hiệp Phụ nữ", "Phòng Tài chính - Kế hoạch"]
TEXTS = ["Hoàn thành xuất sắc nhiệm vụ 4/4 quý được xếp loại năm 2018",
         "Lao động tiên tiến",
         "Sáng kiến “Số hóa hồ sơ một cửa & lưu trữ <điện tử>” được công nhận",
         "Mã\u00a0số\u00a0hồ\u00a0sơ HS-2018-000000000000000000000000000000000000000000001 đã\u00a0lưu",
         "Dòng một\nDòng hai"]


def _both(render, *args):
    fast = render(*args)
    with reference_layout():
        reference = render(*args)
    return fast, reference


def _long_list(rows: int, groups: bool, amounts: bool):
    people = tuple(
        PrintedEntry("staff", i, f"Nguyễn Thị Minh {'Khai' * (1 + i % 3)} {i}",
                     f"Chuyên viên, {UNITS[(i * 7) % len(UNITS)]}", TEXTS[i % len(TEXTS)],
                     group=UNITS[(i - 1) * len(UNITS) // rows] if groups else "", amount=420_000 * (i % 4) if amounts else 0)
        for i in range(1, rows + 1))
    return _commendation(individuals=people, total_line=f"Tổng số: 3 tập thể, {rows} cá nhân.")


@pytest.mark.parametrize(("rows", "groups", "amounts"), [(1, False, False), (700, False, False),
                                                         (900, True, False), (900, True, True)])
def test_long_lists_print_the_same_bytes_as_reportlabs_engine(rows, groups, amounts):
    fast, reference = _both(render_award_list, _long_list(rows, groups, amounts))
    assert fast == reference
    text = pages(fast)
    assert len(text) > rows // 40 and f"{rows}" in " ".join(text)


def test_the_demos_lists_print_the_same_bytes_as_reportlabs_engine(demo):  # noqa: F811
    campaigns = [row[0] for row in demo.execute("SELECT id FROM campaign ORDER BY id")]
    assert campaigns
    for campaign in campaigns:
        for kind in ListKind:
            data = review.printable_list(demo, campaign, kind, AS_OF)
            fast, reference = _both(render_award_list, data)
            assert fast == reference, (campaign, kind)
    lists = title_lists.year_printable_lists(demo, 2018, AS_OF)
    assert sum(len(d.entries) for d in lists) > 300
    fast, reference = _both(render_award_lists, lists, "Danh hiệu năm 2018")
    assert fast == reference
    assert len(pages(fast)) > 10


def test_a_plain_table_of_odd_cells_prints_the_same_bytes():
    layout = PageLayout()
    columns = [Column("STT", 12 * mm, "CENTER", wrap=False), Column("Tên", 40 * mm, "CENTER"),
               Column("Nội dung", layout.frame_width - 112 * mm), Column("Số", 30 * mm, "RIGHT", wrap=False),
               Column("Mã", 30 * mm, "LEFT", wrap=False)]
    rows = [[str(i), TEXTS[i % 5].upper() if i % 2 else "", TEXTS[(i + 1) % 5] * (i % 3), f"{i:,}\n{i % 7}" * (i % 2),
             f"HS-{i}" + "\nđã lưu" * (i % 3)] for i in range(300)]

    def render():
        return build_document([data_table(columns, rows, "Không có ai.")], layout)

    fast, reference = _both(render)
    assert fast == reference


def test_plain_cells_skip_the_parser_and_markup_takes_reportlabs_path():
    style = document_styles().cell["LEFT"]
    plain = CellParagraph("Phòng Tài chính - Kế hoạch", style)
    plain.wrap(100, 1000)
    assert "_source" in plain.__dict__ and plain._fast and plain.height == 28
    assert [words for _, words in plain._fast_lines(100)] == [["Phòng", "Tài", "chính", "-"], ["Kế", "hoạch"]]
    for text in ("Phòng<br/>Nội vụ", "Tài chính &amp; Kế hoạch"):
        marked = CellParagraph(text, style)
        marked.wrap(100, 1000)
        assert "_source" not in marked.__dict__ and not marked._fast and len(marked.blPara.lines) == 2
    long_word = CellParagraph("HS-2018-000000000000000000000000000000000001", style)
    assert long_word.wrap(60, 1000)[1] > 14 and not long_word._fast


def test_the_line_breaking_is_reportlabs_for_every_width():
    from reportlab.platypus import Paragraph

    style = document_styles().cell["LEFT"]
    text = "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường, Ủy ban nhân dân Phường 7, Quận Bình Thạnh"
    for width in range(40, 400, 3):
        ours = CellParagraph(text, style)
        theirs = Paragraph(text, style)
        assert ours.wrap(width, 1000) == theirs.wrap(width, 1000), width
        assert ours._fast_lines(width) == theirs.blPara.lines, width
    assert fast_cells.ENABLED


def test_the_lines_kept_stay_small_after_long_texts():
    """The styles live as long as the program: the lines kept for them are capped in characters too,
    so that a list of long achievement texts does not stay in memory once printed."""
    style = document_styles().cell["LEFT"]
    words = "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận cấp cơ sở năm".split()
    texts = [" ".join(words[i % 7:] + words[:i % 7]) * 6 + f" {i}" for i in range(3000)]
    for text in texts:
        CellParagraph(text, style).wrap(300, 1000)
    kept = fast_cells._style_info(style)[6]
    longest = max(map(len, texts))
    assert 0 < kept.chars <= fast_cells.CHARS_KEPT + longest and len(kept) <= fast_cells.LINES_KEPT
    assert sum(len(text) for _width, text in kept) == kept.chars
    assert len(kept) < len(texts) // 2  # dropped on the way, not all 3,000 of them (~1.3 million characters)
    again = CellParagraph(texts[-1], style)  # the last ones are still there
    assert again._fast_lines(300) is kept[(300, texts[-1])]


def test_reportlab_runs_with_its_c_accelerators():
    from reportlab.lib import rl_accel

    assert not rl_accel._py_funcs  # rl-accel installed: fp_str, asciiBase85Encode... in C


def test_the_demos_package_and_other_long_tables_print_the_same_bytes(demo):  # noqa: F811
    from models.yearend.package import year_package
    from reports.classification import render_district_classification, render_unit_classification
    from reports.initiatives import register_pdf
    from reports.package import package_bound

    from .test_classification_report import _district, _unit
    from .test_initiatives_register import _register

    package = year_package(demo, 2018, AS_OF)
    documents = [(render, package_bound(package)), (render_unit_classification, _unit(300)),
                 (render_district_classification, _district(200)), (register_pdf, _register(250))]
    for make, data in documents:
        fast, reference = _both(make, data)
        assert fast == reference, make.__name__
        assert len(pages(fast)) > 4, make.__name__



def test_printing_a_list_imports_no_database_code():
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys\nfrom models.yearend.printable import PrintableList, PrintedEntry\n"
            "from reports.award_list import render_award_list\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlite_utils', 'sqlite3', 'urllib', 'http')"
            " and m != 'urllib' and not m.startswith('urllib.parse')))")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    from models.yearend import lists, printable

    assert lists.PrintableList is printable.PrintableList and lists.PrintedEntry is printable.PrintedEntry
