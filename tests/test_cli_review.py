"""The year-end lists from the command line: `report criticism` and `report commendation`."""
import dataclasses
import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from models.yearend.lists import Approval, adjust, approve, current_approval, reopen
from models.campaigns.campaigns import Campaign, save_campaign
from models.common.codes import Assessment, ListKind
from models.store.db import connect
from models.common.errors import DomainError
from models.campaigns.initiatives import list_initiatives, save_initiative
from models.yearend.review import campaign_review, draft_list, list_key
from models.common.text import name_sort_key
from models.people.units import get_unit, save_unit
from tests.cli_helpers import demo, own_demo, run  # noqa: F401  (fixtures)

AS_OF = dt.date(2019, 2, 1)
NOW = dt.datetime(2019, 2, 5, 9, 30)


def _flat(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages)).split())


def _draft(path, kind: ListKind, as_of: dt.date = AS_OF):
    db = connect(path)
    try:
        return draft_list(db, campaign_review(db, 1, as_of), kind)
    finally:
        db.close()


def test_report_criticism_prints_every_criticised_unit_with_its_reasons(demo, tmp_path):
    out = tmp_path / "phe-binh.pdf"
    result = run("report", "criticism", "--db", demo, "--campaign", "1", "--as-of", "01/02/2019", "-o", out)
    assert result.returncode == 0, result.stderr
    assert f"Đã ghi {out}" in result.stdout
    text = _flat(out)
    expected = _draft(demo, ListKind.CRITICISM)
    assert expected.collectives and not expected.individuals
    for part in ("DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH", "Đợt thi đua cao điểm về Cải cách hành chính năm 2018",
                 "(Dự thảo - số liệu tính đến 01/02/2019)", "DỰ THẢO", "(Ban hành kèm theo Quyết định số ........",
                 "STT Tên tập thể Lý do", expected.total_line):
        assert part in text, part
    assert "Nơi nhận:" not in text and "Số:" not in text  # an attached list: no number or signer of its own
    for number, entry in enumerate(expected.collectives, start=1):
        assert f"{number} {entry.name}" in text
        for i, reason in enumerate(entry.text.split("; ")):
            assert (reason if i == 0 else reason[0].lower() + reason[1:]) in text
    assert "Phòng Y tế" in text and "Không báo cáo kết quả" in text


def test_report_commendation_prints_collectives_then_individuals_in_vietnamese_order(demo, tmp_path):
    out = tmp_path / "neu-guong.pdf"
    result = run("report", "commendation", "--db", demo, "--campaign", "1", "--as-of", "01/02/2019", "-o", out)
    assert result.returncode == 0, result.stderr
    text = _flat(out)
    expected = _draft(demo, ListKind.COMMENDATION)
    assert expected.collectives and len(expected.individuals) > 10
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN TIÊU BIỂU XUẤT SẮC ĐƯỢC NÊU GƯƠNG" in text
    assert "I. TẬP THỂ" in text and "II. CÁ NHÂN" in text and expected.total_line in text
    names = [e.name for e in expected.individuals]
    assert names == sorted(names, key=name_sort_key)  # by given name, "Đ" after "D"
    individuals = text[text.index("II. CÁ NHÂN"):]
    positions = [individuals.find(f"{number} {name}") for number, name in enumerate(names, start=1)]
    assert -1 not in positions and positions == sorted(positions)
    # Issue 13: each person is printed with the initiative they are commended for.
    assert "Mô hình, sáng kiến, giải pháp" in individuals
    assert all(e.initiative and e.initiative in individuals for e in expected.individuals)
    # ... and the campaign's deadlines, as the campaign words them, under the subtitle.
    assert ("Đợt thi đua cao điểm về Cải cách hành chính năm 2018 Hạn đăng ký: chậm nhất ngày 03/11/2018; "
            "hạn báo cáo kết quả: chậm nhất ngày 27/01/2019 (Ban hành kèm theo") in text


def test_without_as_of_the_list_is_taken_today(demo, tmp_path):
    out = tmp_path / "today.pdf"
    result = run("report", "criticism", "--db", demo, "--campaign", "1", "-o", out)
    assert result.returncode == 0, result.stderr
    assert f"(Dự thảo - số liệu tính đến {dt.date.today():%d/%m/%Y})" in _flat(out)


@pytest.mark.parametrize("value, message", [
    ("31/02/2019", "--as-of: ngày 31/02/2019 không tồn tại"),
    ("2019/02/01x", "--as-of: “2019/02/01x” không phải ngày dạng dd/mm/yyyy"),
    ("", "--as-of: cần một ngày dạng dd/mm/yyyy"),
])
def test_a_bad_as_of_date_is_refused_and_nothing_is_written(demo, tmp_path, value, message):
    out = tmp_path / "x.pdf"
    result = run("report", "commendation", "--db", demo, "--campaign", "1", "--as-of", value, "-o", out)
    assert result.returncode == 1
    assert message in result.stderr
    assert not out.exists()


