"""The December meeting package from the command line: `report proposal|minutes|decision|certificates`,
and Word output (-o OUT.docx) for every report; the Word text matches the PDF's."""
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from models.store.db import connect
from models.yearend.meeting import Meeting, Member, Vote, meeting_key, members, save_meeting, save_members
from tests.cli_helpers import demo, own_demo, run  # noqa: F401  (fixtures)
from tests.reports.docx_text import docx_text, words
from tests.reports.pdf_text import flat, pages


def _pdf_text(path) -> str:
    return flat(" ".join(pages(path.read_bytes())))


def _meeting(path) -> None:
    db = connect(path)
    try:
        save_members(db, [Member("Nguyễn Văn An", "Chủ tịch", "Phó Chủ tịch Ủy ban nhân dân quận"),
                          Member("Trần Thị Bình", "Phó Chủ tịch", "Trưởng phòng Nội vụ"),
                          Member("Lê Văn Cường", "Ủy viên", "Chánh Văn phòng"),
                          Member("Phạm Thị Dung", "Ủy viên", "Trưởng phòng Tài chính - Kế hoạch"),
                          Member("Hoàng Văn Em", "Thư ký", "Chuyên viên Phòng Nội vụ")])
        ids = [m.id for m in members(db)]
        save_meeting(db, Meeting(meeting_key(year=2018), dt.date(2019, 1, 10), "Phòng họp số 2", "Nguyễn Văn An",
                                 "Hoàng Văn Em", "", frozenset(ids[:4]),
                                 {"ldtt": Vote("ldtt", 4, 4, 4, 4), "cstdcs": Vote("cstdcs", 4, 4, 4, 3)}))
    finally:
        db.close()


