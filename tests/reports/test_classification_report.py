"""The quarterly classification summary (reports/classification.py): one unit's sheet and the
district table."""
import datetime as dt
import io
import unicodedata
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.classification import (
    DistrictClassificationReport,
    DistrictRow,
    UnitClassificationReport,
    UnitSheetRow,
    percent_cell,
    render_district_classification,
    render_unit_classification,
    share_text,
)
from reports.document import DocumentHeader, Signature, document_styles

from .pdf_text import flat as _flat, pages as _pages, raw_pages as _raw_pages, runs as _runs, runs_above as _runs_above
from .pdf_text import first_page, missing

LEVELS = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
          "Không hoàn thành nhiệm vụ"]
NOT_CLASSIFIED = "Không đánh giá"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hoàng", "Thị Ngọc", "Minh", "Thị Mỹ"]
GIVEN = ["Hùng", "Hà", "Đức", "Ánh", "Tuấn", "Duyên", "Lộc", "Oanh", "Phúc", "Ửng", "Ẩn"]
POSITIONS = ["Chủ tịch UBND phường", "Phó Chủ tịch UBND phường", "Công chức Văn phòng - Thống kê",
             "Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Xây dựng", "Nhân viên hợp đồng"]
WARD = "Ủy ban nhân dân Phường 1"
SIGNER = "Nguyễn Thị Thu Hà"
TOP_MARGIN_PORTRAIT = 842 - 20 * 72 / 25.4
TOP_MARGIN_LANDSCAPE = 595 - 20 * 72 / 25.4


# --------------------------------------------------------------------------- helpers


def _long_table_pages(pdf: bytes, top_margin: float, min_pages: int, headers: tuple[str, ...]) -> list[str]:
    """The pages of a long table, checked: nothing above the top margin on page 1, only the page number
    on the others, each of ``headers`` once on every page that holds the table, and the signature block
    with its Nơi nhận on the last page."""
    pages = _pages(pdf)
    assert len(pages) >= min_pages
    assert _runs_above(pdf, 0, top_margin) == []
    for index in range(1, len(pages)):
        assert _runs_above(pdf, index, top_margin) == [str(index + 1)], f"page {index + 1}"
    for index, text in enumerate(pages):
        if index < len(pages) - 1 or "STT" in text:  # the last page may hold only the summary or signature
            flat = _flat(text)
            for header in headers:
                assert flat.count(header) == 1, f"page {index + 1}: {header}"
    assert "Nơi nhận:" in pages[-1] and SIGNER in pages[-1]
    return pages


def _page_size(pdf: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def _person(i: int) -> UnitSheetRow:
    name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[i % len(MIDDLE)]} {GIVEN[i % len(GIVEN)]}"
    if i % 9 == 5:
        result = "Không đánh giá (Nghỉ thai sản)"
    elif i % 13 == 7:
        result = ""  # not yet classified
    else:
        result = LEVELS[i % 4 if i % 4 != 3 or i % 8 == 3 else 1]
    return UnitSheetRow(
        full_name=name,
        position=POSITIONS[i % len(POSITIONS)],
        result=result,
        note="Mới tuyển dụng" if i % 11 == 10 else "",
        is_leader=i < 4,
    )


def _counts(rows: list[UnitSheetRow]) -> list[tuple[str, int, float]]:
    total = len(rows) or 1
    results = [r.result for r in rows]
    counts = [(level, results.count(level)) for level in LEVELS]
    counts.append((NOT_CLASSIFIED, sum(1 for r in results if r.startswith(NOT_CLASSIFIED))))
    return [(label, n, n / total) for label, n in counts[:-1]] + [(*counts[-1], None)]


def _unit(count: int = 25, **changes) -> UnitClassificationReport:
    rows = [_person(i) for i in range(count)]
    values = dict(
        unit_name=WARD,
        year=2019,
        quarter=1,
        header=DocumentHeader(issuing_body="Ủy ban nhân dân Phường 1", number_suffix="BC-UBND",
                              date=dt.date(2019, 4, 3)),
        signature=Signature(authority="TM. Ủy ban nhân dân", title="Chủ tịch", name=SIGNER),
        recipients=["Phòng Nội vụ quận;", "Lưu: VT."],
        rows=rows,
        counts=_counts(rows),
        total=count,
        warnings=["3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"],
        locked=False,
        as_of=dt.date(2019, 4, 3),
    )
    values.update(changes)
    return UnitClassificationReport(**values)


