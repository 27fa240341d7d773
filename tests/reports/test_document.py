"""The shared parts of an official document (Decree 30/2020/NĐ-CP) in reports/document.py."""
import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from reports.document import Column, DocumentHeader, PageLayout, Signature, build_document, data_table, document_styles, header_block, number_line, signature_block, title_block, two_lines
from reports.wording import attachment_reference, place_date_line, vietnamese_date

from .pdf_text import pages as _pages, raw_pages as _raw_pages, runs as _runs

PORTRAIT = PageLayout(landscape=False)


def _text_positions(pdf: bytes, index: int) -> list[tuple[str, float]]:
    """(text, y in points from the bottom of the page) of every text run on page ``index``."""
    return [(text, y) for text, _, y, _ in _runs(pdf, index)]


def _letter(rows: int = 0, header: DocumentHeader | None = None) -> bytes:
    columns = [
        Column("STT", 12 * mm, "CENTER", wrap=False),
        Column("Họ và tên", 55 * mm),
        Column("Chức vụ, đơn vị", PORTRAIT.frame_width - 67 * mm),
    ]
    story = [
        header_block(header or DocumentHeader(number="15/QĐ-HĐTĐKT", date=dt.date(2019, 1, 5)), PORTRAIT),
        *title_block(
            "Danh sách khen thưởng",
            PORTRAIT,
            subtitle="Đợt thi đua cao điểm về Cải cách hành chính năm 2018",
            reference=attachment_reference("15/QĐ-HĐTĐKT", dt.date(2019, 1, 5), "Chủ tịch Ủy ban nhân dân quận Gò Vấp"),
        ),
        data_table(columns, [[str(i), f"Người số {i}", "Phòng Nội vụ"] for i in range(1, rows + 1)], "Không có ai."),
        signature_block(Signature(name="Nguyễn Thị Thu Hà"), ["Như trên;", "Lưu: VT, NV."], PORTRAIT),
    ]
    return build_document(story, PORTRAIT, title="Danh sách khen thưởng")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2019, 1, 5), "Gò Vấp, ngày 05 tháng 01 năm 2019"),
        (dt.date(2018, 2, 28), "Gò Vấp, ngày 28 tháng 02 năm 2018"),
        (dt.date(2018, 3, 1), "Gò Vấp, ngày 01 tháng 3 năm 2018"),
        (dt.date(2018, 9, 9), "Gò Vấp, ngày 09 tháng 9 năm 2018"),
        (dt.date(2018, 11, 2), "Gò Vấp, ngày 02 tháng 11 năm 2018"),
        (dt.date(2018, 12, 31), "Gò Vấp, ngày 31 tháng 12 năm 2018"),
    ],
)
def test_place_date_line_pads_days_below_ten_and_only_months_one_and_two(date, expected):
    assert place_date_line("Gò Vấp", date) == expected


def test_place_date_line_without_a_date_leaves_blanks_to_fill_by_hand():
    line = place_date_line("Gò Vấp", None)
    assert line.startswith("Gò Vấp, ngày ...")
    assert "tháng ..." in line and "năm ..." in line
    assert vietnamese_date(None) == line.removeprefix("Gò Vấp, ")


def test_number_line_prints_the_number_or_a_blank_before_the_suffix():
    assert number_line(DocumentHeader(number="15/DS-HĐTĐKT")) == "Số: 15/DS-HĐTĐKT"
    assert number_line(DocumentHeader(number="15")) == "Số: 15/DS-HĐTĐKT"
    blank = number_line(DocumentHeader(number_suffix="QĐ-HĐTĐKT"))
    assert blank.startswith("Số:") and blank.endswith("/QĐ-HĐTĐKT")
    assert blank.removeprefix("Số:").removesuffix("/QĐ-HĐTĐKT").strip() == ""
    assert number_line(DocumentHeader(number_suffix="")) == ""


def test_attachment_reference_names_the_decision():
    text = attachment_reference("15/QĐ-HĐTĐKT", dt.date(2019, 1, 5), "Chủ tịch Ủy ban nhân dân quận Gò Vấp")
    assert text == (
        "(Kèm theo Quyết định số 15/QĐ-HĐTĐKT ngày 05 tháng 01 năm 2019 "
        "của Chủ tịch Ủy ban nhân dân quận Gò Vấp)"
    )


def test_a_long_body_name_breaks_after_the_dash_not_inside_thi_dua():
    style = document_styles(12).issuing_body
    assert two_lines("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", style, 60 * mm) == "HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG"
    assert two_lines("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", style, 120 * mm) == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


def test_portrait_document_has_the_decree_30_header_title_and_signature():
    pdf = _letter(rows=3)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = _pages(pdf)[0]
    flat = " ".join(text.split())
    for expected in (
        "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Gò Vấp, ngày 05 tháng 01 năm 2019",
        "Số: 15/QĐ-HĐTĐKT",
        "DANH SÁCH KHEN THƯỞNG",
        "Đợt thi đua cao điểm về Cải cách hành chính năm 2018",
        "(Kèm theo Quyết định số 15/QĐ-HĐTĐKT ngày 05 tháng 01 năm 2019",
        "TM. HỘI ĐỒNG THI ĐUA",
        "CHỦ TỊCH",
        "Nguyễn Thị Thu Hà",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, NV.",
    ):
        assert expected in flat, expected
    assert "HỘI ĐỒNG THI ĐUA" in flat and "KHEN THƯỞNG" in flat


def test_a_long_table_repeats_its_header_once_per_page_and_keeps_every_row():
    pdf = _letter(rows=150)
    pages = _pages(pdf)
    assert len(pages) >= 4
    numbers = []
    for index, text in enumerate(pages):
        assert text.count("Họ và tên") == 1, f"page {index + 1}"
        numbers += [int(line.split()[2]) for line in text.splitlines() if line.startswith("Người số ")]
    assert numbers == list(range(1, 151))


def test_page_numbers_sit_in_the_top_margin_from_page_two_on():
    pdf = _letter(rows=150)
    top_margin = 842 - PORTRAIT.top
    first = [t for t, y in _text_positions(pdf, 0) if y > top_margin]
    assert first == []
    for index in (1, 2):
        in_margin = [t for t, y in _text_positions(pdf, index) if y > top_margin]
        assert in_margin == [str(index + 1)]


def test_an_empty_table_says_so():
    assert "Không có ai." in _pages(_letter(rows=0))[0]


def test_a_row_taller_than_a_page_is_broken_inside_the_row():
    long_text = " ".join(["Thành tích xuất sắc trong phong trào thi đua."] * 250)
    columns = [Column("STT", 12 * mm, "CENTER", wrap=False), Column("Thành tích", PORTRAIT.frame_width - 12 * mm)]
    story = [data_table(columns, [["1", "Ngắn"], ["2", long_text], ["3", "Cuối"]])]
    pages = _pages(build_document(story, PORTRAIT))
    assert len(pages) >= 2
    assert "Cuối" in pages[-1]


def test_identical_input_gives_byte_identical_pdfs():
    assert _letter(rows=60) == _letter(rows=60)


def test_decomposed_text_prints_composed_and_markup_characters_are_escaped():
    nfd = unicodedata.normalize("NFD", "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP")
    header = DocumentHeader(parent_body=nfd, issuing_body="HỘI ĐỒNG <THI ĐUA> & KHEN THƯỞNG", date=dt.date(2019, 1, 5))
    text = _raw_pages(_letter(rows=1, header=header))[0]
    assert unicodedata.is_normalized("NFC", text)
    assert "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP" in text
    assert "<THI ĐUA> &" in " ".join(text.split())