def test_as_of_is_only_for_the_year_end_lists(demo, tmp_path):
    out = tmp_path / "x.pdf"
    result = run("report", "initiatives", "--db", demo, "--campaign", "1", "--as-of", "01/02/2019", "-o", out)
    assert result.returncode == 1 and "--as-of chỉ dùng cho danh sách criticism" in result.stderr
    assert not out.exists()


def test_an_unknown_or_missing_campaign_is_refused(demo, tmp_path):
    out = tmp_path / "x.pdf"
    unknown = run("report", "criticism", "--db", demo, "--campaign", "99", "-o", out)
    assert unknown.returncode == 1 and "Không có đợt thi đua số 99" in unknown.stderr
    missing = run("report", "commendation", "--db", demo, "-o", out)
    assert missing.returncode == 1 and "Cần --campaign ID" in missing.stderr
    assert not out.exists()


def test_a_campaign_without_units_gets_the_domains_message(own_demo, tmp_path):
    db = connect(own_demo)
    campaign = save_campaign(db, Campaign(name="Đợt thi đua trống", year=2019, start_date=dt.date(2019, 3, 1),
                                          registration_deadline=dt.date(2019, 3, 10),
                                          report_deadline=dt.date(2019, 6, 30)), unit_ids=[])
    db.close()
    out = tmp_path / "x.pdf"
    result = run("report", "criticism", "--db", own_demo, "--campaign", campaign.id, "-o", out)
    assert result.returncode == 1
    assert "Đợt thi đua “Đợt thi đua trống” chưa có đơn vị tham gia nào: không có gì để xét" in result.stderr
    assert not out.exists()


def _approve_both(path) -> None:
    db = connect(path)
    try:
        review = campaign_review(db, 1, AS_OF)
        for number, kind in ((15, ListKind.COMMENDATION), (16, ListKind.CRITICISM)):
            approval = Approval(f"{number}/QĐ-HĐTĐKT", dt.date(2019, 2, 5), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                "Nguyễn Thị Thu Hà", ("Như trên;", "Lưu: VT, NV."),
                                "Hội đồng Thi đua - Khen thưởng quận Gò Vấp")
            approve(db, list_key(1, kind), approval, draft_list(db, review, kind), NOW)
    finally:
        db.close()


def _print(path, kind: str, out, as_of: str = "01/02/2019") -> bytes:
    result = run("report", kind, "--db", path, "--campaign", "1", "--as-of", as_of, "-o", out)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_an_approved_list_prints_its_frozen_snapshot_whatever_changes_afterwards(own_demo, tmp_path):
    _approve_both(own_demo)
    before = {kind: _print(own_demo, kind, tmp_path / f"{kind}-1.pdf") for kind in ("criticism", "commendation")}
    text = _flat(tmp_path / "criticism-1.pdf")
    assert ("(Ban hành kèm theo Quyết định số 16/QĐ-HĐTĐKT ngày 05 tháng 02 năm 2019 của Hội đồng Thi đua - Khen "
            "thưởng quận Gò Vấp)") in text
    assert "Dự thảo" not in text and "Nguyễn Thị Thu Hà" not in text  # the decision carries the signature

    db = connect(own_demo)
    criticised = _draft(own_demo, ListKind.CRITICISM).collectives[0]
    # Data changes after approval: a criticised unit is renamed, the commended units' initiatives
    # are re-assessed "Không hiệu quả".
    save_unit(db, dataclasses.replace(get_unit(db, criticised.subject_id), name="Phòng Y tế và Dân số"))
    commended = {e.subject_id for e in _draft(own_demo, ListKind.COMMENDATION).collectives}
    for initiative in list_initiatives(db, 1):
        if initiative.unit_id in commended and initiative.assessment == Assessment.TIEU_BIEU:
            save_initiative(db, dataclasses.replace(initiative, assessment=Assessment.KHONG_HIEU_QUA), AS_OF)
    with pytest.raises(DomainError, match="Danh sách đã được phê duyệt theo Quyết định số 16/QĐ-HĐTĐKT"):
        adjust(db, list_key(1, ListKind.CRITICISM), "remove", "unit", criticised.subject_id, "Đã khắc phục", NOW)
    db.close()
    assert not _draft(own_demo, ListKind.COMMENDATION).collectives  # the data really changed

    for kind in ("criticism", "commendation"):
        assert _print(own_demo, kind, tmp_path / f"{kind}-2.pdf", as_of="15/03/2019") == before[kind], kind

    # Reopened, the list is a draft again and shows the changed data.
    db = connect(own_demo)
    reopen(db, list_key(1, ListKind.CRITICISM), "Đơn vị đổi tên", NOW)
    assert current_approval(db, list_key(1, ListKind.CRITICISM)) is None
    db.close()
    after = tmp_path / "criticism-3.pdf"
    assert _print(own_demo, "criticism", after) != before["criticism"]
    assert "Phòng Y tế và Dân số" in _flat(after) and "Dự thảo" in _flat(after)