OFFICES = ["Văn phòng HĐND và UBND quận", "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch",
           "Phòng Y tế", "Thanh tra quận", "Hội Liên hiệp Phụ nữ quận", "Liên đoàn Lao động quận"]
WARDS = [f"Ủy ban nhân dân Phường {n}" for n in (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)]
STATUSES = ["Đã nộp", "Đã nộp", "Nộp trễ", "Chưa nộp"]


def _district_row(i: int, name: str) -> DistrictRow:
    status = STATUSES[i % 4]
    if status == "Chưa nộp":
        return DistrictRow(name, 10 + i % 7, (0, 0, 0, 0), 0, 10 + i % 7, status)
    counts = (5 + i % 6, 4 + i % 3, i % 4, i % 2)
    not_classified = i % 3
    return DistrictRow(name, sum(counts) + not_classified, counts, not_classified, 0, status)


def _totals(rows: list[DistrictRow]) -> DistrictRow:
    return DistrictRow(
        "Toàn quận",
        sum(r.total for r in rows),
        tuple(sum(r.counts[k] for r in rows) for k in range(4)),
        sum(r.not_classified for r in rows),
        sum(r.unclassified for r in rows),
        "",
    )


def _district(count: int = 24, **changes) -> DistrictClassificationReport:
    names = WARDS + OFFICES
    if count > len(names):
        names = [f"{names[i % len(names)]} - đơn vị {i}" for i in range(count)]
    rows = [_district_row(i, names[i]) for i in range(count)]
    values = dict(
        year=2019,
        quarter=1,
        header=DocumentHeader(number_suffix="BC-HĐTĐKT", date=dt.date(2019, 4, 8)),
        signature=Signature(authority="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name=SIGNER),
        recipients=["Thường trực UBND quận;", "Lưu: VT, NV."],
        rows=rows,
        totals=_totals(rows),
        as_of=dt.date(2019, 4, 8),
    )
    values.update(changes)
    return DistrictClassificationReport(**values)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("share", "expected"),
    [(1 / 3, "33,3%"), (0.5, "50%"), (0, "0%"), (1, "100%"), (2 / 3, "66,7%"), (0.125, "12,5%"),
     (0.0005, "0,1%"), (0.999, "99,9%"), (0.9999, "100%"), (0.28, "28%")],
)
def test_share_text_is_a_vietnamese_percentage_with_at_most_one_decimal(share, expected):
    assert share_text(share) == expected


@pytest.mark.parametrize(
    ("count", "classified", "expected"),
    [(5, 11, "45,5"), (4, 11, "36,4"), (1, 11, "9,1"), (1, 2, "50,0"), (0, 7, "0,0"), (0, 0, "")],
)
def test_percent_cells_have_exactly_one_decimal_and_are_empty_without_classified_people(
        count, classified, expected):
    assert percent_cell(count, classified) == expected


# --------------------------------------------------------------------------- unit sheet


def test_unit_sheet_is_portrait_a4_and_district_table_landscape_a4():
    assert _page_size(render_unit_classification(_unit(5))) == (595, 842)
    assert _page_size(render_district_classification(_district(5))) == (842, 595)


def test_unit_sheet_prints_header_title_period_and_unit():
    assert missing(first_page(render_unit_classification(_unit())), (
        "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP",
        "ỦY BAN NHÂN DÂN PHƯỜNG 1",
        "Gò Vấp, ngày 03 tháng 4 năm 2019",
        "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, PHÂN LOẠI",
        "Cán bộ, công chức, viên chức, người lao động quý 1 năm 2019",
        "Đơn vị: Ủy ban nhân dân Phường 1",
        "(Số liệu tính đến 03/04/2019)",
        "STT Họ và tên Chức vụ Kết quả xếp loại Ghi chú",
    )) == []


