"""The yearly title lists from the command line: `report titles`."""
import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from models.yearend.lists import Approval, approve
from models.common.codes import TitleCode
from models.store.db import connect
from models.people.staff import get_staff
from models.yearend.title_lists import draft_list, list_title
from models.yearend.titles import list_key, title_proposals
from tests.cli_helpers import demo, own_demo, run  # noqa: F401  (fixtures)

AS_OF = dt.date(2019, 1, 15)
NOW = dt.datetime(2019, 1, 20, 9, 0)
DECISION = Approval("03/QĐ-HĐTĐKT", dt.date(2019, 1, 20), "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH",
                    "Trần Văn Bình", ("Như trên;", "Lưu: VT, NV."), "Hội đồng Thi đua - Khen thưởng quận Gò Vấp")


def _pages(path) -> list[str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in reader.pages]


def _draft(path, title: TitleCode):
    db = connect(path)
    try:
        return draft_list(db, title_proposals(db, 2018), title, AS_OF)
    finally:
        db.close()


@pytest.mark.parametrize("code, title", [("LDTT", TitleCode.LDTT), ("cstdcs", TitleCode.CSTDCS),
                                         ("TTLDTT", TitleCode.TTLDTT), ("TTLDXS", TitleCode.TTLDXS)])
def test_one_title_prints_its_list_with_every_name_and_the_bonus_total(demo, tmp_path, code, title):
    out = tmp_path / f"{code}.pdf"
    result = run("report", "titles", "--db", demo, "--year", "2018", "--title", code, "--as-of", "15/01/2019",
                 "-o", out)
    assert result.returncode == 0, result.stderr
    text = " ".join(_pages(out))
    expected = _draft(demo, title)
    assert expected.entries, "the demo proposes someone for every title"
    assert " ".join(list_title(title, 2018).split()) in text
    for entry in expected.entries:
        assert entry.name in text
    if title == TitleCode.TTLDXS:  # decided by the city: no bonus here, and the list says who decides
        assert expected.total_line.split(";")[0] in text and "tiền thưởng:" not in text
        assert "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh quyết định tặng" in " ".join(text.split())
    else:
        assert expected.total_line in text
    assert "(Dự thảo - số liệu tính đến 15/01/2019)" in text


def test_without_a_title_the_four_lists_are_bound_with_their_own_page_numbers(demo, tmp_path):
    out = tmp_path / "all.pdf"
    result = run("report", "titles", "--db", demo, "--year", "2018", "-o", out)
    assert result.returncode == 0, result.stderr
    pages = _pages(out)
    starts = [i for i, text in enumerate(pages) if "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU" in text]
    assert len(starts) == 4
    assert starts[0] == 0
    for first, end in zip(starts, starts[1:] + [len(pages)]):
        # A list's first page carries no number; its next pages count from 2.
        assert pages[first].split()[-1] not in {str(first + 1), "1"}
        for offset, index in enumerate(range(first + 1, end), start=2):
            assert pages[index].split()[-1] == str(offset)


@pytest.mark.parametrize("args, message", [
    (["--year", "2018", "--title", "ABC"], "--title: không có danh hiệu “ABC”; dùng LDTT, CSTDCS, TTLDTT hoặc TTLDXS"),
    ([], "Cần --year NĂM (năm xét danh hiệu)"),
    (["--year", "1999"], "--year: năm 1999 không hợp lệ (từ 2000 đến 2100)"),
    (["--year", "2005"], "Năm 2005 chưa có kết quả xếp loại quý nào: không có ai để xét danh hiệu"),
    (["--year", "2025"], "Năm 2025 chưa có xếp loại chất lượng cuối năm nào: hãy nhập xếp loại cuối năm (màn hình "
                         "Xếp loại cuối năm, hoặc lệnh import ratings) để xét danh hiệu"),
    (["--year", "2018", "--campaign", "1"], "--campaign không dùng cho titles"),
    (["--year", "2018", "--as-of", "31/02/2019"], "--as-of: ngày 31/02/2019 không tồn tại"),
])
def test_bad_arguments_get_a_clear_message_and_no_file(demo, tmp_path, args, message):
    out = tmp_path / "x.pdf"
    result = run("report", "titles", "--db", demo, *args, "-o", out)
    assert result.returncode == 1
    assert message in result.stderr
    assert not out.exists()


def _approve_ldtt_2018(path, then: str | None = None):
    """Approve the 2018 LĐTT list of the database file ``path`` (then run the SQL ``then``); the draft approved."""
    db = connect(path)
    try:
        draft = draft_list(db, title_proposals(db, 2018), TitleCode.LDTT, AS_OF)
        approve(db, list_key(2018, TitleCode.LDTT), DECISION, draft, NOW)
        if then:
            db.execute(then)
            db.conn.commit()
    finally:
        db.close()
    return draft


