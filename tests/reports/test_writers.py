"""One description, two writers: the PDF (reference) and the Word file print the same text; the layout
rules hold in both (the signature block never alone on a page; the Word table's header row repeats)."""
import io

import pytest

from docx import Document as Docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from reports.document import Column, DocumentHeader, PageLayout, Signature
from reports.parts import Closing, Document, Grid, Header, Heading, Row, Text, format_of, render

from .docx_text import docx_text, words
from .pdf_text import flat, pages


def _doc(rows: int, draft=False) -> Document:
    columns = (Column("STT", 40, "CENTER", False), Column("Họ và tên", 200), Column("Số tiền (đồng)", 227, "RIGHT"))
    grid = Grid(columns, tuple(Row((str(i), f"Nguyễn Văn Người {i}", "1.390.000")) for i in range(1, rows + 1)))
    return Document("Thử", (
        Header(DocumentHeader(number="08", number_suffix="QĐ-UBND"), draft=draft),
        Heading("QUYẾT ĐỊNH", "Về việc công nhận danh hiệu Lao động tiên tiến năm 2018"),
        Text("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;", "italic"),
        grid,
        Closing(Signature("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bình"), ("Như Điều 3;", "Lưu: VT.")),
    ))


def test_the_signature_block_never_stands_alone_on_a_page_whatever_the_table_length():
    seen_two_pages = False
    for rows in range(20, 48):
        last = flat(pages(render(_doc(rows)))[-1])
        assert "Trần Thị Bình" in last, rows
        if "Nguyễn Văn Người 1 " not in last:  # the signature's page is not the first: rows came with it
            seen_two_pages = True
            assert f"Nguyễn Văn Người {rows} " in last, rows
            assert "STT" in last  # the header row repeats above them
    assert seen_two_pages


def test_the_pdf_and_the_word_file_print_the_same_words():
    doc = _doc(30, draft=True)
    pdf_words = words(" ".join(pages(render(doc))))
    docx_words = words(docx_text(render(doc, "docx")))
    assert docx_words - pdf_words == set()
    assert pdf_words - docx_words <= {"2"}  # the page number (Word prints it in the page header)
    assert {"DỰ", "THẢO", "08/QĐ-UBND", "PHÓ", "Bình", "VT."} <= docx_words


def test_the_word_file_is_a4_with_the_decree_margins_and_a_repeated_table_header():
    docx = Docx(io.BytesIO(render(_doc(40), "docx")))
    section = docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    grid = docx.tables[1]
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert grid.rows[0].cells[1].text == "Họ và tên"
    run = docx.paragraphs[0].runs[0] if docx.paragraphs[0].runs else None
    fonts = {r.font.name for p in docx.paragraphs for r in p.runs if r.font.name}
    assert fonts == {"Times New Roman"}
    assert section.different_first_page_header_footer  # page numbers from page 2 on
    del run


def test_the_output_format_follows_the_extension():
    assert format_of("a/b/DS.PDF") == "pdf" and format_of("x.docx") == "docx" and format_of("x.xlsx") == ""
    assert render(_doc(1)).startswith(b"%PDF") and render(_doc(1), "docx").startswith(b"PK")
    assert len(PdfReader(io.BytesIO(render(_doc(1)))).pages) == 1


def test_the_calibration_page_marks_every_field_where_the_offsets_move_it():
    from models.yearend.certificate_form import CertificateForm
    from reports.certificates import FIELDS, calibration_page

    from .pdf_text import runs

    def where(pdf):
        return {text.split(" (")[0]: (x, y) for text, x, y, _ in runs(pdf, 0)
                if " mm)" in text and not text.startswith("TRANG THỬ")}

    still, moved = where(calibration_page(CertificateForm())), where(calibration_page(CertificateForm("preprinted", 10, 5)))
    assert len(still) == len(FIELDS) and "Họ tên / tên tập thể" in still
    mm = 72 / 25.4
    for name, (x, y) in still.items():
        assert moved[name][0] - x == pytest.approx(10 * mm, abs=0.01)
        assert moved[name][1] - y == pytest.approx(-5 * mm, abs=0.01)  # downwards
    content = PdfReader(io.BytesIO(calibration_page(CertificateForm()))).pages[0].get_contents().get_data()
    assert content.count(b" l S") + content.count(b" l\nS") >= 2 * len(FIELDS)  # the crosshairs' strokes
