"""The year-end commendation and criticism lists (reports/award_list.py), read back with pypdf."""
import dataclasses
import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from models.yearend.lists import Approval, PrintableList, PrintedEntry
from models.yearend.authority import Authority
from reports.award_list import AMOUNT_HEADING, decision_number, money, render_award_list

from .docx_text import docx_text
from .pdf_text import flat as _flat, pages as _pages, runs_above as _runs_above

CAMPAIGN = "Đợt thi đua cao điểm về Cải cách hành chính năm 2018"
COMMENDATION = "DANH SÁCH TẬP THỂ, CÁ NHÂN TIÊU BIỂU XUẤT SẮC ĐƯỢC NÊU GƯƠNG"
CRITICISM = "DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH"
ISSUER = "Hội đồng Thi đua - Khen thưởng quận Gò Vấp"
APPROVAL = Approval("15/QĐ-HĐTĐKT", dt.date(2019, 1, 5), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Thu Hà",
                    ("Như trên;", "Thường trực UBND quận;", "Lưu: VT, NV."), ISSUER)
USUAL_SIGNER = Approval("", None, "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH", "Lê Văn Minh",
                        ("Thường trực Quận ủy;", "Lưu: VT, NV."), ISSUER)
_LOCAL = Authority("ldtt", 2000, "local", "Chủ tịch Ủy ban nhân dân quận Gò Vấp", "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP",
                   "QĐ-UBND")