def test_a_year_no_rule_set_covers_is_refused_but_its_approved_lists_still_print(own_demo, tmp_path):
    _approve_ldtt_2018(own_demo, then="UPDATE title_rule_set SET from_year = 2019 WHERE from_year = 2017")
    out = tmp_path / "x.pdf"
    result = run("report", "titles", "--db", own_demo, "--year", "2018", "--title", "CSTDCS", "-o", out)
    assert result.returncode == 1
    assert "Chưa có quy định xét danh hiệu thi đua áp dụng cho năm 2018" in result.stderr
    assert not out.exists()
    result = run("report", "titles", "--db", own_demo, "--year", "2018", "--title", "LDTT", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Quyết định số 03/QĐ-HĐTĐKT" in " ".join(_pages(out))


def test_title_is_refused_for_other_reports(demo, tmp_path):
    out = tmp_path / "x.pdf"
    result = run("report", "criticism", "--db", demo, "--campaign", "1", "--title", "LDTT", "-o", out)
    assert result.returncode == 1
    assert "--title chỉ dùng cho danh sách titles (danh hiệu thi đua)" in result.stderr
    assert not out.exists()


def test_an_approved_title_list_prints_its_frozen_snapshot_byte_for_byte(own_demo, tmp_path):
    draft = _approve_ldtt_2018(own_demo)
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    assert run("report", "titles", "--db", own_demo, "--year", "2018", "--title", "LDTT", "-o", before).returncode == 0
    text = " ".join(_pages(before))
    assert "(Ban hành kèm theo Quyết định số 03/QĐ-HĐTĐKT ngày 20 tháng 01 năm 2019" in text
    assert draft.individuals[0].name in text and "Dự thảo" not in text
    assert "Trần Văn Bình" not in text  # the signer signs the decision, not the list attached to it
    # Change the data the list was drawn from: a proposed person is renamed and loses a quarter.
    first = draft.individuals[0]
    db = connect(own_demo)
    try:
        db.execute("UPDATE staff SET full_name = 'Người Đổi Tên' WHERE id = ?", [first.subject_id])
        db.execute("UPDATE classification SET level = 'khong_hoan_thanh' WHERE staff_id = ? AND year = 2018",
                   [first.subject_id])
        db.conn.commit()
        assert get_staff(db, first.subject_id).full_name == "Người Đổi Tên"
        changed = draft_list(db, title_proposals(db, 2018), TitleCode.LDTT, AS_OF)
        assert first.subject_id not in {e.subject_id for e in changed.entries}
    finally:
        db.close()
    assert run("report", "titles", "--db", own_demo, "--year", "2018", "--title", "LDTT", "-o", after).returncode == 0
    assert after.read_bytes() == before.read_bytes()


@pytest.mark.parametrize("kind, args, message", [
    ("criticism", ["--campaign", "1", "--year", "2018"],
     "--year không dùng cho criticism: năm là năm của đợt thi đua (--campaign)"),
    ("classification", ["--year", "2018", "--quarter", "3", "--campaign", "1"], "--campaign không dùng cho classification"),
])
def test_arguments_a_report_does_not_use_are_refused_not_ignored(demo, tmp_path, kind, args, message):
    out = tmp_path / "x.pdf"
    result = run("report", kind, "--db", demo, *args, "-o", out)
    assert result.returncode == 1
    assert message in result.stderr
    assert not out.exists()


def _rated_2025(path):
    """A ward of 2025 judged by its year-end ratings only (no quarter entered)."""
    from models.common.codes import Gender, HeadLevel, StaffCategory, UnitKind
    from models.people.staff import Staff, add_staff
    from models.people.units import Unit, save_unit
    from models.quarters.ratings import set_rating

    db = connect(path)
    try:
        unit_id = save_unit(db, Unit(code="AHT", name="Ủy ban nhân dân phường An Hội Tây", kind=UnitKind.PHUONG)).id
        for i, (name, level) in enumerate([("Nguyễn Thị Lan", HeadLevel.TOT), ("Trần Văn Minh", HeadLevel.XUAT_SAC),
                                           ("Lê Thị Hạnh", HeadLevel.HOAN_THANH)], 1):
            staff_id = add_staff(db, Staff(code=f"AHT{i:02d}", full_name=name, gender=Gender.NU,
                                           category=StaffCategory.CONG_CHUC, unit_id=unit_id, position="Chuyên viên",
                                           recruited_on=dt.date(2015, 1, 1)), dt.date(2026, 1, 15)).id
            set_rating(db, staff_id, 2025, level)
    finally:
        db.close()


def test_the_2025_titles_use_the_2022_law_and_the_base_salary_of_the_as_of_date(tmp_path):
    path = tmp_path / "ward.sqlite3"
    _rated_2025(path)
    out = tmp_path / "titles-2025.pdf"
    result = run("report", "titles", "--year", "2025", "--as-of", "15/01/2026", "--db", path, "-o", out)
    assert result.returncode == 0, result.stderr
    text = " ".join(_pages(out))
    assert "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025" in text
    assert "Nguyễn Thị Lan" in text and "Trần Văn Minh" in text and "Lê Thị Hạnh" not in text
    assert "Xếp loại chất lượng cuối năm 2025: Hoàn thành tốt nhiệm vụ" in text
    # 0,3 x 2.340.000 = 702.000, rounded up to 710.000 (not 420.000 on the 2018 base salary)
    assert "Tổng số: 2 cá nhân; tổng số tiền thưởng: 1.420.000 đồng" in text
    assert "Mức lương cơ sở 2.340.000 đồng theo Nghị định 73/2024/NĐ-CP" in text