def test_every_person_position_and_result_is_printed_in_the_given_order():
    data = _unit(25)
    text = _flat(" ".join(_pages(render_unit_classification(data))))
    position = 0
    for number, row in enumerate(data.rows, start=1):
        for cell in (f"{number} {row.full_name}", row.position, row.result, row.note):
            if cell:
                found = text.find(cell, position)
                assert found >= 0, (number, cell)
                position = found + len(cell)
    for level in LEVELS + ["Không đánh giá (Nghỉ thai sản)"]:
        assert level in text


def test_the_summary_gives_each_level_its_count_and_vietnamese_percentage():
    rows = [UnitSheetRow(f"Người {i}", "Công chức", LEVELS[0] if i < 1 else LEVELS[1], "", False)
            for i in range(3)]
    counts = [(LEVELS[0], 1, 1 / 3), (LEVELS[1], 2, 2 / 3), (LEVELS[2], 0, 0.0), (LEVELS[3], 0, 0.0),
              (NOT_CLASSIFIED, 0, None)]
    text = _flat(" ".join(_pages(render_unit_classification(_unit(rows=rows, counts=counts, total=3)))))
    assert "Mức xếp loại Số người Tỷ lệ" in text
    # "Không đánh giá" is not a share of the classified: no percentage of its own.
    assert (f"{LEVELS[0]} 1 33,3% {LEVELS[1]} 2 66,7% {LEVELS[2]} 0 0% {LEVELS[3]} 0 0% "
            f"{NOT_CLASSIFIED} 0 Ghi chú: Tỷ lệ (%) tính trên 3 người được xếp loại ở bốn mức trên, "
            "không tính người không đánh giá.") in text
    assert "Tổng số: 3 người" in text
    assert "chưa xếp loại" not in text


def test_people_not_yet_classified_are_counted_in_the_total_line():
    rows = [UnitSheetRow("Lê Văn Tám", "Công chức", LEVELS[1]), UnitSheetRow("Lý Thị Ơn", "Công chức", "")]
    counts = [(LEVELS[0], 0, 0.0), (LEVELS[1], 1, 0.5), (LEVELS[2], 0, 0.0), (LEVELS[3], 0, 0.0),
              (NOT_CLASSIFIED, 0, None)]
    text = _flat(" ".join(_pages(render_unit_classification(_unit(rows=rows, counts=counts, total=2)))))
    assert f"{LEVELS[1]} 1 50%" in text
    assert "Tổng số: 2 người (1 người chưa xếp loại)" in text


def test_leaders_and_their_excellent_share_are_summed_up():
    text = _flat(" ".join(_pages(render_unit_classification(_unit(25)))))
    # _person: leaders are 0..3 with results LEVELS[0], LEVELS[1], LEVELS[2], LEVELS[3] (3 % 8 == 3).
    assert "Lãnh đạo, quản lý: 4 người, trong đó Hoàn thành xuất sắc nhiệm vụ: 1 người (25%)." in text
    no_leaders = [UnitSheetRow("Lê Văn Tám", "Công chức", LEVELS[1])]
    text = _flat(" ".join(_pages(render_unit_classification(_unit(rows=no_leaders, total=1)))))
    assert "Lãnh đạo, quản lý" not in text


def test_warnings_are_printed_in_italics_under_luu_y():
    data = _unit(5, warnings=["3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%",
                              "Chưa xếp loại 2 người"])
    pdf = render_unit_classification(data)
    text = _flat(" ".join(_pages(pdf)))
    assert ("Lưu ý: - 3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50% "
            "- Chưa xếp loại 2 người") in text
    assert text.index("Lưu ý:") > text.index("Tổng số:")
    runs = [r for page in range(len(_pages(pdf))) for r in _runs(pdf, page)]
    warning_fonts = {font for t, _, _, font in runs if "vượt mức 50%" in t or t == "Lưu ý:"}
    assert warning_fonts and all("Italic" in font for font in warning_fonts), warning_fonts