_CITY = Authority("ttldxs", 2000, "higher", "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
                  "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "QĐ-UBND")
# Given in Vietnamese order (by given name: Ánh < Dũng < Đào), as the domain sorts them.
PEOPLE = [
    ("Trần Văn Ánh", "Chuyên viên, Phòng Nội vụ"),
    ("Nguyễn Văn Dũng", "Phó Chủ tịch, Ủy ban nhân dân Phường 5"),
    ("Lê Thị Đào", "Công chức Tư pháp - Hộ tịch, Ủy ban nhân dân Phường 17"),
]
UNITS = ["Phòng Tài chính - Kế hoạch", "Ủy ban nhân dân Phường 1", "Ủy ban nhân dân Phường 10"]


def _unit(i: int, name: str, text: str, **kw) -> PrintedEntry:
    return PrintedEntry("unit", i, name, "Phường", text, **kw)


def _person(i: int, name: str, position: str, text: str = "", **kw) -> PrintedEntry:
    text = text or "Hoàn thành xuất sắc nhiệm vụ 4/4 quý được xếp loại năm 2018"
    return PrintedEntry("staff", i, name, position, text, **kw)


def _commendation(approval: Approval | None = APPROVAL, **changes) -> PrintableList:
    values = dict(
        kind="commendation", title=COMMENDATION, subtitle=CAMPAIGN, parent_body="ỦY BAN NHÂN DÂN QUẬN GÒ VẤP",
        issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", place="Gò Vấp", as_of=dt.date(2019, 1, 31),
        collectives=tuple(_unit(i, n, f"Mô hình “Một cửa điện tử số {i}” được Hội đồng đánh giá Tiêu biểu xuất sắc")
                          for i, n in enumerate(UNITS, start=1)),
        individuals=tuple(_person(i, n, p) for i, (n, p) in enumerate(PEOPLE, start=1)),
        text_heading="Thành tích", approval=approval, draft_signer=None if approval else USUAL_SIGNER,
        total_line="Tổng số: 3 tập thể, 3 cá nhân.",
    )
    values.update(changes)
    return PrintableList(**values)


def _criticism(approval: Approval | None = APPROVAL, **changes) -> PrintableList:
    units = (_unit(1, "Phòng Y tế", "Không báo cáo kết quả"),
             _unit(2, "Ủy ban nhân dân Phường 15", "Đăng ký trễ hạn; Thực hiện không hiệu quả"))
    values = dict(kind="criticism", title=CRITICISM, collectives=units, individuals=(), text_heading="Lý do",
                  total_line="Tổng số: 2 tập thể.")
    values.update(changes)
    return _commendation(approval, **values)


def _text(pdf: bytes) -> str:
    return _flat(" ".join(_pages(pdf)))


def _in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, (part, text[position:position + 200])
        position = found + len(part)


def test_the_list_is_portrait_a4():
    box = PdfReader(io.BytesIO(render_award_list(_commendation()))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_an_approved_list_is_attached_to_its_decision_with_no_number_date_or_signer_of_its_own():
    text = _flat(_pages(render_award_list(_commendation()))[0])
    for expected in ("ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        assert expected in text, expected
    for absent in ("Số:", "Gò Vấp, ngày", "Dự thảo", "DỰ THẢO", "Nơi nhận", "Nguyễn Thị Thu Hà", "PHÓ CHỦ TỊCH"):
        assert absent not in text, absent


def test_the_title_subtitle_and_reference_line_follow_the_header():
    text = _flat(_pages(render_award_list(_commendation()))[0])
    _in_order(text, [
        "Độc lập - Tự do - Hạnh phúc",
        COMMENDATION,
        CAMPAIGN,
        f"(Ban hành kèm theo Quyết định số 15/QĐ-HĐTĐKT ngày 05 tháng 01 năm 2019 của {ISSUER})",
        "STT",
    ])


DEADLINES = "Hạn đăng ký: trước ngày 03/11/2018; hạn báo cáo kết quả: trước ngày 27/01/2019"


@pytest.mark.parametrize("make", [_commendation, _criticism], ids=["commendation", "criticism"])
def test_a_campaigns_list_prints_its_deadlines_as_worded_under_the_subtitle_in_pdf_and_word(make):
    """Issue 13: the deadline wording ("trước ngày" / "chậm nhất ngày") shows on every document."""
    data = make(deadlines=DEADLINES)
    reference = f"(Ban hành kèm theo Quyết định số 15/QĐ-HĐTĐKT ngày 05 tháng 01 năm 2019 của {ISSUER})"
    _in_order(_flat(_pages(render_award_list(data))[0]), [data.title, CAMPAIGN, DEADLINES, reference, "STT"])
    word = " ".join(docx_text(render_award_list(data, fmt="docx")).split())
    _in_order(word, [data.title, CAMPAIGN, DEADLINES, reference])
    draft = _text(render_award_list(make(approval=None, deadlines=DEADLINES)))
    _in_order(draft, [CAMPAIGN, DEADLINES, "(Dự thảo - số liệu tính đến 31/01/2019)"])


def test_a_list_without_deadlines_prints_no_deadline_line():
    """A title list, or a campaign list approved before the lists carried their deadlines."""
    assert "Hạn đăng ký" not in _text(render_award_list(_commendation()))
    assert "Hạn đăng ký" not in docx_text(render_award_list(_commendation(), fmt="docx"))


def test_a_bare_decision_number_gets_the_council_suffix_and_a_zero_below_ten():
    approval = dataclasses.replace(APPROVAL, decision_number="7", decision_date=dt.date(2019, 3, 12))
    text = _text(render_award_list(_criticism(approval)))
    assert f"(Ban hành kèm theo Quyết định số 07/QĐ-HĐTĐKT ngày 12 tháng 3 năm 2019 của {ISSUER})" in text
    assert decision_number("15/QĐ-UBND") == "15/QĐ-UBND" and decision_number("") == ""
    assert decision_number("8/QĐ-UBND") == "08/QĐ-UBND" and decision_number("8", "QĐ-UBND") == "08/QĐ-UBND"


def test_a_draft_prints_a_boxed_draft_mark_blanks_to_fill_in_and_the_day_its_figures_were_taken():
    pdf = render_award_list(_commendation(approval=None))
    text = _text(pdf)
    assert f"(Ban hành kèm theo Quyết định số ........ ngày ..... tháng ..... năm ........ của {ISSUER})" in text
    assert "(Dự thảo - số liệu tính đến 31/01/2019)" in text
    assert "Lê Văn Minh" not in text and "Nơi nhận" not in text
    top_margin = 842 - 20 * 72 / 25.4
    assert _runs_above(pdf, 0, top_margin) == ["DỰ THẢO"]  # in the top margin, first page only
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    assert " re" in content  # the box around it
    assert "DỰ THẢO" not in _text(render_award_list(_commendation()))


def test_a_title_proposal_before_the_decision_is_attached_to_the_councils_tờ_trình():
    data = _commendation(approval=None, kind="ldtt",
                         title="DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018")
    text = _text(render_award_list(data, _LOCAL))
    assert "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018" in text
    assert f"(Kèm theo Tờ trình số ......../TTr-HĐTĐKT ngày ..... tháng ..... năm ........ của {ISSUER})" in text


def test_a_decided_title_list_names_its_decision_and_the_chairman_who_signed_it():
    approval = dataclasses.replace(APPROVAL, decision_number="8/QĐ-UBND", issuer=_LOCAL.decider)
    data = _commendation(approval, kind="ldtt", individuals=(), collectives=(),
                         title="DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018")
    data = dataclasses.replace(data, individuals=(_person(1, "Trần Văn Ánh", "Chuyên viên"),))
    text = _text(render_award_list(data, _LOCAL))
    assert "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018" in text
    assert ("(Ban hành kèm theo Quyết định số 08/QĐ-UBND ngày 05 tháng 01 năm 2019 của Chủ tịch Ủy ban nhân dân "
            "quận Gò Vấp)") in text
    assert "HỘI ĐỒNG THI ĐUA" not in text  # the list is the People's Committee's, as its decision


def test_a_list_decided_higher_up_prints_no_bonus_and_says_who_decides():
    units = (_unit(1, "Phòng Nội vụ", "Đạt chuẩn", amount=2_780_000),)
    data = _commendation(None, kind="ttldxs", collectives=units, individuals=(),
                         title="DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG XUẤT SẮC NĂM 2018",
                         total_line="Tổng số: 1 tập thể; tổng số tiền thưởng: 2.780.000 đồng")
    text = _text(render_award_list(data, _CITY))
    assert AMOUNT_HEADING not in text and "2.780.000" not in text and "tiền thưởng:" not in text
    assert "Tổng số: 1 tập thể" in text
    assert ("(Hội đồng đề nghị; Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh quyết định tặng và chi tiền "
            "thưởng, danh sách này không ghi mức thưởng)") in text


def test_the_short_line_under_the_trích_yếu_is_a_third_to_a_half_of_the_title_line():
    from reportlab.platypus import HRFlowable

    from reports.document import PageLayout, styles_for, title_block

    layout = PageLayout()
    parts = title_block("DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH", layout, subtitle="Đợt thi đua năm 2018", rule=True)
    rules = [p for p in parts if isinstance(p, HRFlowable)]
    assert len(rules) == 1 and parts.index(rules[0]) == len(parts) - 2
    st = styles_for(layout)
    from reportlab.pdfbase.pdfmetrics import stringWidth
    line = stringWidth("DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH", st.title.fontName, st.title.fontSize)
    assert line / 3 <= rules[0].width <= line / 2
    # ... and the list draws it: one stroke more than the same list without it.
    from reports.parts import Heading, render
    from reports.award_list import award_list_document

    doc = award_list_document(_criticism())
    plain = dataclasses.replace(doc, blocks=tuple(dataclasses.replace(b, rule=False) if isinstance(b, Heading) else b
                                                  for b in doc.blocks))

    def strokes(pdf):
        return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1").count(" l S")

    assert strokes(render(doc)) == strokes(render(plain)) + 1


def test_counts_and_amounts_print_with_thousands_separators_and_a_dash_where_none_is_due():
    people = tuple(_person(i, f"Người {i}", "Chuyên viên", "Lao động tiên tiến", amount=0 if i == 2 else 12_738_000)
                   for i in range(1, 4))
    text = _text(render_award_list(_commendation(collectives=(), individuals=people,
                                                 total_line="Tổng số: 12.738 cá nhân")))
    assert "1 Người 1 Chuyên viên Lao động tiên tiến 12.738.000" in text
    assert "2 Người 2 Chuyên viên Lao động tiên tiến -" in text
    assert "Cộng 25.476.000" in text
    from reports.wording import amount_text, count_text
    assert count_text(12738) == "12.738" and amount_text(0) == "-" and amount_text(1000) == "1.000"


def test_a_long_list_numbers_its_rows_with_thousands_separators():
    people = tuple(_person(i, f"N{i}", "CV", "x") for i in range(1, 1002))
    text = _text(render_award_list(_commendation(collectives=(), individuals=people)))
    assert " 1.000 N1000 " in text and " 1.001 N1001 " in text


def test_collectives_and_individuals_print_under_their_own_sections_in_the_given_order():
    data = _commendation()
    text = _text(render_award_list(data))
    _in_order(text, ["I. TẬP THỂ", "STT", "Tên tập thể", "Thành tích"]
              + [f"{i} {e.name} {e.text}" for i, e in enumerate(data.collectives, start=1)]
              + ["II. CÁ NHÂN", "STT", "Họ và tên", "Chức vụ, đơn vị", "Thành tích"]
              + [f"{i} {e.name} {e.position_unit}" for i, e in enumerate(data.individuals, start=1)]
              + ["Tổng số: 3 tập thể, 3 cá nhân."])
    # Vietnamese order as given: Ánh, Dũng, then Đào (not after Z as code points would put it).
    assert text.index("Trần Văn Ánh") < text.index("Nguyễn Văn Dũng") < text.index("Lê Thị Đào")
    assert "Hoàn thành xuất sắc nhiệm vụ 4/4 quý được xếp loại năm 2018" in text
    assert "Chức vụ, đơn vị" not in text[:text.index("II. CÁ NHÂN")]  # collectives: three columns


def test_a_list_of_one_kind_has_no_section_headings():
    text = _text(render_award_list(_commendation(individuals=(), total_line="Tổng số: 3 tập thể, 0 cá nhân.")))
    assert "I. TẬP THỂ" not in text and "II. CÁ NHÂN" not in text
    assert "Tên tập thể" in text and "Họ và tên" not in text


def test_the_criticism_list_prints_each_unit_with_its_reasons():
    text = _text(render_award_list(_criticism()))
    _in_order(text, [CRITICISM, CAMPAIGN, "STT", "Tên tập thể", "Lý do",
                     "1 Phòng Y tế Không báo cáo kết quả",
                     "2 Ủy ban nhân dân Phường 15 Đăng ký trễ hạn; thực hiện không hiệu quả",
                     "Tổng số: 2 tập thể."])
    assert "I. TẬP THỂ" not in text and "Họ và tên" not in text and "Chức vụ, đơn vị" not in text


def test_an_empty_criticism_list_says_so():
    text = _text(render_award_list(_criticism(collectives=(), total_line="Tổng số: 0 tập thể.")))
    assert "Không có tập thể nào bị phê bình." in text and "Tổng số: 0 tập thể." in text


def test_the_totals_close_the_list_with_its_last_rows_and_no_signature():
    text = _text(render_award_list(_commendation()))
    _in_order(text, ["3 Lê Thị Đào", "Tổng số: 3 tập thể, 3 cá nhân."])
    assert "Nơi nhận" not in text and "Nguyễn Thị Thu Hà" not in text


def test_a_long_list_repeats_the_header_row_and_numbers_pages_from_two():
    people = tuple(_person(i, f"Nguyễn Văn Người {i}", "Chuyên viên, Phòng Nội vụ") for i in range(1, 301))
    pdf = render_award_list(_commendation(collectives=(), individuals=people))
    pages = _pages(pdf)
    assert len(pages) >= 8
    top_margin = 842 - 20 * 72 / 25.4  # points above the text area
    assert _runs_above(pdf, 0, top_margin) == []
    for index in range(1, len(pages)):
        assert _runs_above(pdf, index, top_margin) == [str(index + 1)]
    for index, page in enumerate(pages):
        if index < len(pages) - 1 or "STT" in page:  # the last page may hold only the closing lines
            assert page.count("Họ và tên") == 1 and page.count("Chức vụ, đơn vị") == 1, f"page {index + 1}"
    text = _flat(" ".join(pages))
    for number in range(1, 301):
        assert f" {number} Nguyễn Văn Người {number} " in text
    assert "Tổng số: 3 tập thể, 3 cá nhân." in pages[-1] and "300 Nguyễn Văn Người 300" in _flat(pages[-1])


def test_the_same_list_gives_the_same_bytes():
    assert render_award_list(_commendation()) == render_award_list(_commendation())
    assert render_award_list(_criticism(None)) == render_award_list(_criticism(None))


def test_entries_with_a_group_print_under_a_heading_row_for_each_group():
    people = (
        _person(1, "Trần Văn Ánh", "Chuyên viên", "Lao động tiên tiến", group="Phòng Nội vụ"),
        _person(2, "Lê Thị Đào", "Chuyên viên", "Lao động tiên tiến", group="Phòng Nội vụ"),
        _person(3, "Nguyễn Văn Dũng", "Công chức", "Lao động tiên tiến", group="Ủy ban nhân dân Phường 5"),
    )
    text = _text(render_award_list(_commendation(collectives=(), individuals=people)))
    _in_order(text, ["Họ và tên", "Phòng Nội vụ 1 Trần Văn Ánh", "2 Lê Thị Đào",
                     "Ủy ban nhân dân Phường 5 3 Nguyễn Văn Dũng"])
    assert text.count("Phòng Nội vụ") == 1


def test_a_group_heading_never_ends_a_page():
    # Groups of three put a heading at the foot of a page here if the heading were not kept with its row.
    people = tuple(_person(i, f"Người số {i}", "Chuyên viên", "Lao động tiên tiến", group=f"Đơn vị số {i // 3}")
                   for i in range(1, 200))
    pages = _pages(render_award_list(_commendation(collectives=(), individuals=people)))
    assert len(pages) >= 4
    for index, page in enumerate(pages[:-1]):
        rows = [line for line in page.splitlines() if line.startswith(("Đơn vị số", "Người số")) or
                line.split(" ")[0].isdigit() and "Người số" in line]
        assert rows and not rows[-1].startswith("Đơn vị số"), f"page {index + 1}: {rows[-3:]}"


def test_amounts_add_a_money_column_with_a_total_row():
    people = tuple(_person(i, n, p, "Lao động tiên tiến", amount=417_000) for i, (n, p) in enumerate(PEOPLE, 1))
    units = (_unit(1, "Phòng Nội vụ", "Tập thể lao động tiên tiến", amount=1_112_000),)
    text = _text(render_award_list(_commendation(collectives=units, individuals=people)))
    _in_order(text, [AMOUNT_HEADING, "1 Phòng Nội vụ Tập thể lao động tiên tiến 1.112.000", "Cộng 1.112.000",
                     AMOUNT_HEADING, "Lê Thị Đào", "417.000", "Cộng 1.251.000",
                     "Tổng số tiền thưởng: 2.363.000 đồng."])
    assert text.count("417.000") == 3
    assert money(1_390_000) == "1.390.000" and money(0) == "0"


def test_a_list_without_amounts_has_no_money_column():
    text = _text(render_award_list(_commendation()))
    assert AMOUNT_HEADING not in text and "Cộng" not in text and "Tổng số tiền thưởng" not in text


def test_decomposed_text_prints_composed():
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    data = _criticism(collectives=(_unit(1, nfd("Ủy ban nhân dân Phường 17"), nfd("Đăng ký trễ hạn")),),
                      subtitle=nfd(CAMPAIGN))
    raw = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_award_list(data))).pages)
    assert unicodedata.is_normalized("NFC", raw)
    assert "1 Ủy ban nhân dân Phường 17 Đăng ký trễ hạn" in _flat(raw) and CAMPAIGN in _flat(raw)


