"""The register of a campaign's initiatives (reports/initiatives.py)."""
import datetime as dt
import io
import unicodedata

from pypdf import PdfReader

from models.campaigns.registers import RegisterData, RegisterEntry
from models.store.settings import CouncilNames
from reports.initiatives import register_pdf as render_initiative_register, totals_line

from .pdf_text import flat as _flat, pages as _pages, raw_pages as _raw_pages, runs_above as _runs_above
from .pdf_text import first_page, missing

CAMPAIGN = "Đợt thi đua cao điểm về Cải cách hành chính năm 2018"
WARDS = [f"Ủy ban nhân dân Phường {n}" for n in (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)]
OFFICES = ["Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch", "Văn phòng HĐND và UBND quận"]
TITLES = [
    "Ứng dụng phần mềm một cửa điện tử trong tiếp nhận hồ sơ",
    "Mô hình “Dân vận khéo” trong cải cách hành chính",
    "Đổi mới quy trình giải quyết hồ sơ đăng ký kinh doanh hộ cá thể",
    "Tin nhắn SMS thông báo kết quả giải quyết hồ sơ & hẹn trả <kết quả>",
]
KINDS = ["Mô hình", "Sáng kiến", "Giải pháp"]
ASSESSMENTS = ["Tiêu biểu xuất sắc", "Hiệu quả", "Không hiệu quả", ""]


def _row(i: int, units: list[str]) -> RegisterEntry:
    reported = dt.date(2019, 1, 10) + dt.timedelta(days=i % 15) if i % 4 else None
    return RegisterEntry(
        unit_name=units[i % len(units)],
        title=TITLES[i % len(TITLES)],
        kind=KINDS[i % 3],
        field="Ứng dụng công nghệ thông tin" if i % 2 else "Dân vận khéo, dân chủ cơ sở",
        registered_on=dt.date(2018, 10, 29) + dt.timedelta(days=i % 5),
        reported_on=reported,
        assessment=ASSESSMENTS[i % 4] if reported else "",
    )


COUNCIL = CouncilNames(signer_authority="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH", signer_name="Nguyễn Thị Thu Hà",
                       recipients=("Thường trực UBND quận;", "Như trên;", "Lưu: VT, NV."))


def _register(count: int = 20, **changes) -> RegisterData:
    units = WARDS + OFFICES
    if count > len(units):  # every row its own unit, as a real register has
        units = [f"{units[i % len(units)]} - tổ {i}" for i in range(count)]
    values = dict(
        campaign_name=CAMPAIGN,
        year=2018,
        council=COUNCIL,
        entries=tuple(_row(i, units) for i in range(count)),
        unregistered_units=("Phòng Y tế", "Hội Cựu chiến binh quận"),
        as_of=dt.date(2019, 1, 27),
    )
    values.update(changes)
    return RegisterData(**values)


def test_the_register_is_landscape_a4():
    reader = PdfReader(io.BytesIO(render_initiative_register(_register())))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_header_title_and_campaign_are_printed():
    assert missing(first_page(render_initiative_register(_register())), (
        "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "/DS-HĐTĐKT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Gò Vấp, ngày ..... tháng ..... năm ........",
        "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, SÁNG KIẾN, GIẢI PHÁP",
        CAMPAIGN,
        "(Số liệu tính đến 27/01/2019)",
    )) == []


def test_the_deadlines_print_with_the_campaigns_wording_under_the_campaign():
    deadlines = "Hạn đăng ký: trước ngày 03/11/2018; hạn báo cáo kết quả: trước ngày 27/01/2019"
    assert missing(first_page(render_initiative_register(_register(deadlines=deadlines))), (deadlines,)) == []


def test_the_register_data_words_the_deadlines_as_the_campaign_does(db):
    from models.campaigns.campaigns import Campaign, save_campaign
    from models.campaigns.registers import initiative_register_data

    for counts, wording in ((True, "chậm nhất ngày"), (False, "trước ngày")):
        c = save_campaign(db, Campaign(name=f"Đợt {wording}", year=2018, start_date=dt.date(2018, 11, 2),
                                       registration_deadline=dt.date(2018, 11, 3), report_deadline=dt.date(2019, 1, 27),
                                       deadline_day_counts=counts), [])
        assert initiative_register_data(db, c.id, dt.date(2019, 1, 27)).deadlines == (
            f"Hạn đăng ký: {wording} 03/11/2018; hạn báo cáo kết quả: {wording} 27/01/2019")


def test_campaign_without_the_year_gets_it_in_the_subtitle():
    text = _flat(_pages(render_initiative_register(_register(campaign_name="Đợt thi đua cao điểm")))[0])
    assert "Đợt thi đua cao điểm năm 2018" in text


def test_every_unit_title_date_and_assessment_is_printed_in_the_given_order():
    data = _register(20)
    text = _flat(" ".join(_pages(render_initiative_register(data))))
    for header in ("STT", "Đơn vị", "Tên mô hình, sáng kiến, giải pháp", "Loại", "Lĩnh vực",
                   "Ngày đăng ký", "Ngày báo cáo kết quả", "Đánh giá của Hội đồng"):
        assert header in text, header
    position = 0
    for number, row in enumerate(data.entries, start=1):
        cells = [f"{number} {row.unit_name}", row.title, row.kind, row.field,
                 row.registered_on.strftime("%d/%m/%Y")]
        if row.reported_on:
            cells.append(row.reported_on.strftime("%d/%m/%Y"))
        if row.assessment:
            cells.append(row.assessment)
        for cell in cells:
            found = text.find(cell, position)
            assert found >= 0, (number, cell)
            position = found + len(cell)
    assert "29/10/2018" in text and "10/01/2019" in text