def test_without_warnings_there_is_no_luu_y():
    text = _flat(" ".join(_pages(render_unit_classification(_unit(5, warnings=[])))))
    assert "Lưu ý" not in text


def test_results_not_locked_are_marked_under_the_title_and_locked_ones_are_not():
    pdf = render_unit_classification(_unit(5, locked=False))
    text = _flat(_pages(pdf)[0])
    assert "Đơn vị: Ủy ban nhân dân Phường 1 (Kết quả chưa chốt) (Số liệu tính đến 03/04/2019) STT" in text
    fonts = {font for t, _, _, font in _runs(pdf, 0) if "chưa chốt" in t}
    assert fonts and all("Italic" in font for font in fonts), fonts

    locked = " ".join(_pages(render_unit_classification(_unit(5, locked=True))))
    assert "chưa chốt" not in locked


def test_an_empty_unit_still_prints_a_complete_sheet():
    text = _flat(" ".join(_pages(render_unit_classification(_unit(0, counts=[], warnings=[])))))
    assert "Đơn vị chưa có người nào." in text
    assert "Tổng số: 0 người" in text
    assert SIGNER in text


def test_a_500_person_sheet_has_the_header_on_every_page():
    # Speed is measured in bench/, not here.
    data = _unit(500)
    pages = _long_table_pages(render_unit_classification(data), TOP_MARGIN_PORTRAIT, 12,
                              ("STT Họ và tên Chức vụ Kết quả xếp loại Ghi chú",))
    assert "TM. ỦY BAN NHÂN DÂN" in pages[-1] and "CHỦ TỊCH" in pages[-1]
    text = _flat(" ".join(pages))
    for number in (1, 250, 500):
        assert f"{number} {data.rows[number - 1].full_name}" in text


def test_the_unit_signature_never_stands_alone_on_its_page():
    for count in range(18, 34):  # the table ends at every height of pages 1 and 2
        last = _flat(_pages(render_unit_classification(_unit(count)))[-1])
        assert "Tổng số:" in last, count


# --------------------------------------------------------------------------- district table


def test_district_table_prints_title_period_and_two_row_header():
    pdf = render_district_classification(_district())
    assert missing(first_page(pdf), (
        "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "Gò Vấp, ngày 08 tháng 4 năm 2019",
        "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, PHÂN LOẠI",
        "Các cơ quan, đơn vị, UBND các phường quý 1 năm 2019",
        "(Số liệu tính đến 08/04/2019)",
    )) == []
    runs = _runs(pdf, 0)
    by_text = {}
    for t, x, y, _ in runs:
        by_text.setdefault(t, []).append((x, y))
    for heading in ("STT", "Đơn vị", "HTXSNV", "HTTNV", "HTNV", "KHTNV", "Tình trạng"):
        assert heading in by_text, heading
    # "Số" and "%" sit one row under the level names, once under each of the four levels.
    level_y = by_text["HTXSNV"][0][1]
    assert all(abs(y - level_y) < 1 for _, y in (by_text["HTTNV"] + by_text["HTNV"] + by_text["KHTNV"]))
    numbers = [(x, y) for x, y in by_text["Số"] if level_y - 25 < y < level_y]
    shares = [(x, y) for x, y in by_text["%"] if level_y - 25 < y < level_y]
    assert len(numbers) == 4 and len(shares) == 4
    level_x = sorted(by_text[h][0][0] for h in ("HTXSNV", "HTTNV", "HTNV", "KHTNV"))
    for (number_x, _), (share_x, _), name_x in zip(sorted(numbers), sorted(shares), level_x):
        assert number_x < name_x < share_x + 10  # each level name centred over its two columns