def test_the_minutes_show_attendance_votes_and_each_awards_threshold(own_demo, tmp_path):
    _meeting(own_demo)
    out = tmp_path / "bien-ban.pdf"
    result = run("report", "minutes", "--db", own_demo, "--year", "2018", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _pdf_text(out)
    for part in ("BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng quận Gò Vấp xét đề nghị công nhận danh hiệu thi đua "
                 "năm 2018", "Gò Vấp, ngày 10 tháng 01 năm 2019", "Địa điểm: Phòng họp số 2.",
                 "Chủ trì: Nguyễn Văn An. Thư ký: Hoàng Văn Em.",
                 "Thành phần: có mặt 4/5 thành viên Hội đồng; vắng mặt 1.",
                 "5 Hoàng Văn Em Thư ký Chuyên viên Phòng Nội vụ Vắng",
                 # 4 of 5 members = 80% >= 50%: passed; 3 of 5 = 60% < 70% for Chiến sĩ thi đua cơ sở: not.
                 "1 Lao động tiên tiến 413 cá nhân 4 4 4 4 80% / từ 50% Đạt",
                 "2 Chiến sĩ thi đua cơ sở 3 cá nhân 4 4 4 3 60% / từ 70% Không đạt",
                 "Tập thể lao động tiên tiến 34 tập thể - / từ 50% Chưa bỏ phiếu",
                 "Hội đồng thống nhất đề nghị: Lao động tiên tiến (có danh sách kèm theo).",
                 "THƯ KÝ", "CHỦ TRÌ"):
        assert part in text, part
    assert "Số:" in text and "/BB-HĐTĐKT" in text


def test_the_proposal_goes_to_the_chairman_with_counts_bonus_votes_and_the_lists(own_demo, tmp_path):
    _meeting(own_demo)
    out = tmp_path / "to-trinh.pdf"
    result = run("report", "proposal", "--db", own_demo, "--year", "2018", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _pdf_text(out)
    for part in ("TỜ TRÌNH", "Về việc đề nghị công nhận danh hiệu thi đua năm 2018",
                 "Kính gửi: Chủ tịch Ủy ban nhân dân quận Gò Vấp.", "/TTr-HĐTĐKT", "DỰ THẢO",
                 "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng quận Gò Vấp ngày 10 tháng 01 năm 2019",
                 "1 Lao động tiên tiến 413 cá nhân", "4/5 (80%)", "Chưa bỏ phiếu",
                 "Tổng số tiền thưởng đề nghị:",
                 "Danh hiệu “Tập thể lao động xuất sắc” do Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh quyết định",
                 # the lists attached, each a proposal referring to the Tờ trình
                 "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018",
                 "(Kèm theo Tờ trình số ......../TTr-HĐTĐKT"):
        assert part in text, part
    assert text.count("(Kèm theo Tờ trình số") == 4


def _numbers_taken(path, typed: dict[str, str]) -> None:
    """The Tờ trình's and the minutes' numbers entered in the council's books on 12/01/2019, after
    seven other Tờ trình of 2019 and none in 2018."""
    from models.yearend.authority import take_number
    from models.yearend.package import take_package_numbers, year_package

    db = connect(path)
    try:
        take_number(db, "TTr-HĐTĐKT", 2018, "Tờ trình của năm trước")
        for i in range(7):
            take_number(db, "TTr-HĐTĐKT", 2019, f"Tờ trình khác {i}")
        take_package_numbers(db, year_package(db, 2018, dt.date(2019, 1, 31)), typed, dt.date(2019, 1, 12))
    finally:
        db.close()


def test_the_proposal_minutes_and_decision_print_the_numbers_taken_for_their_meeting(own_demo, tmp_path):
    _numbers_taken(own_demo, {"TTr-HĐTĐKT": "8", "BB-HĐTĐKT": "03/BB-HĐTĐKT"})
    texts = {}
    for kind, extra in (("proposal", ()), ("minutes", ()), ("decision", ("--title", "LDTT"))):
        out = tmp_path / f"{kind}.pdf"
        result = run("report", kind, "--db", own_demo, "--year", "2018", *extra, "-o", out)
        assert result.returncode == 0, result.stderr
        texts[kind] = _pdf_text(out)
        if kind == "proposal":
            assert "DỰ THẢO" not in flat(pages(out.read_bytes())[0])  # numbered: no longer a draft
    assert "Số: 08/TTr-HĐTĐKT Gò Vấp, ngày 12 tháng 01 năm 2019" in texts["proposal"]
    assert texts["proposal"].count("(Kèm theo Tờ trình số 08/TTr-HĐTĐKT ngày 12 tháng 01 năm 2019") == 4
    assert "Số: 03/BB-HĐTĐKT Gò Vấp, ngày 12 tháng 01 năm 2019" in texts["minutes"]
    assert ("Xét đề nghị của Hội đồng Thi đua - Khen thưởng quận Gò Vấp tại Tờ trình số 08/TTr-HĐTĐKT ngày 12 tháng "
            "01 năm 2019.") in texts["decision"]


def test_a_document_without_a_number_taken_prints_its_number_blank(own_demo, tmp_path):
    _numbers_taken(own_demo, {"TTr-HĐTĐKT": "", "BB-HĐTĐKT": "2"})
    for kind, blank in (("proposal", "Số: /TTr-HĐTĐKT"), ("minutes", "Số: 02/BB-HĐTĐKT")):
        out = tmp_path / f"{kind}.pdf"
        assert run("report", kind, "--db", own_demo, "--year", "2018", "-o", out).returncode == 0
        assert blank in _pdf_text(out), kind


def test_the_decision_has_its_articles_signature_recipients_and_the_list_attached(demo, tmp_path):
    out = tmp_path / "qd.pdf"
    result = run("report", "decision", "--db", demo, "--year", "2018", "--title", "LDTT", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _pdf_text(out)
    for part in ("ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", "/QĐ-UBND", "QUYẾT ĐỊNH",
                 "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2018",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN GÒ VẤP",
                 "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003",
                 "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
                 "Xét đề nghị của Hội đồng Thi đua - Khen thưởng quận Gò Vấp tại Tờ trình số",
                 "QUYẾT ĐỊNH: Điều 1. Công nhận danh hiệu “Lao động tiên tiến” năm 2018 cho 413 cá nhân (có danh sách "
                 "kèm theo).", "Điều 2.", "chi từ Quỹ thi đua, khen thưởng", "Điều 3.", "Nơi nhận:", "- Như Điều 3;",
                 "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018",
                 "(Ban hành kèm theo Quyết định số ......../QĐ-UBND"):
        assert part in text, part
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert "Số:" not in flat(reader.pages[1].extract_text())  # the list starts a page of its own, no number


def test_a_decision_of_a_higher_authority_is_refused_with_the_way_to_go(demo, tmp_path):
    out = tmp_path / "qd.pdf"
    result = run("report", "decision", "--db", demo, "--year", "2018", "--title", "TTLDXS", "-o", out)
    assert result.returncode == 1
    assert "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh quyết định" in result.stderr
    assert "report proposal" in result.stderr and not out.exists()


@pytest.mark.parametrize("args, message", [
    (("decision", "--year", "2018"), "Cần --title CODE"),
    (("minutes",), "Chọn một: --campaign ID"),
    (("proposal", "--year", "2018", "--campaign", "1"), "Chọn một: --campaign ID"),
    (("certificates", "--year", "2018"), "Cần --title CODE"),
])
def test_package_commands_refuse_bad_arguments_clearly(demo, tmp_path, args, message):
    out = tmp_path / "x.pdf"
    result = run("report", args[0], "--db", demo, *args[1:], "-o", out)
    assert result.returncode == 1
    assert message in result.stderr
    assert not out.exists()


def test_certificates_print_one_page_per_person(demo, tmp_path):
    out = tmp_path / "gcn.pdf"
    result = run("report", "certificates", "--db", demo, "--year", "2018", "--title", "CSTDCS", "-o", out)
    assert result.returncode == 0, result.stderr
    texts = pages(out.read_bytes())
    assert len(texts) == 3
    assert all("CÔNG NHẬN" in t and "CHIẾN SĨ THI ĐUA CƠ SỞ" in t and "Năm 2018" in t for t in texts)


def test_certificates_as_word_have_one_page_per_person_with_the_pdfs_words(demo, tmp_path):
    from docx import Document as Docx

    pdf, word = tmp_path / "gcn.pdf", tmp_path / "gcn.docx"
    for out in (pdf, word):
        result = run("report", "certificates", "--db", demo, "--year", "2018", "--title", "CSTDCS", "-o", out)
        assert result.returncode == 0, result.stderr
    document = Docx(word)
    assert len(document.sections) == 3 and all(s.page_width > s.page_height for s in document.sections)
    lines = [p.text for p in document.paragraphs if p.text]
    assert lines[:5] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", "CÔNG NHẬN", lines[4]]
    assert lines.count("CHIẾN SĨ THI ĐUA CƠ SỞ") == 3 and lines.count("Năm 2018") == 3
    pdf_words, docx_words = words(" ".join(pages(pdf.read_bytes()))), words(docx_text(word.read_bytes()))
    assert docx_words == pdf_words


@pytest.mark.parametrize("args", [
    ("titles", "--year", "2018", "--title", "CSTDCS"),
    ("criticism", "--campaign", "1"),
    ("commendation", "--campaign", "1"),
    ("initiatives", "--campaign", "1"),
    ("classification", "--year", "2018", "--quarter", "4"),
    ("proposal", "--campaign", "1"),
    ("minutes", "--year", "2018"),
    ("decision", "--campaign", "1"),
])
def test_every_report_writes_word_with_the_same_words_as_its_pdf(demo, tmp_path, args):
    pdf, docx = tmp_path / "x.pdf", tmp_path / "x.docx"
    for out in (pdf, docx):
        result = run("report", *args, "--db", demo, "--as-of", "01/02/2019", "-o", out) if args[0] not in (
            "initiatives", "classification") else run("report", *args, "--db", demo, "-o", out)
        assert result.returncode == 0, result.stderr
    assert docx.read_bytes().startswith(b"PK")
    pdf_words, docx_words = words(" ".join(pages(pdf.read_bytes()))), words(docx_text(docx.read_bytes()))
    assert docx_words - pdf_words == set()
    assert {w for w in pdf_words - docx_words if not w.isdigit()} == set()  # page numbers only


def test_an_approved_lists_certificates_carry_its_signer_and_decision(own_demo, tmp_path):
    from models.common.codes import TitleCode
    from models.yearend.lists import Approval, approve
    from models.yearend.title_lists import printable_list
    from models.yearend.titles import list_key

    db = connect(own_demo)
    try:
        approve(db, list_key(2018, TitleCode.CSTDCS),
                Approval("8/QĐ-UBND", dt.date(2019, 1, 15), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"),
                printable_list(db, 2018, TitleCode.CSTDCS, dt.date(2019, 1, 15)), dt.datetime(2019, 1, 15, 9))
    finally:
        db.close()
    out = tmp_path / "gcn.pdf"
    result = run("report", "certificates", "--db", own_demo, "--year", "2018", "--title", "CSTDCS", "-o", out)
    assert result.returncode == 0, result.stderr
    first = flat(pages(out.read_bytes())[0])
    for part in ("Quyết định số 08/QĐ-UBND ngày 15/01/2019", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"):
        assert part in first, part


def test_a_departments_decision_is_its_directors_under_the_citys_peoples_committee(own_demo, tmp_path):
    """Luật 06/2022/QH15 Điều 80 khoản 1: a department's director decides its titles."""
    from dataclasses import replace

    from models.common.codes import CouncilLevel
    from models.store.council_wording import level_wording
    from models.store.settings import council_names, set_council_names

    db = connect(own_demo)
    try:
        set_council_names(db, level_wording(replace(council_names(db), area_name="Nội vụ"), CouncilLevel.DEPARTMENT))
    finally:
        db.close()
    out = tmp_path / "qd.pdf"
    result = run("report", "decision", "--db", own_demo, "--year", "2018", "--title", "CSTDCS", "-o", out)
    assert result.returncode == 0, result.stderr
    decision, attached = (flat(t) for t in pages(out.read_bytes())[:2])
    for part in ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH SỞ NỘI VỤ", "Số: /QĐ-SNV", "GIÁM ĐỐC SỞ NỘI VỤ",
                 "Căn cứ Quyết định số ........ của Ủy ban nhân dân Thành phố Hồ Chí Minh quy định chức năng, nhiệm vụ, "
                 "quyền hạn và cơ cấu tổ chức của Sở Nội vụ;",
                 "chi từ Quỹ thi đua, khen thưởng của Sở Nội vụ theo quy định.",
                 "Điều 3. Chánh Văn phòng Sở Nội vụ, Thường trực Hội đồng Thi đua - Khen thưởng Sở Nội vụ,"):
        assert part in decision, part
    assert "chính quyền địa phương" not in decision and "Ủy ban nhân dân quận" not in decision
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH SỞ NỘI VỤ" in attached
    assert "của Giám đốc Sở Nội vụ)" in attached