def test_units_that_have_not_registered_and_the_totals_follow_the_table():
    text = _flat(" ".join(_pages(render_initiative_register(_register(20)))))
    assert "Các đơn vị chưa đăng ký (2): Phòng Y tế; Hội Cựu chiến binh quận." in text
    assert "Tổng số: 20 đơn vị đăng ký (7 mô hình, 7 sáng kiến, 6 giải pháp)" in text
    assert text.index("Các đơn vị chưa đăng ký") > text.index("20 Văn phòng HĐND và UBND quận")
    assert text.index("Tổng số:") > text.index("Các đơn vị chưa đăng ký")


def test_without_unregistered_units_the_line_is_left_out():
    text = _flat(" ".join(_pages(render_initiative_register(_register(5, unregistered_units=())))))
    assert "chưa đăng ký" not in text
    assert "Tổng số: 5 đơn vị đăng ký (2 mô hình, 2 sáng kiến, 1 giải pháp)" in text


def test_totals_count_each_unit_once():
    rows = [_row(0, ["Phòng Nội vụ"]), _row(1, ["Phòng Nội vụ"]), _row(2, ["Phòng Tư pháp"])]
    assert totals_line(rows) == "Tổng số: 2 đơn vị đăng ký (1 mô hình, 1 sáng kiến, 1 giải pháp)"


def test_an_empty_register_still_prints_a_complete_document():
    text = _flat(" ".join(_pages(render_initiative_register(_register(0)))))
    assert "Chưa có đơn vị nào đăng ký." in text
    assert "Tổng số: 0 đơn vị đăng ký (0 mô hình, 0 sáng kiến, 0 giải pháp)" in text
    assert "Nguyễn Thị Thu Hà" in text


def test_a_400_row_register_has_the_header_and_page_numbers_on_later_pages():
    # Speed is measured in bench/bench_campaign.py, not here.
    data = _register(400)
    pdf = render_initiative_register(data)

    pages = _pages(pdf)
    assert len(pages) >= 10
    top_margin = 595 - 20 * 72 / 25.4  # points above the text area
    assert _runs_above(pdf, 0, top_margin) == []
    assert _runs_above(pdf, 1, top_margin) == ["2"]
    assert _runs_above(pdf, len(pages) - 1, top_margin) == [str(len(pages))]
    for index, text in enumerate(pages):
        if index < len(pages) - 1 or "STT" in text:  # the last page may hold only the signature
            assert text.count("STT") == 1, f"page {index + 1}"
    last = pages[-1]
    assert "Nơi nhận:" in last and "Nguyễn Thị Thu Hà" in last
    assert "KT. CHỦ TỊCH" in last and "PHÓ CHỦ TỊCH" in last
    assert "- Lưu: VT, NV." in last
    text = _flat(" ".join(pages))
    for number in (1, 200, 400):
        assert f" {number} {data.entries[number - 1].unit_name}" in text


def test_identical_input_gives_byte_identical_pdfs():
    assert render_initiative_register(_register(60)) == render_initiative_register(_register(60))


def test_vietnamese_letters_survive_exactly():
    data = _register(
        3,
        entries=(RegisterEntry("Ủy ban nhân dân Phường 17", "Đổi mới cách tiếp dân: “Một cửa” ở phường",
                               "Giải pháp", "Dân vận khéo", dt.date(2018, 11, 2), None, ""),),
    )
    text = _flat(_raw_pages(render_initiative_register(data))[0])
    for expected in ("Ủy ban nhân dân Phường 17", "Đổi mới cách tiếp dân: “Một cửa” ở phường",
                     "Nguyễn Thị Thu Hà", "Độc lập - Tự do - Hạnh phúc"):
        assert expected in text, expected


def test_decomposed_input_prints_as_composed_text():
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    row = RegisterEntry(nfd("Ủy ban nhân dân Phường 17"), nfd("Đổi mới tiếp nhận hồ sơ"), nfd("Sáng kiến"),
                      nfd("Một cửa liên thông"), dt.date(2018, 11, 2), dt.date(2019, 1, 5), nfd("Hiệu quả"))
    data = _register(
        campaign_name=nfd(CAMPAIGN),
        entries=(row,),
        council=CouncilNames(signer_name=nfd("Nguyễn Thị Thu Hà")),
        unregistered_units=(nfd("Hội Cựu chiến binh quận"),),
    )
    raw = " ".join(_raw_pages(render_initiative_register(data)))
    assert unicodedata.is_normalized("NFC", raw)
    text = _flat(raw)
    for expected in ("Ủy ban nhân dân Phường 17", "Đổi mới tiếp nhận hồ sơ", "Sáng kiến", CAMPAIGN,
                     "Nguyễn Thị Thu Hà", "Hội Cựu chiến binh quận", "1 sáng kiến"):
        assert expected in text, expected


def test_markup_characters_in_titles_print_literally():
    text = _flat(" ".join(_pages(render_initiative_register(_register(4)))))
    assert "Tin nhắn SMS thông báo kết quả giải quyết hồ sơ & hẹn trả <kết quả>" in text