def test_every_unit_row_gives_counts_and_percentages_of_the_classified_people():
    rows = [
        DistrictRow("Phòng Nội vụ", 12, (5, 4, 1, 1), 1, 0, "Đã nộp"),
        DistrictRow("Ủy ban nhân dân Phường 17", 20, (0, 0, 0, 0), 0, 20, "Chưa nộp"),
        DistrictRow("Phòng Tư pháp", 8, (1, 1, 0, 0), 2, 4, "Nộp trễ"),
    ]
    data = _district(rows=rows, totals=_totals(rows))
    text = _flat(" ".join(_pages(render_district_classification(data))))
    assert "1 Phòng Nội vụ 12 5 45,5 4 36,4 1 9,1 1 9,1 1 0 Đã nộp" in text
    assert "2 Ủy ban nhân dân Phường 17 20 0 0 0 0 0 20 Chưa nộp" in text
    assert "3 Phòng Tư pháp 8 1 50,0 1 50,0 0 0,0 0 0,0 2 4 Nộp trễ" in text
    assert "Toàn quận 40 6 46,2 5 38,5 1 7,7 1 7,7 3 24" in text
    assert "HTXSNV: Hoàn thành xuất sắc nhiệm vụ" in text


def test_numbers_are_right_aligned():
    rows = [DistrictRow("Phòng Nội vụ", 9, (5, 4, 0, 0), 0, 0, "Đã nộp"),
            DistrictRow("Phòng Y tế", 120, (60, 50, 10, 0), 0, 0, "Đã nộp")]
    pdf = render_district_classification(_district(rows=rows, totals=_totals(rows)))
    ends = {}
    font = document_styles().fonts.regular
    for t, x, _, _ in _runs(pdf, 0):
        if t in ("9", "120", "55,6", "50,0"):
            ends.setdefault(t, x + stringWidth(t, font, 12))
    assert abs(ends["9"] - ends["120"]) < 0.5  # the "Tổng số" column
    assert abs(ends["55,6"] - ends["50,0"]) < 0.5  # the first "%" column


def test_the_district_total_is_the_bold_last_row():
    pdf = render_district_classification(_district(24))
    pages = _pages(pdf)
    text = _flat(" ".join(pages))
    totals = _district(24).totals
    assert text.index("Toàn quận") > text.index("24 Liên đoàn Lao động quận")
    assert f"Toàn quận {totals.total} {totals.counts[0]}" in text
    runs = [r for page in range(len(pages)) for r in _runs(pdf, page)]
    fonts = {font for t, _, _, font in runs if t == "Toàn quận"}
    assert fonts and all("Bold" in font for font in fonts), fonts
    ward_fonts = {font for t, _, _, font in runs if t == "Phòng Nội vụ"}
    assert ward_fonts and not any("Bold" in font for font in ward_fonts)


def test_a_400_unit_table_has_both_header_rows_on_every_page():
    data = _district(400)
    pdf = render_district_classification(data)
    pages = _long_table_pages(pdf, TOP_MARGIN_LANDSCAPE, 15, ("STT", "HTXSNV HTTNV HTNV KHTNV", "Số % Số % Số % Số %"))
    for index in range(1, len(pages) - 1):
        runs = [r for r in _runs(pdf, index) if r[2] < TOP_MARGIN_LANDSCAPE]
        top_row = max(y for _, _, y, _ in runs)
        assert {t for t, _, y, _ in runs if abs(y - top_row) < 1} >= {"HTXSNV", "KHTNV"}, f"page {index + 1}"
    assert "KT. CHỦ TỊCH" in pages[-1] and "PHÓ CHỦ TỊCH" in pages[-1]
    text = _flat(" ".join(pages))
    for number in (1, 200, 400):
        assert f"{number} {data.rows[number - 1].unit_name}" in text
    assert text.count("Toàn quận") == 1


# --------------------------------------------------------------------------- both


def test_identical_input_gives_byte_identical_pdfs():
    assert render_unit_classification(_unit(60)) == render_unit_classification(_unit(60))
    assert render_district_classification(_district(60)) == render_district_classification(_district(60))