def test_a_table_cell_keeps_its_line_breaking_only_for_the_same_width():
    from reports.document import document_styles
    from reports.paged_table import CellParagraph

    cell = CellParagraph("Hoàn thành xuất sắc nhiệm vụ 4/4 quý được xếp loại năm 2018", document_styles().cell["LEFT"])
    wide = cell.wrap(400, 1000)
    narrow = cell.wrap(100, 1000)
    assert narrow[1] > wide[1] and cell.wrap(400, 1000) == wide and cell.wrap(100, 50) == narrow


def test_grouped_amounts_print_each_groups_total_then_the_grand_total():
    people = (
        _person(1, "Trần Văn Ánh", "Chuyên viên", "Lao động tiên tiến", group="Phòng Nội vụ", amount=420_000),
        _person(2, "Lê Thị Đào", "Chuyên viên", "Lao động tiên tiến", group="Phòng Nội vụ", amount=420_000),
        _person(3, "Nguyễn Văn Dũng", "Công chức", "Lao động tiên tiến", group="Ủy ban nhân dân Phường 5",
                amount=420_000),
    )
    text = _text(render_award_list(_commendation(collectives=(), individuals=people)))
    _in_order(text, ["Phòng Nội vụ 1 Trần Văn Ánh", "2 Lê Thị Đào", "Cộng 2 người 840.000",
                     "Ủy ban nhân dân Phường 5 3 Nguyễn Văn Dũng", "Cộng 1 người 420.000", "Tổng cộng 1.260.000"])
    # One group only: its total is the table's total, printed once.
    alone = _text(render_award_list(_commendation(collectives=(), individuals=people[:2])))
    assert "Cộng 840.000" in alone and "Cộng 2 người" not in alone and "Tổng cộng" not in alone