def test_decomposed_input_prints_as_composed_text():
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    rows = [UnitSheetRow(nfd("Nguyễn Thị Ửng"), nfd("Phó Chủ tịch UBND phường"), nfd(LEVELS[0]),
                         nfd("Đề nghị khen thưởng"), True)]
    counts = [(nfd(LEVELS[0]), 1, 1.0)] + [(nfd(label), 0, 0.0) for label in LEVELS[1:] + [NOT_CLASSIFIED]]
    unit = _unit(unit_name=nfd(WARD), rows=rows, counts=counts, total=1,
                 signature=Signature(name=nfd(SIGNER)), warnings=[nfd("1/1 lãnh đạo vượt mức 50%")])
    raw = " ".join(_raw_pages(render_unit_classification(unit)))
    assert unicodedata.is_normalized("NFC", raw)
    text = _flat(raw)
    for expected in ("Đơn vị: Ủy ban nhân dân Phường 1", "Nguyễn Thị Ửng", "Phó Chủ tịch UBND phường",
                     "Đề nghị khen thưởng", SIGNER, "1/1 lãnh đạo vượt mức 50%",
                     f"{LEVELS[0]} 1 100%", f"trong đó {LEVELS[0]}: 1 người (100%)"):
        assert expected in text, expected

    district_rows = [DistrictRow(nfd("Ủy ban nhân dân Phường 17"), 3, (1, 1, 1, 0), 0, 0, nfd("Nộp trễ"))]
    district = _district(rows=district_rows, totals=replace(_totals(district_rows), unit_name=nfd("Toàn quận")),
                         signature=Signature(name=nfd(SIGNER)))
    raw = " ".join(_raw_pages(render_district_classification(district)))
    assert unicodedata.is_normalized("NFC", raw)
    text = _flat(raw)
    for expected in ("1 Ủy ban nhân dân Phường 17 3 1 33,3", "Nộp trễ", "Toàn quận 3", SIGNER):
        assert expected in text, expected


def test_markup_characters_print_literally():
    rows = [UnitSheetRow("Trần Văn <B> & Co", "Chuyên viên", LEVELS[1], "Ghi chú <i>", False)]
    text = _flat(" ".join(_pages(render_unit_classification(_unit(rows=rows, total=1)))))
    assert "Trần Văn <B> & Co" in text and "Ghi chú <i>" in text
    district_rows = [DistrictRow("Đội <A> & B", 2, (1, 1, 0, 0), 0, 0, "Đã nộp")]
    text = _flat(" ".join(_pages(render_district_classification(
        _district(rows=district_rows, totals=_totals(district_rows))))))
    assert "Đội <A> & B" in text


def test_a_unit_sheet_from_the_demo_has_one_base_its_percentages_add_up_to_100_and_say_of_what(tmp_path):
    """Issue 18: P05's sheet for Q3 2018 printed 30,4 + 56,5 + 8,7 + 4,3 + 8 (the people not
    classified, of everybody) = 107,9%."""
    import re

    from models.demo.sample import create_demo_database
    from models.quarters.classification_report import unit_sheet_data
    from models.store.db import connect
    from reports.classification import classification_pdf

    path = tmp_path / "demo.sqlite3"
    create_demo_database(path)
    db = connect(path)
    unit_id = db.execute("SELECT id FROM unit WHERE code = 'P05'").fetchone()[0]
    text = _flat(" ".join(_pages(classification_pdf(unit_sheet_data(db, unit_id, 2018, 3, dt.date(2018, 10, 5))))))
    db.close()
    summary = text[text.index("Mức xếp loại Số người Tỷ lệ"):text.index("Tổng số:")]
    shares = {level: (int(n), float(p.replace(",", ".")))
              for level, n, p in re.findall(r"((?:Không )?[Hh]oàn thành[^\d]*?) (\d+) ([\d,]+)%", summary)}
    assert set(shares) == set(LEVELS)
    classified = sum(n for n, _ in shares.values())
    assert abs(sum(p for _, p in shares.values()) - 100) <= 0.2
    for n, p in shares.values():
        assert abs(p - 100 * n / classified) <= 0.05
    assert re.search(rf"{NOT_CLASSIFIED} \d+ Ghi chú:", summary)  # counted, no percentage
    assert (f"Ghi chú: Tỷ lệ (%) tính trên {classified} người được xếp loại ở bốn mức trên, "
            "không tính người không đánh giá.") in summary