def test_a_groups_total_never_starts_a_page():
    # Groups of five put a total at the top of page 2 here if it were not kept with its group's last row.
    people = tuple(_person(i, f"Người số {i}", "Chuyên viên", "Lao động tiên tiến", group=f"Đơn vị số {i // 5}",
                           amount=420_000) for i in range(1, 160))
    pages = _pages(render_award_list(_commendation(collectives=(), individuals=people)))
    assert len(pages) >= 4
    for index, page in enumerate(pages[1:]):
        lines = [line.strip() for line in page.splitlines()]
        rows = [line for line in lines if line.startswith(("Cộng", "Đơn vị số", "Người số"))]
        assert rows and not rows[0].startswith("Cộng"), f"page {index + 2}: {rows[:3]}"


def test_a_page_that_starts_inside_a_group_repeats_its_heading_as_continued():
    people = tuple(_person(i, f"Người số {i}", "Chuyên viên", "Lao động tiên tiến", group=f"Đơn vị số {i // 9:02d}",
                           amount=420_000) for i in range(1, 160))
    pages = _pages(render_award_list(_commendation(collectives=(), individuals=people)))
    assert len(pages) >= 4
    continued = 0
    for index, page in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in page.splitlines()]
        rows = [line for line in lines if line.startswith(("Đơn vị số", "Người số", "Cộng", "Tổng cộng"))]
        if not rows or not any(r.startswith("Người số") for r in rows):
            continue  # the signature's page
        first_person = int(next(r for r in rows if r.startswith("Người số")).split()[-1])
        group = f"Đơn vị số {first_person // 9:02d}"
        if rows[0] == group:  # the page starts with a group's own heading
            assert f"{group} (tiếp theo)" not in page
        else:
            assert rows[0] == f"{group} (tiếp theo)", f"page {index}: {rows[:3]}"
            continued += 1
    assert continued >= 2
    assert sum(page.count("(tiếp theo)") for page in pages[:1]) == 0
